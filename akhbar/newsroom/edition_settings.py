"""What makes each edition native: script, direction, fonts, digits, clock, reading rate.

One table, keyed by language code. Adding an edition is configuration, not code:

1. add the language to ``LANGUAGES`` (and so to ``WAGTAIL_CONTENT_LANGUAGES``),
2. describe it in the ``AKHBAR_EDITIONS`` setting (same keys as ``EDITIONS`` below; any
   key left out falls back to the English edition's value),
3. add its gettext catalogue under ``akhbar/locale/<language>/`` (compilemessages),
4. run ``akhbar init``: the edition, its sections and its place in the page tree appear.

The values are read by the page templates (direction, font stack), by the labels on
every story (digits, date format from CLDR via Babel, time zone, "N min read" through
gettext plurals) and by `ArticlePage` when it works out a story's reading time.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from functools import lru_cache

from django.conf import settings
from django.utils import translation

from akhbar.text import READING_RATES, format_date, to_numerals

# A section: name as the edition prints it, ASCII slug, IPTC media topic code, nav order.
Section = tuple[str, str, str, int]


@dataclass(frozen=True)
class EditionSettings:
    """How one edition reads. `script` picks the font stack in site.css (html.script-…)."""

    language: str
    title: str
    tagline: str = ""
    direction: str = "ltr"
    script: str = "latin"
    numerals: str = "ascii"
    time_zone: str = "UTC"
    # A CLDR pattern or one of Babel's format names ("long" is the locale's own choice).
    date_format: str = "long"
    words_per_minute: int = 238
    sections: tuple[Section, ...] = field(default_factory=tuple)
    fallback_section: tuple[str, str] = ("News", "news")

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"


# Reading rates come from akhbar.text.reading, where each figure's source is given.
EDITIONS: dict[str, EditionSettings] = {
    "ur": EditionSettings(
        language="ur",
        title="اخبار",
        tagline="خبر، جیسے ہے ویسی",
        direction="rtl",
        script="nastaliq",
        numerals="ascii",
        time_zone="Asia/Karachi",
        date_format="d MMMM y",  # CLDR's long Urdu date has a comma: 22 مارچ، 2025
        words_per_minute=READING_RATES["ur"],
        sections=(
            ("سیاست", "siyasat", "11000000", 10),
            ("معیشت", "maeeshat", "04000000", 20),
            ("کھیل", "khel", "15000000", 30),
            ("سائنس و ٹیکنالوجی", "science", "13000000", 40),
            ("صحت", "sehat", "07000000", 50),
            ("ثقافت", "saqafat", "01000000", 60),
            ("ماحولیات", "mahoul", "06000000", 70),
        ),
        fallback_section=("خبریں", "khabrein"),
    ),
    "en": EditionSettings(
        language="en",
        title="Akhbar",
        tagline="The news, as it is",
        direction="ltr",
        script="latin",
        numerals="ascii",
        time_zone="Europe/London",
        date_format="d MMMM y",  # British order: 22 March 2025
        words_per_minute=READING_RATES["en"],
        sections=(
            ("Politics", "politics", "11000000", 10),
            ("Business", "business", "04000000", 20),
            ("Sport", "sport", "15000000", 30),
            ("Science & Technology", "science", "13000000", 40),
            ("Health", "health", "07000000", 50),
            ("Culture", "culture", "01000000", 60),
            ("Environment", "environment", "06000000", 70),
        ),
        fallback_section=("News", "news"),
    ),
    "ar": EditionSettings(
        language="ar",
        title="أخبار",
        tagline="الخبر كما هو",
        direction="rtl",
        script="naskh",
        numerals="arabic",
        time_zone="Asia/Riyadh",
        words_per_minute=READING_RATES["ar"],
        sections=(
            ("سياسة", "siyasa", "11000000", 10),
            ("اقتصاد", "iqtisad", "04000000", 20),
            ("رياضة", "riyada", "15000000", 30),
            ("علوم وتكنولوجيا", "ulum", "13000000", 40),
            ("صحة", "sihha", "07000000", 50),
            ("ثقافة", "thaqafa", "01000000", 60),
            ("بيئة", "biea", "06000000", 70),
        ),
        fallback_section=("أخبار", "akhbar"),
    ),
    "tr": EditionSettings(
        language="tr",
        title="Ahbar",
        tagline="Haber, olduğu gibi",
        direction="ltr",
        script="latin",
        numerals="ascii",
        time_zone="Europe/Istanbul",
        words_per_minute=READING_RATES["tr"],
        sections=(
            ("Siyaset", "siyaset", "11000000", 10),
            ("Ekonomi", "ekonomi", "04000000", 20),
            ("Spor", "spor", "15000000", 30),
            ("Bilim ve Teknoloji", "bilim", "13000000", 40),
            ("Sağlık", "saglik", "07000000", 50),
            ("Kültür", "kultur", "01000000", 60),
            ("Çevre", "cevre", "06000000", 70),
        ),
        fallback_section=("Haberler", "haberler"),
    ),
}
DIRECTIONS = ("ltr", "rtl")
SCRIPTS = ("nastaliq", "naskh", "latin")
NUMERALS = ("ascii", "urdu", "arabic")


class EditionSettingsError(ValueError):
    """An AKHBAR_EDITIONS entry that cannot describe an edition."""


def _primary(language: str) -> str:
    return (language or "").replace("_", "-").split("-")[0].lower()


@lru_cache(maxsize=1)
def _table(overrides_key: str) -> dict[str, EditionSettings]:
    table = dict(EDITIONS)
    names = {f.name for f in fields(EditionSettings)}
    for language, values in (getattr(settings, "AKHBAR_EDITIONS", None) or {}).items():
        unknown = set(values) - names
        if unknown:
            raise EditionSettingsError(f"AKHBAR_EDITIONS[{language!r}]: unknown {sorted(unknown)}")
        base = table.get(language) or replace(EDITIONS["en"], language=language, sections=())
        merged = replace(base, language=language, **values)
        merged = replace(merged, sections=tuple(tuple(s) for s in merged.sections))
        if merged.direction not in DIRECTIONS or merged.script not in SCRIPTS:
            raise EditionSettingsError(f"AKHBAR_EDITIONS[{language!r}]: direction or script")
        if merged.numerals not in NUMERALS or merged.words_per_minute <= 0:
            raise EditionSettingsError(f"AKHBAR_EDITIONS[{language!r}]: numerals or rate")
        table[language] = merged
    return table


def all_editions() -> dict[str, EditionSettings]:
    """Every edition the site is configured for: the built-in table plus AKHBAR_EDITIONS."""
    return _table(repr(getattr(settings, "AKHBAR_EDITIONS", None)))


def edition_settings(language: str) -> EditionSettings:
    """The settings of the edition in `language` ("en-GB" → en); unknown → English's, renamed."""
    table = all_editions()
    primary = _primary(language)
    if primary in table:
        return table[primary]
    return replace(table["en"], language=primary or "en", sections=())


