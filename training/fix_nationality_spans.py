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
from pathlib import Path

from sohr_nlp.lexicon import default_lexicon

LETTER = "\u0621-\u064A\u0671-\u06D3"
WORD = rf"[{LETTER}]+"
MARKUP = re.compile(r"\[\[[^\]]*\]\]|\{\{[^}]*\}\}")
FRAMES = [
    re.compile(rf"(?<![{LETTER}])(?P<pre>[وب]?(?:من )?(?:ال)?جنسي(?:ة|ات) )(?P<nat>{WORD})(?![{LETTER}])"),
    re.compile(rf"(?<![{LETTER}])(?P<pre>)(?P<nat>{WORD})(?= (?:ال)?جنسية(?![{LETTER}]))"),
]
NOT_STATES = {"غير", "عربية", "آسيوية", "أجنبية", "مختلفة", "متعددة", "عدة", "أخرى"}


def fix_line(line: str) -> tuple[str, int]:
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

    pieces, last = [], 0
    for m in MARKUP.finditer(line):
        pieces.append((line[last:m.start()], True))
        pieces.append((m.group(0), False))
        last = m.end()
    pieces.append((line[last:], True))
    out = []
    for text, free in pieces:
        if free:
            for frame in FRAMES:
                text = frame.sub(bracket, text)
        out.append(text)
    return "".join(out), count


def fix(text: str) -> tuple[str, int]:
    lines, total = [], 0
    for line in text.split("\n"):
        if line.strip() and not line.startswith(("@", "#", "===", "date:")):
            line, n = fix_line(line)
            total += n
        lines.append(line)
    return "\n".join(lines), total


def main(paths: list[str]) -> None:
    for name in paths:
        path = Path(name)
        text, n = fix(path.read_text(encoding="utf-8"))
        if n:
            path.write_text(text, encoding="utf-8")
        print(f"{path}: {n} nationality spans added")


if __name__ == "__main__":
    main(sys.argv[1:])
