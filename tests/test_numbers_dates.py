"""Counts and dates as SOHR writes them."""
from __future__ import annotations

import pytest

from sohr_nlp.arabic import normalize, strip_proclitics
from sohr_nlp.dates import parse_date
from sohr_nlp.numbers import parse_count


@pytest.mark.parametrize("text,value", [
    ("121", 121), ("١٢١", 121), ("۱۲۱", 121), ("نحو 30", 30), ("ما لا يقل عن ٤", 4),
    ("أكثر من 30", 30), ("خمسة", 5), ("ثلاثة", 3), ("اثنين", 2), ("خمسة عشر", 15),
    ("خمسة وعشرين", 25), ("مئة", 100), ("مائة", 100), ("ثلاثمائة", 300), ("عشرات", 10),
    ("العشرات", 10), ("مئات", 100), ("آلاف", 1000), ("آلافاً", 1000), ("عدد من", None),
    ("عدة", None), ("", None), ("واحد", 1),
])
def test_parse_count(text, value):
    assert parse_count(text) == value


@pytest.mark.parametrize("text,report,value", [
    ("8 كانون الثاني", None, "--01-08"),
    ("17 أيار/مايو 2023", None, "2023-05-17"),
    ("4 حزيران الجاري", "2023-06-20", "2023-06-04"),
    ("الثالث من نيسان", None, "--04-03"),
    ("١٢ تشرين الأول", "2022-11-02", "2022-10-12"),
    ("22 آب الفائت", "2023-09-05", "2023-08-22"),
    ("19 الشهر الجاري", "2023-06-20", "2023-06-19"),
    ("آذار/مارس 2019", None, None),
    ("حزيران الجاري", "2023-06-20", None),
    ("3 ديسمبر 2024", None, "2024-12-03"),
    ("١٣ كانون الثاني", "2022-01-01", "2021-01-13"),  # after the report's day: last year's
    ("1 كانون الثاني", "2022-01-01", "2022-01-01"),
])
def test_parse_date(text, report, value):
    assert parse_date(text, report_date=report) == value


@pytest.mark.parametrize("text,report,value", [
    ("آذار/مارس 2019", None, "2019-03"), ("حزيران الجاري", "2023-06-20", "2023-06"),
    ("العام 2022", None, "2022"), ("كانون الثاني", None, "--01"),
])
def test_parse_period(text, report, value):
    assert parse_date(text, report_date=report, period=True) == value


def test_bad_report_date_is_a_clear_error():
    with pytest.raises(ValueError, match=r"\[E010\].*YYYY-MM-DD"):
        parse_date("3 آذار", report_date="05/03/2023")


@pytest.mark.parametrize("text,folded", [
    ("مُقاتِل", "مقاتل"), ("مقـــتل", "مقتل"), ("أحمد إلى آخر", "احمد الي اخر"),
    ("مدينة", "مدينه"), ("“قسد”", "قسد"), ("٢٠٢٣", "2023"),
])
def test_normalize(text, folded):
    assert normalize(text) == folded


@pytest.mark.parametrize("word,rest", [
    ("والتحالف", "التحالف"), ("للتحالف", "التحالف"), ("وبالرقة", "الرقه"), ("بلدة", "بلده"),
    ("لواء", "لواء"), ("والي", "والي"),
])
def test_strip_proclitics(word, rest):
    assert strip_proclitics(normalize(word)) == rest
