"""Doc-level context shared by the trained components: sentences, entity order, folded words."""
from __future__ import annotations

import bisect
from typing import Any

from spacy.tokens import Doc

from sohr_nlp.sentences import sentence_spans

_SENT_KEY = ("sohr_nlp", "sentence_of_token")


def sentence_of_token(doc: Doc) -> list[int]:
    """Sentence index of every token (cached on the doc)."""
    cached = doc.user_data.get(_SENT_KEY)
    if cached is not None and len(cached) == len(doc):
        return cached
    starts = [s for s, _ in sentence_spans(doc.text)]
    out = [max(0, bisect.bisect_right(starts, tok.idx) - 1) for tok in doc]
    doc.user_data[_SENT_KEY] = out
    return out


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the sentences of the doc."""
    return sentence_spans(doc.text)


def word(token: Any) -> str:
    """The folded form of a token (its NORM, which the tokenizer sets)."""
    return token.norm_



# Folded words that open a new clause, and often a new incident, inside a long sentence.
CLAUSE_BREAKS = frozenset({"كما", "بينما", "حين", "كذلك", "فيما", "ايضا", "بالتزامن", "وسط",
                           "اضافه", "ذلك", "سياق", "متصل", "اخر", "حيث", "تزامنا", "بدوره", "بدورها"})


def is_clause_break(w: str, breaks: frozenset[str] = CLAUSE_BREAKS) -> bool:
    """Whether a folded word is one of `breaks`, alone or after و/ف (كما، وكما، فيما …)."""
    return w in breaks or (w[:1] in "وف" and w[1:] in breaks)


def clause_breaks(doc: Doc, start: int, end: int) -> int:
    """How many clause-opening words (كما، بينما، في حين …) lie in tokens [start, end)."""
    return sum(1 for i in range(start, end) if is_clause_break(word(doc[i])))


def bucket(n: int) -> str:
    """A coarse bucket for a distance or a count."""
    for edge in (0, 1, 2, 3, 5, 8, 12, 20, 35):
        if n <= edge:
            return str(edge)
    return "far"
