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

from sohr_nlp.arabic import normalize
from sohr_nlp.dates import DAY_WORDS, MONTHS, parse_date
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


_DAY_WORDS = {tuple(normalize(k).split()) for k in DAY_WORDS}


def _day_before(doc: Doc, start: int) -> int | None:
    """The first token of a day (`29`, `الثامن`, `الخامس عشر`) ending right before `start`."""
    if start > 0 and _DAY.match(word(doc[start - 1])):
        return start - 1
    for size in (2, 1):
        if start - size >= 0 and tuple(word(doc[j]) for j in range(start - size, start)) in _DAY_WORDS:
            return start - size
    return None


def _names_a_date(span: Span) -> bool:
    words = {word(t) for t in span}
    return bool(words & (_MONTH_WORDS | {"اب", "الشهر", "شهر"})) or any(_YEAR.match(w) for w in words)


def extend_date(doc: Doc, span: Span) -> Span:
    """A DATE span widened to all ANNOTATION.md puts in it: the day before the month (`29 من
    شهر آب`), الجاري/الفائت after it, and the year or `من العام الجاري` that follows."""
    start, end, n = span.start, span.end, len(doc)
    while True:
        w = word(doc[end]) if end < n else ""
        if w in _REL or _YEAR.match(w):
            end += 1
        elif w == "/" and end + 1 < n and word(doc[end + 1]) in _MONTH_WORDS | {"اب"}:
            end += 2
            if end < n and word(doc[end]) in _SECOND_WORDS:
                end += 1
        elif w == "من" and end + 2 < n and word(doc[end + 1]) in ("العام", "عام") and (
                _YEAR.match(word(doc[end + 2])) or word(doc[end + 2]) in _REL):
            end += 3
        else:
            break
    if word(doc[start]) in _MONTH_WORDS | {"اب"}:
        month = start - 1 if start > 0 and word(doc[start - 1]) == "شهر" else start
        day = _day_before(doc, month - 1) if month > 1 and word(doc[month - 1]) == "من" else None
        if day is None and month == start:
            day = _day_before(doc, start)
        if day is not None:
            start = day
    elif _YEAR.match(word(doc[start])) and start > 0 and word(doc[start - 1]) in ("العام", "عام"):
        start -= 1
    if (start, end) == (span.start, span.end):
        return span
    return Span(doc, start, end, label="DATE")


# Folded nouns for people whose demonym follows them (عنصر عراقي، القتيل العراقي), and the
# words that frame a nationality (الجنسية العراقية، عراقي الجنسية، من جنسيات سورية).
_PEOPLE = frozenset({
    "عنصر", "عناصر", "مقاتل", "مقاتلا", "مقاتلين", "مقاتلون", "قيادي", "قياديين", "قيادا",
    "القتيل", "قتيل", "قتلي", "مواطن", "مواطنا", "مواطنين", "مواطنه", "شاب", "شابا", "شبان",
    "رجل", "رجلا", "رجال", "طفل", "طفلا", "اطفال", "امراه", "سيده", "لاجئ", "لاجئين", "عامل",
    "عمال", "امير", "مسلح", "مسلحين", "مسلحا", "معتقل", "معتقلين", "عقيد", "مدني", "مدنيا", "مدنيين",
})
_NATIONALITY_FRAME = frozenset({"جنسيه", "الجنسيه", "جنسيات", "والجنسيه", "بالجنسيه"})
_NOT_STATES = frozenset({"غير", "عربيه", "اسيويه", "اجنبيه", "مختلفه", "متعدده", "عده", "اخري"})


def nationality_spans(doc: Doc, lexicon: Lexicon) -> list[Span]:
    """Demonyms of people that stand where ANNOTATION.md makes them NATIONALITY: after a noun
    for people (عنصر عراقي), after الجنسية or جنسيات, or before الجنسية (عراقي الجنسية)."""
    out = []
    for tok in doc:
        w = word(tok)
        if w in _NOT_STATES or len(w) < 4:
            continue
        before = word(doc[tok.i - 1]) if tok.i > 0 else ""
        after = word(doc[tok.i + 1]) if tok.i + 1 < len(doc) else ""
        if before not in _PEOPLE and before not in _NATIONALITY_FRAME and after != "الجنسيه":
            continue
        if lexicon.demonym(tok.text) is not None:
            out.append(Span(doc, tok.i, tok.i + 1, label="NATIONALITY"))
    return out


