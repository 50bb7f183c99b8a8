"""Table-driven tests of `Lexicon.demonym`: nationality phrasings of SOHR reports → demonyms.

SOHR states a victim's nationality in several shapes: the bare adjective (`عراقي`,
`العراقية`, `عراقيين`), the phrases `الجنسية العراقية`, `من الجنسية العراقية`,
`عراقي الجنسية`, `من جنسية أفغانية`, `يحمل الجنسية التركية`, and broken plurals (`أفغان`,
`روس`, `شيشان`, `أتراك`, `مغاربة`). The expected value is the English demonym of SCHEMA.md.
"""
from __future__ import annotations

import pytest

from lexicon_cases import case_maker

from sohr_nlp.lexicon import default_lexicon

case = case_maker()


CASES = [
    # Syrian
    case("سوري", "Syrian"),
    case("السوريين", "Syrian"),
    case("من الجنسية السورية", "Syrian"),
    case("سوري الجنسية", "Syrian"),
    case("سوريّ الجنسيّة", "Syrian"),
    # Iraqi
    case("عراقي", "Iraqi"),
    case("العراقية", "Iraqi"),
    case("عراقيين", "Iraqi"),
    case("عراقيون", "Iraqi"),
    case("الجنسية العراقية", "Iraqi"),
    case("من الجنسية العراقية", "Iraqi"),
    case("عراقي الجنسية", "Iraqi"),
    case("عراقيه الجنسيه", "Iraqi"),
    case("من جنسية عراقية", "Iraqi"),
    case("يحمل الجنسية العراقية", "Iraqi"),
    case("يحملون الجنسية العراقية", "Iraqi"),
    case("عراقيـين", "Iraqi"),
    # Afghan
    case("أفغاني", "Afghan"),
    case("افغاني", "Afghan"),
    case("أفغان", "Afghan"),
    case("الأفغان", "Afghan"),
    case("من جنسية أفغانية", "Afghan"),
    case("من الجنسية الأفغانية", "Afghan"),
    case("أفغاني الجنسية", "Afghan"),
    case("الأفغانيّة", "Afghan"),
    # Russian
    case("روسي", "Russian"),
    case("روس", "Russian"),
    case("الروس", "Russian"),
    case("من الجنسية الروسية", "Russian"),
    case("روسي الجنسية", "Russian"),
    case("يحملون الجنسية الروسية", "Russian"),
    # Chechen
    case("شيشاني", "Chechen"),
    case("شيشان", "Chechen"),
    case("الشيشان", "Chechen"),
    case("من الجنسية الشيشانية", "Chechen"),
    # Turkish
    case("تركي", "Turkish"),
    case("أتراك", "Turkish"),
    case("الاتراك", "Turkish"),
    case("يحمل الجنسية التركية", "Turkish"),
    case("تركي الجنسية", "Turkish"),
    case("تحمل الجنسية التركية", "Turkish"),
    # Uzbek
    case("أوزبكي", "Uzbek"),
    case("أوزبك", "Uzbek"),
    case("من الجنسية الأوزبكية", "Uzbek"),
    case("اوزبكستاني", "Uzbek"),
    # Uyghur
    case("إيغور", "Uyghur"),
    case("الأويغور", "Uyghur"),
    case("من الجنسية الإيغورية", "Uyghur"),
    case("تركستاني", "Uyghur"),
    # Tajik
    case("طاجيكي", "Tajik"),
    case("طاجيك", "Tajik"),
    case("طاجيكستاني الجنسية", "Tajik"),
    # Kazakh
    case("كازاخي", "Kazakh"),
    case("من الجنسية الكازاخستانية", "Kazakh"),
    case("كازاخ", "Kazakh"),
    # Azerbaijani
    case("أذربيجاني", "Azerbaijani"),
    case("آذري", "Azerbaijani"),
    case("من الجنسية الأذربيجانية", "Azerbaijani"),
    # Dagestani
    case("داغستاني", "Dagestani"),
    case("من الجنسية الداغستانية", "Dagestani"),
    # Iranian
    case("إيراني", "Iranian"),
    case("ايراني الجنسيه", "Iranian"),
    case("الإيرانيين", "Iranian"),
    case("من الجنسية الإيرانية", "Iranian"),
    # Lebanese
    case("لبناني", "Lebanese"),
    case("لبنانيّ", "Lebanese"),
    case("من الجنسية اللبنانية", "Lebanese"),
    case("اللبنانيين", "Lebanese"),
    # Palestinian
    case("فلسطيني", "Palestinian"),
    case("فلسطيني الجنسية", "Palestinian"),
    case("الفلسطينيين", "Palestinian"),
    # Jordanian
    case("أردني", "Jordanian"),
    case("اردني الجنسية", "Jordanian"),
    case("من الجنسية الأردنية", "Jordanian"),
    # Saudi
    case("سعودي", "Saudi"),
    case("سعودى", "Saudi"),
    case("والجنسية السعودية", "Saudi"),
    case("سعودي الجنسية", "Saudi"),
    # Egyptian
    case("مصري", "Egyptian"),
    case("مصري الجنسية", "Egyptian"),
    case("بالجنسية المصرية", "Egyptian"),
    # Tunisian
    case("تونسي", "Tunisian"),
    case("تونسـي", "Tunisian"),
    case("توانسة", "Tunisian"),
    case("من الجنسية التونسية", "Tunisian"),
    # Moroccan
    case("مغربي", "Moroccan"),
    case("مغاربة", "Moroccan"),
    case("مغربي الجنسية", "Moroccan"),
    # Algerian
    case("جزائري", "Algerian"),
    case("من الجنسية الجزائرية", "Algerian"),
    # Libyan
    case("ليبي", "Libyan"),
    case("ليبي الجنسية", "Libyan"),
    # Yemeni
    case("يمني", "Yemeni"),
    case("من الجنسية اليمنية", "Yemeni"),
    # Sudanese
    case("سوداني", "Sudanese"),
    case("سوداني الجنسية", "Sudanese"),
    # Kuwaiti
    case("كويتي", "Kuwaiti"),
    case("من الجنسية الكويتية", "Kuwaiti"),
    # Somali
    case("صومالي", "Somali"),
    case("صومالي الجنسية", "Somali"),
    # Pakistani
    case("باكستاني", "Pakistani"),
    case("من الجنسية الباكستانية", "Pakistani"),
    # French
    case("فرنسي", "French"),
    case("فرنسية الجنسية", "French"),
    case("تحمل الجنسية الفرنسية", "French"),
    # German
    case("ألماني", "German"),
    case("الألمان", "German"),
    case("من الجنسية الألمانية", "German"),
    # British
    case("بريطاني", "British"),
    case("بريطانية الجنسية", "British"),
    case("الإنكليز", "British"),
    case("يحمل الجنسية البريطانية", "British"),
    # American
    case("أمريكي", "American"),
    case("أميركي الجنسية", "American"),
    case("أمريكان", "American"),
    case("يحمل الجنسية الأمريكية", "American"),
    # Belgian
    case("بلجيكي", "Belgian"),
    case("من الجنسية البلجيكية", "Belgian"),
    # Dutch
    case("هولندي", "Dutch"),
    case("هولندية الجنسية", "Dutch"),
    # Chinese
    case("صيني", "Chinese"),
    case("من الجنسية الصينية", "Chinese"),
    # Indonesian
    case("إندونيسي", "Indonesian"),
    case("اندونيسية الجنسية", "Indonesian"),
]


@pytest.fixture(scope="module")
def lex():
    return default_lexicon()


@pytest.mark.parametrize("surface,expected", CASES)
def test_demonym(lex, surface, expected):
    assert lex.demonym(surface) == expected


def test_table_size():
    demonyms = {p.values[1] for p in CASES}
    assert len(CASES) >= 110
    assert len(demonyms) >= 30, sorted(demonyms)


@pytest.mark.parametrize("surface", ["الجنسية", "من الجنسية", "مدنيين", "عناصر", "أجانب"])
def test_not_a_demonym(lex, surface):
    assert lex.demonym(surface) is None
