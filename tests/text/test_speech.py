"""Speech text preparation: numbers, dates, money, abbreviations, pauses, lexicon, order."""

import pytest

from akhbar.text.speech import (
    HEADLINE_PAUSE_MS,
    NUMBER_WORDS,
    PARAGRAPH_PAUSE_MS,
    apply_lexicon,
    number_words,
    prepare,
    speakable,
    spell_letters,
    year_words,
)


def said(text: str, lexicon: dict | None = None) -> str:
    return speakable(text, lexicon)[0]


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "صفر"), (7, "سات"), (11, "گیارہ"), (19, "انیس"), (25, "پچیس"), (38, "اڑتیس"),
        (49, "انچاس"), (53, "ترپن"), (59, "انسٹھ"), (67, "سڑسٹھ"), (79, "اناسی"), (89, "نواسی"),
        (90, "نوے"), (99, "ننانوے"),
    ],
)
def test_irregular_words_below_hundred(n, words):
    assert number_words(n) == words


def test_table_has_a_word_for_every_number_below_hundred():
    assert len(NUMBER_WORDS) == 100
    assert len(set(NUMBER_WORDS)) == 100


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (100, "ایک سو"),
        (305, "تین سو پانچ"),
        (2025, "دو ہزار پچیس"),
        (10_000, "دس ہزار"),
        (150_000, "ایک لاکھ پچاس ہزار"),
        (2_50_00_000, "دو کروڑ پچاس لاکھ"),
        (3_00_00_00_000, "تین ارب"),
        (5 * 10**13, "پانچ سو کھرب"),
        (-4, "منفی چار"),
    ],
)
def test_big_numbers_count_in_lakh_and_crore(n, words):
    assert number_words(n) == words


def test_years_in_hundreds_before_two_thousand():
    assert year_words(1998) == "انیس سو اٹھانوے"
    assert year_words(1947) == "انیس سو سینتالیس"
    assert year_words(1900) == "انیس سو"
    assert year_words(2025) == "دو ہزار پچیس"
    assert year_words(2000) == "دو ہزار"


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("2025", "دو ہزار پچیس"),
        ("۲۰۲۵", "دو ہزار پچیس"),
        ("٢٠٢٥", "دو ہزار پچیس"),
        ("7.4", "سات اعشاریہ چار"),
        ("۷٫۴", "سات اعشاریہ چار"),
        ("3.14", "تین اعشاریہ ایک چار"),
        ("10,000", "دس ہزار"),
        ("1,50,000", "ایک لاکھ پچاس ہزار"),
        ("150000", "ایک لاکھ پچاس ہزار"),
        ("۱٬۵۰٬۰۰۰", "ایک لاکھ پچاس ہزار"),
    ],
)
def test_numbers_become_words(text, spoken):
    assert said(text) == spoken


def test_no_digit_survives():
    text = "سال 2024ء میں 12.5% اضافہ، 3 لاکھ 40 ہزار افراد اور ۱۴۴۶ھ"
    assert not any(c.isdigit() for c in said(text))


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("7.4%", "سات اعشاریہ چار فیصد"),
        ("7.4 %", "سات اعشاریہ چار فیصد"),
        ("۱۲٪", "بارہ فیصد"),
        ("Rs. 5,000", "پانچ ہزار روپے"),
        ("Rs500", "پانچ سو روپے"),
        ("PKR 1,50,000", "ایک لاکھ پچاس ہزار روپے"),
        ("500 روپے", "پانچ سو روپے"),
        ("$5", "پانچ ڈالر"),
        ("$7 billion", "سات بلین ڈالر"),
        ("€20", "بیس یورو"),
        ("£3", "تین پاؤنڈ"),
    ],
)
def test_percent_and_currency(text, spoken):
    assert said(text) == spoken


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("22/03/2025", "بائیس مارچ دو ہزار پچیس"),
        ("1-1-2024", "ایک جنوری دو ہزار چوبیس"),
        ("22 مارچ 2025", "بائیس مارچ دو ہزار پچیس"),
        ("1998ء", "انیس سو اٹھانوے"),
        ("1446ھ", "چودہ سو چھیالیس ہجری"),
        ("10:30 بجے", "دس بج کر تیس منٹ"),
        ("9:00", "نو بجے"),
        ("2020-21", "دو ہزار بیس سے اکیس"),
    ],
)
def test_dates_years_and_times(text, spoken):
    assert said(text) == spoken


