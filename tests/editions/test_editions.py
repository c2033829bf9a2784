"""Editions as Wagtail locales: one tree per language, linked, each with its own look."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.test import override_settings
from wagtail.models import Locale, Site

from akhbar.newsroom.edition_settings import (
    EditionSettingsError,
    all_editions,
    date_label,
    edition_settings,
    reading_minutes_for,
    reading_time_label,
)
from akhbar.newsroom.models import EditionPage, SectionPage
from tests.editions.conftest import write_story

PARAGRAPH = " ".join(["word"] * 50)


def test_init_makes_every_edition_linked_to_the_urdu_home(editions):
    assert set(editions) == {"ur", "en", "ar", "tr"}
    ur = editions["ur"]
    assert Site.objects.get(is_default_site=True).root_page_id == ur.pk
    assert {e.translation_key for e in editions.values()} == {ur.translation_key}
    assert {e.url for e in editions.values()} == {"/ur/", "/en/", "/ar/", "/tr/"}
    assert editions["ar"].numerals == "arabic" and editions["en"].numerals == "ascii"
    assert Locale.objects.filter(language_code__in=["ur", "en", "ar", "tr"]).count() == 4


def test_init_is_idempotent(editions):
    from akhbar.newsroom.editions import ensure_editions

    before = (EditionPage.objects.count(), SectionPage.objects.count())
    ensure_editions()
    assert (EditionPage.objects.count(), SectionPage.objects.count()) == before


def test_each_edition_has_its_own_sections_linked_by_iptc_code(editions):
    politics = {
        e: SectionPage.objects.child_of(editions[e]).get(iptc_code="11000000")
        for e in editions
    }
    assert politics["en"].title == "Politics" and politics["ar"].title == "سياسة"
    assert politics["tr"].title == "Siyaset" and politics["ur"].title == "سیاست"
    assert len({s.translation_key for s in politics.values()}) == 1
    assert politics["en"].url == "/en/politics/"


def test_english_first_on_an_empty_site_still_makes_urdu_the_default(db):
    from akhbar.newsroom.editions import ensure_edition

    english = ensure_edition("en")
    urdu = EditionPage.objects.get(locale__language_code="ur")
    assert english.translation_key == urdu.translation_key
    assert Site.objects.get(is_default_site=True).root_page_id == urdu.pk


@pytest.mark.parametrize(
    ("language", "direction", "font", "numerals", "zone"),
    [
        ("ur", "rtl", "nastaliq", "ascii", "Asia/Karachi"),
        ("ar", "rtl", "naskh", "arabic", "Asia/Riyadh"),
        ("en", "ltr", "latin", "ascii", "Europe/London"),
        ("tr", "ltr", "latin", "ascii", "Europe/Istanbul"),
    ],
)
def test_edition_settings(language, direction, font, numerals, zone):
    config = edition_settings(language)
    assert (config.direction, config.script, config.numerals, config.time_zone) == (
        direction, font, numerals, zone)
    assert edition_settings(language.upper() + "-XX") == config


@pytest.mark.parametrize(
    ("language", "minutes", "label"),
    [
        ("ur", 2, "2 منٹ پڑھنے"),
        ("ur", 1, "1 منٹ پڑھنے"),
        ("en", 1, "1 min read"),
        ("en", 6, "6 min read"),
        ("tr", 3, "3 dk okuma"),
        ("ar", 1, "دقيقة للقراءة"),
        ("ar", 2, "دقيقتان للقراءة"),
        ("ar", 5, "٥ دقائق للقراءة"),
        ("ar", 11, "١١ دقيقة للقراءة"),
        ("ar", 103, "١٠٣ دقائق للقراءة"),
    ],
)
def test_reading_label_uses_the_catalogues_plural_forms(language, minutes, label):
    assert reading_time_label(minutes, language) == label


def test_dates_in_each_editions_zone_format_and_digits():
    late = datetime(2025, 3, 22, 21, 30, tzinfo=UTC)  # 23 March east of London
    assert date_label(late, "ur") == "23 مارچ 2025"
    assert date_label(late, "en") == "22 March 2025"
    assert date_label(late, "ar") == "٢٣ مارس ٢٠٢٥"
    assert date_label(late, "tr") == "23 Mart 2025"
    assert date_label(None, "en") == ""


def test_reading_rate_is_the_editions():
    assert reading_minutes_for(238, "en") == 1
    assert reading_minutes_for(239, "en") == 2
    assert reading_minutes_for(276, "ur") == 2
    assert reading_minutes_for(0, "ar") == 1


def test_story_reading_time_follows_its_edition(editions):
    en = SectionPage.objects.child_of(editions["en"]).get(slug="politics")
    ur = SectionPage.objects.child_of(editions["ur"]).get(slug="siyasat")
    english = write_story(en, "Budget vote", [PARAGRAPH] * 5)  # 250 words
    urdu = write_story(ur, "بجٹ", ["لفظ " * 50] * 5)
    assert english.reading_minutes == 2 and urdu.reading_minutes == 2
    longer = write_story(en, "Longer", [PARAGRAPH] * 6)  # 300 words: 2 at 238 wpm
    assert longer.reading_minutes == 2


def test_a_new_edition_is_configuration(db, settings):
    """A fifth language: a LANGUAGES entry and an AKHBAR_EDITIONS entry, no code."""
    from akhbar.newsroom.editions import ensure_editions

    settings.LANGUAGES = [*settings.LANGUAGES, ("fa", "فارسی")]
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES
    settings.AKHBAR_EDITIONS = {
        "fa": {
            "title": "اخبار فارسی", "direction": "rtl", "script": "naskh", "numerals": "urdu",
            "time_zone": "Asia/Tehran", "words_per_minute": 150,
            "sections": [("سیاست", "siasat", "11000000", 10)],
        }
    }
    made = {e.language: e for e in ensure_editions()}
    assert set(made) == {"ur", "en", "ar", "tr", "fa"}
    assert made["fa"].url == "/fa/" and made["fa"].numerals == "urdu"
    assert edition_settings("fa").direction == "rtl"
    assert SectionPage.objects.child_of(made["fa"]).get().url == "/fa/siasat/"


@pytest.mark.parametrize(
    "bad",
    [{"direction": "up"}, {"script": "comic"}, {"numerals": "roman"}, {"words_per_minute": 0},
     {"colour": "red"}],
)
def test_a_bad_edition_setting_is_refused(bad):
    with override_settings(AKHBAR_EDITIONS={"en": bad}), pytest.raises(EditionSettingsError):
        all_editions()


@pytest.mark.parametrize(
    ("path", "lang", "direction", "script"),
    [("/ur/", "ur", "rtl", "nastaliq"), ("/en/", "en", "ltr", "latin"),
     ("/ar/", "ar", "rtl", "naskh"), ("/tr/", "tr", "ltr", "latin")],
)
def test_each_home_page_is_native(client, editions, path, lang, direction, script):
    html = client.get(path).content.decode()
    assert f'<html lang="{lang}" dir="{direction}">' in html
    assert f'class="script-{script} ' in html
    font = {"nastaliq": "nastaliq-urdu-400", "naskh": "naskh-arabic-400",
            "latin": "serif-latin-400"}[script]
    assert re.search(rf'<link rel="preload" href="[^"]*{font}\.woff2"', html)


def test_interface_strings_come_from_each_catalogue(client, editions):
    empty = {"ur": "ابھی کوئی خبر شائع نہیں ہوئی۔", "en": "No stories have been published yet.",
             "ar": "لم تُنشر أي أخبار بعد.", "tr": "Henüz yayımlanmış haber yok."}
    skip = {"ur": "مواد پر جائیں", "en": "Skip to content", "ar": "انتقل إلى المحتوى",
            "tr": "İçeriğe geç"}
    for language in editions:
        html = client.get(f"/{language}/").content.decode()
        assert empty[language] in html and skip[language] in html, language
