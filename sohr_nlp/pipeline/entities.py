"""Entity rules and canonical values.

- `sohr_entity_rules`: adds DATE spans that the statistical NER missed, from the month names
  of `sohr_nlp.dates` (Levantine and Gregorian, with day numbers and years), without ever
  overriding a span the NER found.
- `sohr_canonical`: gives every entity its normalised value in `span._.sohr_canonical`: an
  actor id, a governorate, a demonym, an integer or an ISO date (SCHEMA.md `canonical`).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from sohr_nlp.dates import MONTHS, parse_date
from sohr_nlp.lexicon import Lexicon, default_lexicon
from sohr_nlp.numbers import parse_count
from sohr_nlp.pipeline.context import word

if not Span.has_extension("sohr_canonical"):
    Span.set_extension("sohr_canonical", default=None)
if not Doc.has_extension("sohr_date"):
    Doc.set_extension("sohr_date", default=None)

_MONTH_WORDS = {m.split()[0] for m in MONTHS}
_SECOND_WORDS = {m.split()[1] for m in MONTHS if " " in m}
_YEAR = re.compile(r"^(19[5-9]\d|20\d\d)$")
_DAY = re.compile(r"^([1-9]|[12]\d|3[01])$")
_REL = {"الجاري", "الفائت", "الماضي", "المنصرم", "الحالي"}


def date_spans(doc: Doc) -> list[Span]:
    """Spans `[day] month[/month] [year|الجاري]` found by the month lexicon."""
    out = []
    n = len(doc)
    i = 0
    while i < n:
        w = word(doc[i])
        if w not in _MONTH_WORDS:
            i += 1
            continue
        start, end = i, i + 1
        if end < n and word(doc[end]) in _SECOND_WORDS and f"{w} {word(doc[end])}" in MONTHS:
            end += 1
        elif w in ("كانون", "تشرين"):
            i += 1
            continue
        if end + 1 < n and doc[end].text == "/" and word(doc[end + 1]) in _MONTH_WORDS | {"اب"}:
            end += 2
            if end < n and word(doc[end]) in _SECOND_WORDS:
                end += 1
        if end < n and (_YEAR.match(word(doc[end])) or word(doc[end]) in _REL):
            end += 1
        if start > 0 and _DAY.match(word(doc[start - 1])):
            start -= 1
        elif start > 1 and word(doc[start - 1]) == "من" and word(doc[start - 2]).startswith("ال"):
            if parse_date(doc[start - 2:end].text) is not None:
                start -= 2
        out.append(Span(doc, start, end, label="DATE"))
        i = end
    return out


class EntityRules:
    """Adds rule-found DATE spans where the NER has none."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        taken = set()
        for ent in doc.ents:
            taken.update(range(ent.start, ent.end))
        extra = [s for s in date_spans(doc) if not taken.intersection(range(s.start, s.end))]
        if extra:
            doc.ents = filter_spans(list(doc.ents) + extra)
        return doc


class Canonicaliser:
    """Sets `span._.sohr_canonical` on every entity from the lexicon and the parsers."""

    def __init__(self, nlp: Language, name: str, *, lexicon: Lexicon | None = None) -> None:
        self.name = name
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        lex = self.lexicon or default_lexicon()
        for ent in doc.ents:
            ent._.sohr_canonical = canonical_value(ent.label_, ent.text, lex, doc._.sohr_date)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)


def canonical_value(label: str, text: str, lexicon: Lexicon, report_date: str | None) -> Any:
    """The SCHEMA.md `canonical` of an entity text."""
    if label == "ACTOR":
        return lexicon.resolve_actor(text)
    if label == "LOCATION":
        return lexicon.governorate(text)
    if label == "NATIONALITY":
        return lexicon.demonym(text)
    if label == "COUNT":
        return parse_count(text)
    if label == "DATE":
        return parse_date(text, report_date=report_date) or parse_date(
            text, report_date=report_date, period=True)
    return None


@Language.factory("sohr_entity_rules", assigns=["doc.ents"], requires=["doc.ents"])
def make_entity_rules(nlp: Language, name: str) -> EntityRules:
    """Rule-found DATE spans (see module docstring)."""
    return EntityRules(nlp, name)


@Language.factory("sohr_canonical", assigns=["span._.sohr_canonical"], requires=["doc.ents"])
def make_canonicaliser(nlp: Language, name: str) -> Canonicaliser:
    """Canonical values of entities (see module docstring)."""
    return Canonicaliser(nlp, name)
