"""Counts as SOHR writes them: digits in any script, number words, duals and vague amounts.

`parse_count` turns the text of a COUNT span (or a longer phrase around it) into the integer
an event record carries, following SCHEMA.md: hedges keep their number (`نحو 30` → 30), vague
amounts take ACLED's conservative number (`عشرات` → 10), `عدد من` stays unknown.
"""
from __future__ import annotations

import re

from sohr_nlp.arabic import normalize, strip_proclitics

# Keys are normalised (ة → ه, ى → ي, أ/إ → ا).
UNITS = {
    "صفر": 0, "واحد": 1, "واحده": 1, "احد": 1, "احدي": 1,
    "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2,
    "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6,
    "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9,
    "عشر": 10, "عشره": 10,
}
TENS = {
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
    "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
    "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
}
HUNDREDS = {
    "مئه": 100, "مائه": 100, "مئتان": 200, "مئتين": 200, "مائتان": 200, "مائتين": 200,
    "ثلاثمئه": 300, "ثلاثمائه": 300, "اربعمئه": 400, "اربعمائه": 400, "خمسمئه": 500,
    "خمسمائه": 500, "ستمئه": 600, "ستمائه": 600, "سبعمئه": 700, "سبعمائه": 700,
    "ثمانمئه": 800, "ثمانمائه": 800, "تسعمئه": 900, "تسعمائه": 900,
}
THOUSANDS = {"الف": 1000, "الفان": 2000, "الفين": 2000, "الاف": 1000, "آلاف": 1000}
VAGUE = {
    "عشرات": 10, "العشرات": 10, "مئات": 100, "المئات": 100, "مات": 100,
    "الاف": 1000, "الالاف": 1000, "الافا": 1000,
}
# Counts implied by a noun without a numeral (SCHEMA.md: قيادي killed → 1; dual nouns → 2).
UNKNOWN_AMOUNTS = ("عدد من", "عده", "العديد من", "بعض")
_DIGIT_RE = re.compile(r"\d+(?:[.,٫]\d+)?")
_WORD_RE = re.compile(r"[\w\u0600-\u06FF]+")


def _word_value(word: str) -> int | None:
    """Value of one normalised number word, or None."""
    word = strip_proclitics(word, known=frozenset(UNITS) | frozenset(TENS))
    for table in (VAGUE, UNITS, TENS, HUNDREDS, THOUSANDS):
        if word in table:
            return table[word]
    if word.startswith("ال") and word[2:] in UNITS:
        return UNITS[word[2:]]
    if word.endswith("ا") and word[:-1] in VAGUE:  # آلافاً
        return VAGUE[word[:-1]]
    return None


def parse_count(text: str) -> int | None:
    """The integer a count phrase states, or None when it states none.

    >>> parse_count("ما لا يقل عن ١٢")
    12
    >>> parse_count("خمسة عشر")
    15
    >>> parse_count("عشرات")
    10
    """
    norm = normalize(text)
    if not norm:
        return None
    if any(phrase in norm for phrase in UNKNOWN_AMOUNTS) and not _DIGIT_RE.search(norm):
        return None
    digits = _DIGIT_RE.search(norm)
    if digits:
        return int(re.sub(r"[.,٫].*", "", digits.group()))
    total, current, seen = 0, 0, False
    for word in _WORD_RE.findall(norm):
        if word == "و":
            continue
        if word.startswith("و") and _word_value(word[1:]) is not None:
            word = word[1:]
        value = _word_value(word)
        if value is None:
            continue
        seen = True
        if word in VAGUE or word.rstrip("ا") in VAGUE:
            return value
        if value == 10 and current and current < 10:  # خمسة عشر
            current += 10
        elif value >= 1000:
            total += max(current, 1) * value
            current = 0
        else:
            current += value
    return total + current if seen else None