def test_impossible_date_is_not_invented():
    out = said("45/13/2025")
    assert "مارچ" not in out and not any(c.isdigit() for c in out)


def test_phone_numbers_are_read_digit_by_digit():
    assert said("0300-1234567") == "صفر تین صفر صفر ایک دو تین چار پانچ چھ سات"


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("IMF", "آئی ایم ایف"),
        ("U.N.", "یو این"),
        ("NATO", "نیٹو"),
        ("G20", "جی بیس"),
        ("COVID-19", "کووڈ انیس"),
        ("Reuters", "رائٹرز"),
    ],
)
def test_latin_abbreviations_and_known_words(text, spoken):
    assert said(text) == spoken


def test_other_latin_words_are_left_to_the_engine():
    assert said("Gwadar") == "Gwadar"


def test_spell_letters_skips_non_letters():
    assert spell_letters("a-b") == "اے بی"


def test_arabic_letters_become_urdu_so_espeak_reads_them():
    out = said("كتاب ميں الله")
    assert "ك" not in out and "ه" not in out and "ي" not in out


def test_pause_punctuation_becomes_urdu():
    assert said("کیا? ہاں. ٹھیک") == "کیا؟ ہاں۔ ٹھیک"
    assert said("وزیر (خزانہ) نے — آج — کہا") == "وزیر، خزانہ، نے، آج، کہا"
    assert said("«اہم» خبر") == "اہم خبر"


def test_honorific_is_said_in_full():
    assert "صلی اللہ علیہ وسلم" in said("نبی ﷺ نے")


def test_lexicon_replaces_whole_words_only():
    lexicon = {"شوئیگو": "شوئی گو"}
    assert speakable("شوئیگو نے کہا", lexicon) == ("شوئی گو نے کہا", {"شوئیگو"})
    assert speakable("شوئیگوکا", lexicon) == ("شوئیگوکا", set())


def test_lexicon_longest_entry_wins_and_keys_are_normalized():
    lexicon = {"ولاديمير پوتن": "ولادی میر پوتن", "پوتن": "پُوتن"}
    text, used = apply_lexicon("ولادیمیر پوتن اور پوتن", lexicon)
    assert text == "ولادی میر پوتن اور پُوتن"
    assert used == {"ولادیمیر پوتن", "پوتن"}


def test_lexicon_entries_are_not_regex():
    assert said("a.b اور ab", {"a.b": "اے بی"}) == "اے بی اور ab"


def test_prepare_orders_headline_standfirst_body_with_pauses():
    script = prepare("سرخی", "خلاصہ؟", ["پہلا پیرا", "  ", "دوسرا پیرا۔"])
    assert [s.text for s in script.segments] == ["سرخی۔", "خلاصہ؟", "پہلا پیرا۔", "دوسرا پیرا۔"]
    assert script.segments[0].pause_ms == HEADLINE_PAUSE_MS
    assert script.segments[-1].pause_ms == PARAGRAPH_PAUSE_MS
    assert script.text == "سرخی۔\n\nخلاصہ؟\n\nپہلا پیرا۔\n\nدوسرا پیرا۔"


def test_prepare_reports_lexicon_words_used():
    script = prepare("شوئیگو کا دورہ", "", ["کوئی اور"], {"شوئیگو": "شوئی گو", "غیر": "x"})
    assert script.lexicon_used == ("شوئیگو",)


def test_empty_story_is_an_empty_script():
    assert not prepare("", "", ["", "۔۔", "---"])


@pytest.mark.parametrize(
    "hostile",
    [
        "9" * 5000, "1," * 2000, "." * 3000, "%" * 100 + "5", "$" * 50, "\u202e۱۲۳\u202c",
        "\x00\x01ABC\x7f", "ﷺ" * 10, "A.B.C.D.E.F.G.H." * 50, "٪٫٬" * 100, "12:99", "99:99",
    ],
)
def test_hostile_text_never_crashes_and_leaves_no_digits(hostile):
    out = said(hostile)
    assert isinstance(out, str)
    assert not any(c.isdigit() for c in out)