class EntityRules:
    """Adds rule-found DATE and NATIONALITY spans where the NER has none, and widens every
    DATE span to the day, month, year and relative words that belong to it."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        taken = set()
        for ent in doc.ents:
            taken.update(range(ent.start, ent.end))
        found = date_spans(doc) + nationality_spans(doc, default_lexicon())
        extra = [s for s in found if not taken.intersection(range(s.start, s.end))]
        kept = [e for e in doc.ents if e.label_ != "DATE" or _names_a_date(e)]
        if len(kept) < len(doc.ents):  # a DATE with no month, year or الشهر names no date
            taken = set()
            for ent in kept:
                taken.update(range(ent.start, ent.end))
            extra = [s for s in found if not taken.intersection(range(s.start, s.end))]
        ents = kept + extra
        wide = [extend_date(doc, e) if e.label_ == "DATE" else e for e in ents]
        if extra or len(kept) < len(doc.ents) or any(a is not b for a, b in zip(wide, ents)):
            # a widened date swallows what it now covers (العام 2017 in … من العام 2017)
            doc.ents = filter_spans(sorted(wide, key=lambda e: e.label_ != "DATE"))
        return doc


_FALL_OF_REGIME = "2024-12-08"
_YEARS = re.compile(r"(?<!\d)(20[12]\d)(?!\d)")
_PATRON = {"REGIME": "NDF", "TURKEY": "SNA", "IRAN_BACKED": "IRAN_BACKED", "RUSSIA": "NDF",
           "SNA": "SNA", "HEZBOLLAH": "IRAN_BACKED"}
# Generic names of government forces, which name the new government after the fall.
_GOVERNMENT_WORDS = ("حكوم", "الجيش السوري", "الاجهزه الامنيه", "وزاره الدفاع", "وزاره الداخليه",
                     "قوات الامن", "القوي الامنيه", "الامن الداخلي", "السلطات")
_OLD = {"السابق", "البائد", "المخلوع", "النظام"}
_GENERIC_FACTIONS = {"الفصائل", "فصائل", "الفصائل المسلحه", "الفصائل العسكريه", "فصائل مسلحه"}


class Canonicaliser:
    """Sets `span._.sohr_canonical` on every entity from the lexicon and the parsers.

    Actor names whose id depends on the context are settled here, from the document:
    government forces after the fall of the regime (8 December 2024) are TRANSITIONAL_GOV;
    "the gunmen/factions loyal to it" take the id that their patron's militias have (قوات
    النظام والمسلحين الموالين لها → NDF; القوات التركية والفصائل الموالية لها → SNA); bare
    "the factions" are the Turkish-backed ones in a report that names Turkey or the SNA.
    """

    def __init__(self, nlp: Language, name: str, *, lexicon: Lexicon | None = None) -> None:
        self.name = name
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        lex = self.lexicon or default_lexicon()
        after_fall = _after_fall(doc)
        previous: str | None = None
        actors = []
        for ent in doc.ents:
            value = canonical_value(ent.label_, ent.text, lex, doc._.sohr_date)
            if ent.label_ == "ACTOR":
                key = normalize(ent.text)
                if "الموال" in key and key.split()[-1] in ("لها", "له", "لهم") and previous in _PATRON:
                    value = _PATRON[previous]
                elif after_fall and value == "REGIME":
                    if "فلول" in key:  # the old regime's remnants are just another armed party
                        value = "OTHER"
                    elif any(g in key for g in _GOVERNMENT_WORDS) and not _OLD.intersection(key.split()):
                        value = "TRANSITIONAL_GOV"
                previous = value
                actors.append((ent, key))
            ent._.sohr_canonical = value
        found = {ent._.sohr_canonical for ent, _ in actors}
        if found & {"TURKEY", "SNA"}:
            for ent, key in actors:
                if key in _GENERIC_FACTIONS and ent._.sohr_canonical == "REBELS":
                    ent._.sohr_canonical = "SNA"
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)


def _after_fall(doc: Doc) -> bool:
    """Whether the report is from after the fall of the regime (its date, else its years)."""
    if doc._.sohr_date:
        return str(doc._.sohr_date)[:10] >= _FALL_OF_REGIME
    years = [int(y) for y in _YEARS.findall(doc.text)]
    return bool(years) and max(years) >= 2025


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
