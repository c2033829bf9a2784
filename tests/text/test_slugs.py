"""slugify_headline(): Unicode slugs for Urdu headlines."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akhbar.text.slugs import slugify_headline


def test_urdu_headline():
    assert slugify_headline("روسی صدر ولادیمیر پوتن") == "روسی-صدر-ولادیمیر-پوتن"


def test_arabic_keyboard_spelling_gives_the_same_slug():
    assert slugify_headline("كراچي ميں بارش") == slugify_headline("کراچی میں بارش")


def test_harakat_are_stripped():
    assert slugify_headline("وزیرِ اعلیٰ کا دورہ") == "وزیر-اعلی-کا-دورہ"


def test_punctuation_of_both_scripts():
    headline = "«بجٹ» پیش: تنخواہوں میں اضافہ، ٹیکس کم؟"
    assert slugify_headline(headline) == "بجٹ-پیش-تنخواہوں-میں-اضافہ-ٹیکس-کم"


def test_digits_become_ascii_and_numbers_stay_readable():
    assert slugify_headline("۱۰,۰۰۰ نئی ملازمتیں") == "10000-نئی-ملازمتیں"
    assert slugify_headline("شرح نمو 7.4 فیصد") == "شرح-نمو-7-4-فیصد"


def test_latin_is_lowercased():
    assert slugify_headline("PSL 2025: Lahore Qalandars جیت گئے") == (
        "psl-2025-lahore-qalandars-جیت-گئے"
    )


def test_zwnj_and_tatweel_do_not_split():
    assert slugify_headline("نیم\u200cسرکاری ادارے کی خبـــر") == "نیمسرکاری-ادارے-کی-خبر"


def test_cut_at_word_boundary():
    headline = "پنجاب اسمبلی نے صوبے میں تعلیم کے بجٹ میں اضافے کی قرارداد متفقہ طور پر منظور کر لی"
    slug = slugify_headline(headline, max_length=30)
    assert len(slug) <= 30
    assert headline.replace(" ", "-").startswith(slug + "-")


def test_single_long_word_is_cut_hard():
    assert slugify_headline("a" * 100, max_length=10) == "a" * 10


def test_never_empty():
    assert slugify_headline("") == "story"
    assert slugify_headline("۔۔۔ ؟؟ !!") == "story"


def test_max_length_too_small():
    with pytest.raises(ValueError):
        slugify_headline("خبر", max_length=3)


@given(st.text(max_size=120), st.integers(min_value=5, max_value=100))
def test_slug_properties(headline, max_length):
    slug = slugify_headline(headline, max_length)
    assert slug
    assert len(slug) <= max_length
    assert not slug.startswith("-") and not slug.endswith("-") and "--" not in slug
    assert not any(c.isspace() for c in slug)
    assert slugify_headline(slug, max_length) == slug
