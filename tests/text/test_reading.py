"""Reading time: rates, rounding and localized labels."""

import pytest

from akhbar.text.reading import READING_RATES, reading_minutes, reading_time_label
from akhbar.text.words import word_count

# Original sentences written for this test (a weather-and-city report).
SENTENCES = [
    "صوبائی دارالحکومت میں آج صبح سے ہلکی بارش جاری ہے اور موسم خوشگوار ہو گیا ہے۔",
    "محکمہ موسمیات کے مطابق اگلے دو دن تک آسمان پر بادل چھائے رہیں گے۔",
    "شہر کی انتظامیہ نے نکاسیِ آب کے لیے اضافی عملہ تعینات کر دیا ہے۔",
    "تاجروں کا کہنا ہے کہ بازاروں میں گاہکوں کی تعداد معمول سے کم رہی۔",
    "اسکولوں میں تدریسی عمل جاری رہا، تاہم کئی طلبہ تاخیر سے پہنچے۔",
    "ٹریفک پولیس نے شہریوں کو احتیاط سے گاڑی چلانے کی ہدایت کی ہے۔",
    "کسانوں نے امید ظاہر کی کہ یہ بارش گندم کی فصل کے لیے مفید ثابت ہو گی۔",
    "ضلعی ہسپتال میں ایمرجنسی کا عملہ چوکس رکھا گیا ہے۔",
]


def urdu_body(n_words: int) -> str:
    """Cycle through SENTENCES and stop after exactly ``n_words`` words."""
    out: list[str] = []
    count = 0
    while True:
        for sentence in SENTENCES:
            sentence_words = sentence.rstrip("۔").split()
            if count + len(sentence_words) >= n_words:
                out.append(" ".join(sentence_words[: n_words - count]) + "۔")
                return " ".join(out)
            out.append(sentence)
            count += len(sentence_words)


def test_rates():
    assert READING_RATES == {"ur": 138, "ar": 138, "en": 238, "tr": 200}


def test_254_word_urdu_body_is_two_minutes():
    body = urdu_body(254)
    assert word_count(body) == 254
    minutes = reading_minutes(body)
    assert minutes == 2
    assert reading_time_label(minutes) == "2 منٹ پڑھنے"


@pytest.mark.parametrize(
    ("count", "language", "minutes"),
    [(0, "ur", 1), (1, "ur", 1), (138, "ur", 1), (139, "ur", 2), (276, "ur", 2),
     (277, "ur", 3), (238, "en", 1), (239, "en", 2), (400, "tr", 2), (401, "tr", 3)],
)  # fmt: skip
def test_minutes_round_up_with_minimum_one(count, language, minutes):
    assert reading_minutes(count, language) == minutes


def test_language_tags_and_fallback():
    assert reading_minutes(239, "ur-PK") == 2
    assert reading_minutes(239, "en_GB") == 2
    assert reading_minutes(239, "fr") == 2  # English rate
    assert reading_minutes(238, "fr") == 1


def test_invalid_counts():
    with pytest.raises(ValueError):
        reading_minutes(-1)
    with pytest.raises(TypeError):
        reading_minutes(True)  # type: ignore[arg-type]


def test_urdu_label_exact_and_with_urdu_digits():
    assert reading_time_label(2) == "2 منٹ پڑھنے"
    assert reading_time_label(12, "ur", numerals="urdu") == "۱۲ منٹ پڑھنے"


def test_english_and_turkish_labels():
    assert reading_time_label(2, "en") == "2 min read"
    assert reading_time_label(2, "tr") == "2 dk okuma"
    assert reading_time_label(5, "de") == "5 min read"


@pytest.mark.parametrize(
    ("minutes", "label"),
    [
        (1, "دقيقة للقراءة"),
        (2, "دقيقتان للقراءة"),
        (3, "3 دقائق للقراءة"),
        (10, "10 دقائق للقراءة"),
        (11, "11 دقيقة للقراءة"),
        (99, "99 دقيقة للقراءة"),
        (100, "100 دقيقة للقراءة"),
        (103, "103 دقائق للقراءة"),
    ],
)
def test_arabic_plural_forms(minutes, label):
    assert reading_time_label(minutes, "ar") == label


def test_arabic_label_with_arabic_digits():
    assert reading_time_label(4, "ar", numerals="arabic") == "٤ دقائق للقراءة"


def test_negative_minutes_rejected():
    with pytest.raises(ValueError):
        reading_time_label(-1)
