"""Consistency pass over corpus/src/*.sohr: what belongs inside a DATE span.

ANNOTATION.md puts الجاري and الفائت after a month inside its DATE span (حزيران الجاري) and
gives العام 2022 as a DATE. Authors often left those words outside the brackets, so the model
learned spans that stop short of them; this moves them in, keeping each span's canonical
value and id. The day before a month (`29 من [[آب]]`) and `من العام 2019` after it are taken
in too.

    .venv/bin/python training/fix_date_spans.py corpus/src/*.sohr
"""
from __future__ import annotations

import re
import sys

from corpus_passes import LETTER as AR, apply_rules, run

from sohr_nlp.arabic import normalize
from sohr_nlp.dates import DAY_WORDS, find_month

RELATIVE = "الجاري|الفائت|الماضي|المنصرم|الحالي"
SPAN = r"\[\[([^\]|]+)\|(DATE[^\]]*)\]\]"
DAY = r"(?:[0-9]{1,2}|" + "|".join(sorted(DAY_WORDS, key=len, reverse=True)) + ")"
YEAR_AFTER = rf"من العام (?:[0-9]{{4}}|{RELATIVE})"
AFTER_MONTH = rf"(?:{RELATIVE})(?: {YEAR_AFTER})?|{YEAR_AFTER}"


def _if_month(span_text: str, widened: str, match: re.Match[str]) -> str:
    return widened if find_month(normalize(span_text)) else match.group(0)


RULES = [
    # [[حزيران|DATE]] الجاري → [[حزيران الجاري|DATE]]; … من العام 2019 / من العام الجاري
    (re.compile(rf"{SPAN} ({AFTER_MONTH})(?![{AR}0-9])"),
     lambda m: _if_month(m.group(1), f"[[{m.group(1)} {m.group(3)}|{m.group(2)}]]", m)),
    # العام [[2019|DATE]] → [[العام 2019|DATE]]
    (re.compile(rf"(?<![{AR}])([وفبل]?)(العام|عام) \[\[([0-9]{{4}})\|(DATE[^\]]*)\]\]"),
     lambda m: f"{m.group(1)}[[{m.group(2)} {m.group(3)}|{m.group(4)}]]"),
    # 29 من [[آب|DATE]] → [[29 من آب|DATE]]
    (re.compile(rf"(?<![{AR}0-9])({DAY}) (من (?:شهر )?){SPAN}"),
     lambda m: _if_month(m.group(3), f"[[{m.group(1)} {m.group(2)}{m.group(3)}|{m.group(4)}]]", m)),
]


if __name__ == "__main__":
    run(sys.argv[1:], lambda text: apply_rules(text, RULES), "date phrases looked at")