def site_languages() -> list[str]:
    """Languages that have an edition: configured in LANGUAGES and described above."""
    table = all_editions()
    return [code for code, _ in settings.LANGUAGES if code in table]


def words_per_minute(language: str) -> int:
    return edition_settings(language).words_per_minute


def reading_minutes_for(words: int, language: str) -> int:
    """Minutes to read `words` words at the edition's rate, rounded up, at least 1."""
    rate = words_per_minute(language)
    return max(1, -(-max(words, 0) // rate))


def reading_time_label(minutes: int, language: str, numerals: str = "") -> str:
    """"2 MIN READ" in the edition's words: gettext plural forms of its catalogue."""
    digits = to_numerals(str(minutes), numerals or edition_settings(language).numerals)
    with translation.override(_primary(language) or settings.LANGUAGE_CODE):
        template = translation.ngettext("%(minutes)s min read", "%(minutes)s min read", minutes)
    return template % {"minutes": digits}


def date_label(when: datetime | None, language: str, numerals: str = "") -> str:
    """A date as the edition's readers write it, in the edition's own time zone."""
    if when is None:
        return ""
    config = edition_settings(language)
    return format_date(
        when,
        language=_primary(language),
        numerals=numerals or config.numerals,
        pattern=config.date_format,
        tz=config.time_zone,
    )
