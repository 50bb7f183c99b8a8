"""Arabic normalisation helpers: diacritics, tatweel, alef/ya/teh forms, digits.

Every function here maps a string to a string for *matching*; none of them is ever applied
to `Doc.text`. They are pure and cheap, so lexicon lookups can call them on every token.
"""
from __future__ import annotations

import re
from functools import lru_cache

from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
)

TATWEEL = "\u0640"
PROCLITICS = "وفبلك"
ARABIC_LETTERS = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهويىٱپچژکگی"
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ARABIC_RE = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_SPACES = re.compile(r"\s+")
_QUOTES = "\"'“”«»‘’„‟"


def to_ascii_digits(text: str) -> str:
    """Map Arabic-Indic (٠-٩) and Persian (۰-۹) digits to ASCII digits."""
    return text.translate(_DIGITS)


def strip_tatweel(text: str) -> str:
    """Remove the tatweel (kashida) stretching character."""
    return text.replace(TATWEEL, "")


def strip_diacritics(text: str) -> str:
    """Remove harakat, tanween, shadda, sukun and the dagger alef."""
    return dediac_ar(text).replace("\u0670", "")


@lru_cache(maxsize=200_000)
def normalize(text: str) -> str:
    """Fold a word or phrase for lexicon matching.

    Removes diacritics and tatweel, unifies alef/hamza forms to ا, alef maqsura to ي and
    teh marbuta to ه, maps digits to ASCII, drops quote marks and squeezes white space.
    """
    text = strip_diacritics(strip_tatweel(text))
    text = normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(text)))
    text = to_ascii_digits(text.replace("ٱ", "ا"))
    text = "".join(ch for ch in text if ch not in _QUOTES)
    return _SPACES.sub(" ", text).strip()


def is_arabic(text: str) -> bool:
    """True when the text contains at least one Arabic letter."""
    return bool(_ARABIC_RE.search(text))


def arabic_ratio(text: str) -> float:
    """Share of letters in the text that are Arabic (0.0 for text without letters)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if _ARABIC_RE.match(ch)) / len(letters)


def strip_proclitics(word: str, *, known: frozenset[str] | set[str] = frozenset()) -> str:
    """Remove leading proclitics (و ف ب ل ك) from a normalised word when the rest is a word.

    The rest counts as a word when it starts with the article ال (and has at least two
    letters after it) or is in `known`. ل before ال has lost the alef: للتحالف → التحالف.
    """
    if len(word) < 3 or word[0] not in PROCLITICS:
        return word
    rest = word[1:]
    if word[0] == "ل" and rest.startswith("ل") and len(rest) > 3:
        return "ا" + rest
    if (rest.startswith("ال") and len(rest) >= 4) or rest in known:
        return strip_proclitics(rest, known=known)
    inner = strip_proclitics(rest, known=known)
    return inner if inner != rest else word
