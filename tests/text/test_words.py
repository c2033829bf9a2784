"""words() and word_count(): a Unicode-category tokenizer for Urdu, Arabic and Latin."""

from hypothesis import given
from hypothesis import strategies as st

from akhbar.text.words import word_count, words

ZWNJ = "\u200c"


def test_splits_on_urdu_punctuation():
    sentence = "بجلی کی قیمت بڑھ گئی، صارفین پریشان ہیں؛ کیا حکومت سنے گی؟ شاید۔"
    assert words(sentence) == [
        "بجلی", "کی", "قیمت", "بڑھ", "گئی", "صارفین", "پریشان", "ہیں",
        "کیا", "حکومت", "سنے", "گی", "شاید",
    ]  # fmt: skip


def test_punctuation_without_spaces_still_separates():
    assert words("اسلام آباد،لاہور۔کراچی") == ["اسلام", "آباد", "لاہور", "کراچی"]


def test_quotes_and_dashes_separate():
    assert words("«سچ» بولو—ہمیشہ - “ہمت” (صبر)") == ["سچ", "بولو", "ہمیشہ", "ہمت", "صبر"]


def test_word_with_harakat_is_one_word():
    assert words("مُحَبَّت کی کِتاب") == ["مُحَبَّت", "کی", "کِتاب"]
    assert words("اعلیٰ") == ["اعلیٰ"]


def test_zwnj_inside_a_word_joins():
    compound = "نیم" + ZWNJ + "سرکاری"
    assert words(f"یہ {compound} ادارہ ہے") == ["یہ", compound, "ادارہ", "ہے"]


def test_zwnj_at_word_edges_is_dropped():
    assert words(ZWNJ + "دن" + ZWNJ + " رات") == ["دن", "رات"]


def test_numbers_with_separators_are_one_token():
    text = "مہنگائی 7.4 فیصد رہی اور 10,000 افراد متاثر ہوئے، ۳٫۵ اور ١٢٬٠٠٠ بھی"
    tokens = words(text)
    assert "7.4" in tokens and "10,000" in tokens
    assert "۳٫۵" in tokens and "١٢٬٠٠٠" in tokens


def test_number_followed_by_punctuation():
    assert words("قیمت 250، پھر 300.") == ["قیمت", "250", "پھر", "300"]


def test_latin_words_and_apostrophes():
    assert words("Pakistan's team didn't lose.") == ["Pakistan's", "team", "didn't", "lose"]


def test_bidi_marks_do_not_split_words():
    assert words("عد\u200fالت \u202bفیصلہ\u202c") == ["عدالت", "فیصلہ"]


def test_marks_or_tatweel_alone_are_not_words():
    assert words("ــــــ \u064e خبر") == ["خبر"]


def test_mixed_script_sentence():
    assert word_count("وزیر اعظم نے G20 اجلاس میں شرکت کی") == 8


def test_empty_text():
    assert words("") == []
    assert word_count(" ۔، ") == 0


@given(st.text(max_size=80))
def test_each_token_is_a_single_token(text):
    for token in words(text):
        assert token
        assert words(token) == [token]
        assert not any(c.isspace() for c in token)
