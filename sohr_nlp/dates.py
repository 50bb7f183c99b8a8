"""Dates as SOHR writes them: Levantine and Gregorian months, day words, الجاري/الفائت.

`parse_date` turns the text of a DATE span into an ISO date (`YYYY-MM-DD`), a year-less
date (`--MM-DD`) or, with `period=True`, a month or year (`YYYY-MM`, `--MM`, `YYYY`).
A report date resolves الجاري (this month), الفائت/الماضي (last month) and missing years.
"""
from __future__ import annotations

import datetime as dt
import re

from sohr_nlp.arabic import normalize

# Normalised month names (ة → ه, ى → ي, hamza folded). Two-word names come first.
MONTHS: dict[str, int] = {
    "كانون الثاني": 1, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
    "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7, "اب": 8,
    "ايلول": 9,
    "يناير": 1, "كانون ثاني": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "افريل": 4, "مايو": 5,
    "ماي": 5, "يونيو": 6, "يونيه": 6, "جوان": 6, "يوليو": 7, "يوليه": 7, "جويليه": 7,
    "اغسطس": 8, "اوت": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    "تشرين اول": 10, "تشرين ثاني": 11, "كانون اول": 12,
}
# Ordinal day words as in "الثالث من نيسان" (normalised, masculine and feminine).
DAY_WORDS: dict[str, int] = {
    "الاول": 1, "الحادي": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5,
    "السادس": 6, "السابع": 7, "الثامن": 8, "التاسع": 9, "العاشر": 10,
    "الحادي عشر": 11, "الثاني عشر": 12, "الثالث عشر": 13, "الرابع عشر": 14,
    "الخامس عشر": 15, "السادس عشر": 16, "السابع عشر": 17, "الثامن عشر": 18,
    "التاسع عشر": 19, "العشرين": 20, "الحادي والعشرين": 21, "الثاني والعشرين": 22,
    "الثالث والعشرين": 23, "الرابع والعشرين": 24, "الخامس والعشرين": 25,
    "السادس والعشرين": 26, "السابع والعشرين": 27, "الثامن والعشرين": 28,
    "التاسع والعشرين": 29, "الثلاثين": 30, "الحادي والثلاثين": 31,
}
_CURRENT = ("الجاري", "الحالي", "هذا")
_PREVIOUS = ("الفائت", "الماضي", "المنصرم", "السابق")
_MONTH_RE = re.compile(
    "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
)
_YEAR_RE = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_DAY_RE = re.compile(r"(?<!\d)(\d{1,2})(?!\d)")


def find_month(norm: str) -> tuple[int, int] | None:
    """(month, position) of the first month name in normalised text, or None."""
    for match in _MONTH_RE.finditer(norm):
        before = norm[match.start() - 1] if match.start() else " "
        after = norm[match.end()] if match.end() < len(norm) else " "
        # a month name is a whole word, possibly after a proclitic or a slash
        if (before in " /-(،" or (before in "وفب" and match.start() < 2) or
                (match.start() >= 2 and norm[match.start() - 2] == " " and before in "وفبل")) \
                and not after.isalpha():
            return MONTHS[match.group()], match.start()
    return None


def _relative_month(norm: str, month: int | None, report: dt.date | None) -> tuple[int | None, int | None]:
    """Resolve (month, year) for الجاري/الفائت phrases against the report date."""
    if report is None:
        return month, None
    if any(w in norm for w in _PREVIOUS):
        prev = report.replace(day=1) - dt.timedelta(days=1)
        return month or prev.month, prev.year if (month or prev.month) == prev.month else None
    if any(w in norm for w in _CURRENT):
        return month or report.month, report.year
    return month, None


def _year_for(month: int, day: int | None, report: dt.date | None) -> int | None:
    """The year of a year-less date: the report's year, or the one before for a date after
    the report's (a report tells what has happened: 13 كانون الثاني in a report of 1 January
    is last year's)."""
    if report is None:
        return None
    return report.year if (month, day or 1) <= (report.month, report.day) else report.year - 1


def parse_date(text: str, *, report_date: str | dt.date | None = None,
               period: bool = False) -> str | None:
    """ISO form of a date phrase, or None when it names no day (or no month, for periods).

    >>> parse_date("8 كانون الثاني")
    '--01-08'
    >>> parse_date("17 أيار/مايو 2023")
    '2023-05-17'
    >>> parse_date("4 حزيران الجاري", report_date="2023-06-20")
    '2023-06-04'
    """
    report = as_date(report_date)
    norm = normalize(text)
    found = find_month(norm)
    month = found[0] if found else None
    year_match = _YEAR_RE.search(norm)
    year = int(year_match.group()) if year_match else None
    rel_month, rel_year = _relative_month(norm, month, report)
    if month is None and "الشهر" in norm:
        month = rel_month
    year = year or rel_year
    day = None
    head = norm[: found[1]] if found else norm
    head_wo_year = _YEAR_RE.sub(" ", head)
    day_match = _DAY_RE.search(head_wo_year)
    if day_match and 1 <= int(day_match.group(1)) <= 31:
        day = int(day_match.group(1))
    else:
        for words in sorted(DAY_WORDS, key=len, reverse=True):
            if re.search(rf"(^| ){words}( |$)", head):
                day = DAY_WORDS[words]
                break
    if month is not None and year is None and (day is not None or period):
        year = _year_for(month, None if period else day, report)
    if period:
        if month is None:
            return f"{year:04d}" if year else None
        return f"{year:04d}-{month:02d}" if year else f"--{month:02d}"
    if month is None or day is None:
        return None
    if year is None:
        return f"--{month:02d}-{day:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def as_date(value: str | dt.date | None) -> dt.date | None:
    """A `datetime.date` from an ISO string (or None); raises ValueError on a malformed one."""
    if value is None or isinstance(value, dt.date):
        return value
    value = value.strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError as err:
        raise ValueError(
            f"(sohr_nlp) [E010] Report date {value!r} is not an ISO date. "
            "Give it as YYYY-MM-DD, e.g. date='2023-06-20'."
        ) from err


def shift_days(report_date: str | dt.date | None, days: int) -> str | None:
    """The ISO date `days` before (negative) or after the report date, or None without one."""
    report = as_date(report_date)
    return (report + dt.timedelta(days=days)).isoformat() if report else None
