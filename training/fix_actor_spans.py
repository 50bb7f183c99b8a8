"""Consistency pass over corpus/src/*.sohr: actor names left outside brackets.

ANNOTATION.md makes every mention of an armed group an ACTOR span, the victims' group in a
casualty phrase too (عنصراً من قوات النظام → قوات النظام). Authors of the long reports often
bracketed only the actors their event lines needed; the model then learns to skip the rest,
and the relation classifier never sees the victims' group. This brackets the bare mentions
of common, unambiguous names with their actor id. Short references (التنظيم، الفصائل، الهيئة)
are bracketed only where the document names the group they stand for.

    .venv/bin/python training/fix_actor_spans.py corpus/src/*.sohr
"""
from __future__ import annotations

import re
import sys

from corpus_passes import LETTER, outside_markup, report_lines, run

FALL = "2024-12-09"
# name → actor id ("" for forces without an owner); longer names first where they overlap
NAMES = {
    "قوات سوريا الديمقراطية": "SDF", "قسد": "SDF", "وحدات حماية الشعب": "SDF",
    "قوى الأمن الداخلي": "ASAYISH", "الأسايش": "ASAYISH",
    "التحالف الدولي": "COALITION",
    "تنظيم الدولة الإسلامية": "ISIS", "داعش": "ISIS",
    "قوات النظام": "REGIME", "المسلحين الموالين لها": None, "المسلحين الموالين للنظام": "NDF",
    "الدفاع الوطني": "NDF",
    "هيئة تحرير الشام": "HTS", "جبهة النصرة": "HTS",
    "القوات التركية": "TURKEY", "الجيش التركي": "TURKEY",
    "القوات الروسية": "RUSSIA", "الطائرات الحربية الروسية": "RUSSIA",
    "الفصائل الموالية لتركيا": "SNA",
    "الميليشيات الموالية لإيران": "IRAN_BACKED",
    "حزب الله اللبناني": "HEZBOLLAH",
    "الطائرات الحربية": "", "الطيران الحربي": "", "الطيران المروحي": "",
}
# short references and the id they take when the document names that group in a span
SHORT = {"التنظيم": "ISIS", "الهيئة": "HTS", "الفصائل": None}


def _pattern(names: list[str], proclitics: str = "[وف]?[بلك]?") -> re.Pattern[str]:
    """Any of `names` as a whole word; the proclitics before it stay outside the span."""
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![{LETTER}])(?P<pre>{proclitics})(?P<name>{alternatives})(?![{LETTER}])")


def _lam_forms(names: dict[str, str]) -> dict[str, str]:
    """للتحالف الدولي: the span is لتحالف الدولي after the proclitic ل."""
    return {"ل" + n[2:]: v for n, v in names.items() if n.startswith("ال")}


def fix_document(body: str, date: str | None) -> tuple[str, int]:
    """Bracket bare actor names in one document's text lines; returns text and how many."""
    ids = set(re.findall(r"\|ACTOR=([A-Z_]+)", body))
    names = {n: v for n, v in NAMES.items() if v is not None}
    if date and date >= FALL:
        names.pop("قوات النظام")
    for short, actor in SHORT.items():
        if actor is None:  # الفصائل: the one faction id the document uses
            factions = ids & {"REBELS", "SNA"}
            actor = factions.pop() if len(factions) == 1 else None
        if actor and actor in ids:
            names[short] = actor
    lam = _lam_forms(names)
    plain = _pattern(list(names))
    after_lam = _pattern(list(lam), proclitics="[وف]?ل")  # ل before ال: the span keeps the second ل
    count = 0

    def bracket(match: re.Match[str], table: dict[str, str]) -> str:
        nonlocal count
        count += 1
        actor = table[match.group("name")]
        label = f"ACTOR={actor}" if actor else "ACTOR"
        return f"{match.group('pre')}[[{match.group('name')}|{label}]]"

    def change(text: str) -> str:
        text = after_lam.sub(lambda m: bracket(m, lam), text) if lam else text
        return plain.sub(lambda m: bracket(m, names), text)

    body = report_lines(body, lambda line: outside_markup(line, change))
    return body, count


def fix(text: str) -> tuple[str, int]:
    parts = re.split(r"(?m)^(?==== doc:)", text)
    total, out = 0, []
    for part in parts:
        date = re.search(r"(?m)^date: (\S+)", part)
        new, n = fix_document(part, date.group(1) if date else None)
        out.append(new)
        total += n
    return "".join(out), total


if __name__ == "__main__":
    run(sys.argv[1:], fix, "actor spans added")
