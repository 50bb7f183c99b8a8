"""The tokenizer never changes the text: `Doc.text` is the input and every token is a slice of it."""
from __future__ import annotations

import time

import pytest

import sohr_nlp
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sohr_nlp.tokenizer import MAX_CHARS, blank

NLP = blank()

TATWEEL = "\u0640"
ARABIC = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهويىٱپچژکگی"
MARKS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670"
DIGITS = "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"
PUNCT = "،.:؛؟?!()«»“”\"'‘’–-/%+#@[]{}٫,"
SPACES = " \n\t\r\u00a0\u200f\u200c\u200d\u2028"
SOHR_WORDS = [
    "بالرقة", "والتحالف", "وبالتحالف", "للتحالف", "بريف", "لقوات", "وعناصر", "بلدة",
    "مقـ ـتل", "اعـ ـتـ ـقـ ـال", "“الـ ـتـ ـنـ ـظـ ـيـ ـم”", "عـ ـمـ ـلـ ـيـ ـا ت", "-3عمليات",
    "لـ115", "السوري509", "١٢١", "۱۲۳", "3.5", "T4", "SDF", "مُقاتِل", "أحمد", "و”التحالف",
    "::", "..", "،", "ـ", "ـ ـ", " ", "\n", "و", "ل", "لل", "ـا ت", "ـ ـو",
]

arabic_text = st.text(alphabet=ARABIC + MARKS + TATWEEL * 6 + DIGITS + PUNCT + SPACES * 3 +
                      "abcXYZ_", max_size=300)
sohr_like = st.lists(
    st.one_of(st.sampled_from(SOHR_WORDS), st.text(alphabet=ARABIC + TATWEEL, max_size=8)),
    max_size=200,
).flatmap(lambda words: st.lists(st.sampled_from(["", " ", "  ", "\n", " ـ", "ـ "]),
                                 min_size=len(words), max_size=len(words))
          .map(lambda seps: "".join(w + s for w, s in zip(words, seps))))
any_text = st.one_of(st.text(max_size=300), arabic_text, sohr_like)


def check_offsets(text: str) -> None:
    doc = NLP(text)
    assert doc.text == text
    assert "".join(t.text_with_ws for t in doc) == text
    position = 0
    for token in doc:
        assert len(token) > 0
        assert token.idx == position
        assert token.text == text[token.idx: token.idx + len(token)]
        position = token.idx + len(token) + len(token.whitespace_)
    assert position == len(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
@example("")
@example(" ")
@example("\n\n")
@example(TATWEEL)
@example("ـ ـ")
@example("مقـ ـتل")
@example("مقـ  ـتل")
@example("مقـ ـتل ـ")
@example("عـ ـمـ ـلـ ـيـ ـا ت")
@example("عـ ـمـ ـلـ ـيـ ـا و")
@example("وللتحالف، بالرقة:: لـ115 -3عمليات “الـ ـتـ ـنـ ـظـ ـيـ ـم”\n")
@example("\U0001F600 مقتل \U0001F600")
@example("e\u0301 مُقاتِل")
def test_any_text_round_trips(text):
    check_offsets(text)


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example,
                                 HealthCheck.data_too_large])
@given(st.lists(st.sampled_from(SOHR_WORDS), min_size=2000, max_size=4000))
def test_long_generated_text_round_trips(words):
    check_offsets(" ".join(words))


def test_long_report_round_trips():
    text = ("وثق المرصد السوري مقـ ـتل ١٢ عنصراً لقوات النظام بريف دير الزور، "
            "و”التحالف” -3عمليات لـ115.\n") * 2000
    check_offsets(text)


def test_empty_text():
    doc = NLP("")
    assert doc.text == ""
    assert len(doc) == 0


FIVE_MB = 5 * 1024 * 1024


# The library's entry point checks its input before spaCy sees it.
@pytest.mark.parametrize("value", [None, 3, 3.5, ["نص"], object()])
def test_parse_non_text_raises_type_error(value):
    with pytest.raises(TypeError, match=r"Expected the report text as str, got \w+"):
        sohr_nlp.parse(value, nlp=NLP)


def test_parse_none_message_names_the_type():
    with pytest.raises(TypeError, match="got NoneType"):
        sohr_nlp.parse(None, nlp=NLP)


@pytest.mark.parametrize("value", [b"bytes", "مقتل".encode("utf-8"), bytearray(b"x")])
def test_parse_bytes_raise_type_error_with_decode_hint(value):
    with pytest.raises(TypeError, match=r"Got bytes, not str\. Decode the report first"):
        sohr_nlp.parse(value, nlp=NLP)


@pytest.mark.parametrize("value", [None, 3, 3.5, ["نص"], object()])
def test_tokenizer_non_text_raises_type_error(value):
    with pytest.raises(TypeError, match=r"Expected the report text as str, got \w+"):
        NLP.tokenizer(value)


@pytest.mark.parametrize("value", [b"bytes", "مقتل".encode("utf-8"), bytearray(b"x")])
def test_tokenizer_bytes_raise_type_error_with_decode_hint(value):
    with pytest.raises(TypeError, match=r"Got bytes, not str\. Decode the report first"):
        NLP.tokenizer(value)


def five_megabyte_text() -> str:
    unit = "وثق المرصد السوري مقتل 3 عناصر بريف حلب، و”التحالف” لـ115.\n"
    text = unit * (FIVE_MB // len(unit.encode("utf-8")) + 1)
    assert len(text.encode("utf-8")) >= FIVE_MB
    assert len(text) <= MAX_CHARS
    return text


def test_nlp_five_megabyte_text():
    text = five_megabyte_text()
    doc = NLP(text)
    assert doc.text == text
    assert len(doc) > 0


def test_tokenizer_five_megabyte_text():
    text = five_megabyte_text()
    start = time.perf_counter()
    doc = NLP.tokenizer(text)
    assert doc.text == text
    assert len(doc) > 0
    assert time.perf_counter() - start < 120


def test_text_over_the_limit_raises_value_error():
    with pytest.raises(ValueError):
        NLP("ا" * (MAX_CHARS + 1))
    with pytest.raises(ValueError, match="longer than the limit"):
        NLP.tokenizer("ا" * (MAX_CHARS + 1))
