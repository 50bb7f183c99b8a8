"""One-off consistency pass over corpus/src/*.sohr: countryside, desert and direction words.

ANNOTATION.md puts the direction word right before a place inside its LOCATION span
(شرق حلب), and keeps countryside and desert areas whole with their direction (ريف دير الزور
الشرقي، بادية حمص الشرقية). Authors sometimes left those words outside the brackets; this
moves them in, keeping each span's label, canonical and id.

    .venv/bin/python training/fix_place_spans.py corpus/src/*.sohr
"""
from __future__ import annotations

import re
import sys

from corpus_passes import apply_rules, run

AR = "\u0600-\u06FF"
ADJ = (r"(?:ال)?(?:شمالي|جنوبي)(?:ة)? (?:ال)?(?:شرقي|غربي)(?:ة)?|(?:ال)?(?:شرقي|غربي|شمالي|جنوبي|"
       r"شرقية|غربية|شمالية|جنوبية|أوسط|اوسط|وسطى)")
SPAN = r"\[\[([^\]|]+)\|(LOCATION[^\]]*)\]\]"
DIRECTION = r"(?:شمال|جنوب)(?: (?:شرق|غرب)(?:ي)?)?|(?:شرق|غرب)(?:ي)?|شمالي|جنوبي|(?:شمال|جنوب)(?:ي)? (?:شرق|غرب)(?:ي)?"
RULES = [
    # بريف [[X]] الشرقي → ب[[ريف X الشرقي]]; ريف محافظة [[X]] → [[ريف محافظة X]]
    (re.compile(rf"(?<![{AR}])([وفبل]{{0,2}})(ريف(?: محافظة| مدينة| منطقة| ناحية)?|بادية) {SPAN}(?: ({ADJ})(?![{AR}]))?"),
     lambda m: f"{m.group(1)}[[{m.group(2)} {m.group(3)}{' ' + m.group(5) if m.group(5) else ''}|{m.group(4)}]]"),
    # [[ريف X]] الشرقي → [[ريف X الشرقي]]
    (re.compile(rf"\[\[((?:ريف|بادية) [^\]|]+?)\|(LOCATION[^\]]*)\]\] ({ADJ})(?![{AR}])"),
     lambda m: f"[[{m.group(1)} {m.group(3)}|{m.group(2)}]]"),
    # شرق [[X]] → [[شرق X]] (a direction word right before the name)
    (re.compile(rf"(?<![{AR}])([وفبل]?)({DIRECTION}) {SPAN}"),
     lambda m: f"{m.group(1)}[[{m.group(2)} {m.group(3)}|{m.group(4)}]]"),
]


if __name__ == "__main__":
    run(sys.argv[1:], lambda text: apply_rules(text, RULES), "spans widened")
