"""Consistency pass over corpus/src/*.sohr: demonyms of people left outside brackets.

ANNOTATION.md makes the demonym in `الجنسية العراقية`، `عراقي الجنسية`، `من جنسية أفغانية` and
`من جنسيات سورية وغير سورية` (the first سورية; غير سورية is not a state) a NATIONALITY span.
Authors often left SOHR's stock phrase `من جنسيات سورية وغير سورية` unbracketed. This
brackets a bare demonym in those frames when the lexicon knows it.

    .venv/bin/python training/fix_nationality_spans.py corpus/src/*.sohr
"""
from __future__ import annotations

import re
import sys

from corpus_passes import LETTER, outside_markup, report_lines, run

from sohr_nlp.lexicon import default_lexicon

WORD = rf"[{LETTER}]+"
FRAMES = [
    re.compile(rf"(?<![{LETTER}])(?P<pre>[وب]?(?:من )?(?:ال)?جنسي(?:ة|ات) )(?P<nat>{WORD})(?![{LETTER}])"),
    re.compile(rf"(?<![{LETTER}])(?P<pre>)(?P<nat>{WORD})(?= (?:ال)?جنسية(?![{LETTER}]))"),
]
NOT_STATES = {"غير", "عربية", "آسيوية", "أجنبية", "مختلفة", "متعددة", "عدة", "أخرى"}


def fix(text: str) -> tuple[str, int]:
    lexicon = default_lexicon()
    count = 0

    def bracket(m: re.Match[str]) -> str:
        nonlocal count
        nat = m.group("nat")
        demonym = lexicon.demonym(nat)
        if nat in NOT_STATES or not demonym:
            return m.group(0)
        count += 1
        return f"{m.group('pre')}[[{nat}|NATIONALITY={demonym}]]"

    def change(text: str) -> str:
        for frame in FRAMES:
            text = frame.sub(bracket, text)
        return text

    return report_lines(text, lambda line: outside_markup(line, change)), count


if __name__ == "__main__":
    run(sys.argv[1:], fix, "nationality spans added")
