"""Plumbing shared by the consistency passes over corpus/src/*.sohr (training/fix_*.py)."""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

# Arabic letters, without the Arabic comma and other punctuation of the block
LETTER = "\u0621-\u064A\u0671-\u06D3"
MARKUP = re.compile(r"\[\[[^\]]*\]\]|\{\{[^}]*\}\}")


Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]


def apply_rules(text: str, rules: list[Rule]) -> tuple[str, int]:
    """The text after each (pattern, replacement) rule in turn, and how many matches they had."""
    total = 0
    for pattern, repl in rules:
        text, n = pattern.subn(repl, text)
        total += n
    return text, total


def outside_markup(line: str, change: Callable[[str], str]) -> str:
    """The line with `change` applied to the text between its [[spans]] and {{triggers}}."""
    out, last = [], 0
    for m in MARKUP.finditer(line):
        out += [change(line[last:m.start()]), m.group(0)]
        last = m.end()
    out.append(change(line[last:]))
    return "".join(out)


def report_lines(text: str, change: Callable[[str], str]) -> str:
    """The text with `change` applied to each line of report text (not headers or @ lines)."""
    return "\n".join(line if not line.strip() or line.startswith(("@", "#", "===", "date:"))
                     else change(line) for line in text.split("\n"))


def run(paths: list[str], fix: Callable[[str], tuple[str, int]], what: str) -> None:
    """Apply `fix` (text → new text, count) to each file, rewriting the changed ones."""
    for name in paths:
        path = Path(name)
        text, n = fix(path.read_text(encoding="utf-8"))
        if n:
            path.write_text(text, encoding="utf-8")
        print(f"{path}: {n} {what}")
