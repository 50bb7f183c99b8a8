"""Sentence boundaries by character offset, for evidence spans and relation features."""
from __future__ import annotations

import re

# A sentence ends at a line break, or at . ؟ ? ! (one or more) followed by white space.
_BOUNDARY = re.compile(r"\n+|(?<=[.؟?!])\s+")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, without the white space around it.

    >>> sentence_spans("قتل شاب. واعتقل آخر\\nعنوان")
    [(0, 8), (9, 19), (20, 25)]
    """
    spans = []
    pos = 0
    for match in _BOUNDARY.finditer(text):
        _add(text, pos, match.start(), spans)
        pos = match.end()
    _add(text, pos, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def covering_span(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The union of the sentences that overlap [start, end)."""
    hits = [s for s in spans if s[0] < max(end, start + 1) and start < s[1]]
    if not hits:
        return start, end
    return hits[0][0], hits[-1][1]
