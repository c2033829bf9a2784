"""Gregorian and Hijri dates for Urdu, Arabic, English and Turkish pages.

Gregorian dates come from Babel's CLDR data (Urdu "22 مارچ 2025"); digits
are then rewritten into the page's numeral system, because CLDR's default
digits differ between locales (ar_EG uses ٠-٩, ur uses 0-9).

Hijri dates use hijridate, which implements the Umm al-Qura calendar of
Saudi Arabia. Pakistan fixes Islamic months by moon sighting, which is
often one day behind Umm al-Qura (22 March 2025 was 22 Ramadan 1446 in
Umm al-Qura but 21 Ramadan in Pakistan), so ``hijri_date`` takes an
``offset_days`` adjustment that an editor can set, as Pakistani papers do.

hijridate localizes month names through subclasses of
``hijridate.locales.Locale``: defining a subclass registers it, keyed by its
``language_tag``, in a module-level map (``Locale.__init_subclass__``), and a
second class with the same tag raises ``LookupError``. hijridate has no Urdu
locale, so one is defined here; registration is skipped if "ur" is already
known (a newer hijridate, or this module imported twice under another name).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from babel import Locale as BabelLocale
from babel import UnknownLocaleError
from babel.dates import format_date as babel_format_date
from hijridate import Gregorian
from hijridate import locales as hijri_locales

from akhbar.text.numerals import to_numerals

URDU_HIJRI_MONTHS: tuple[str, ...] = (
    "محرم",
    "صفر",
    "ربیع الاول",
    "ربیع الثانی",
    "جمادی الاول",
    "جمادی الثانی",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذوالقعدہ",
    "ذوالحجہ",
)
URDU_GREGORIAN_MONTHS: tuple[str, ...] = (
    "جنوری",
    "فروری",
    "مارچ",
    "اپریل",
    "مئی",
    "جون",
    "جولائی",
    "اگست",
    "ستمبر",
    "اکتوبر",
    "نومبر",
    "دسمبر",
)
URDU_DAYS: tuple[str, ...] = ("پیر", "منگل", "بدھ", "جمعرات", "جمعہ", "ہفتہ", "اتوار")


def _register_urdu_locale() -> hijri_locales.Locale:
    try:
        return hijri_locales.get_locale("ur")
    except ValueError:
        pass

    class UrduLocale(hijri_locales.Locale):
        """Urdu month and day names for hijridate (Monday first, as hijridate expects)."""

        language_tag = "ur"
        month_names = URDU_HIJRI_MONTHS
        gregorian_month_names = URDU_GREGORIAN_MONTHS
        day_names = URDU_DAYS
        notation = "ھ"  # written after the year: 1446ھ
        gregorian_notation = "ء"  # 2025ء

    return UrduLocale()


_URDU_HIJRI = _register_urdu_locale()


def _local_date(d: date | datetime, tz: str | None) -> date:
    if isinstance(d, datetime):
        if tz is not None and d.tzinfo is not None:
            d = d.astimezone(ZoneInfo(tz))
        return d.date()
    return d


def _babel_locale(language: str) -> BabelLocale:
    try:
        return BabelLocale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return BabelLocale.parse("en")


def format_date(
    d: date | datetime,
    language: str = "ur",
    numerals: str = "ascii",
    pattern: str = "d MMMM y",
    *,
    tz: str | None = None,
) -> str:
    """Format a Gregorian date with a CLDR ``pattern``.

    An aware datetime is first converted to the zoneinfo zone ``tz`` (if
    given), so a story published at 23:30 UTC shows the next day in Karachi.
    A naive datetime is taken as already local. Unknown languages use English.
    """
    text = babel_format_date(_local_date(d, tz), pattern, locale=_babel_locale(language))
    return to_numerals(text, numerals)


def _hijri_locale(language: str) -> hijri_locales.Locale:
    tag = language.replace("_", "-").split("-")[0].lower()
    if tag == "ur":
        return _URDU_HIJRI
    try:
        return hijri_locales.get_locale(tag)
    except ValueError:
        return hijri_locales.get_locale("en")


def hijri_date(
    d: date | datetime,
    language: str = "ur",
    numerals: str = "ascii",
    *,
    tz: str | None = None,
    offset_days: int = 0,
) -> str:
    """Umm al-Qura Hijri date as "day month year", e.g. "22 رمضان 1446".

    ``offset_days`` shifts the Gregorian date before conversion (-1 gives the
    usual Pakistani moon-sighting date). Dates outside hijridate's range
    (1924-08-01 to 2077-11-16) raise ``OverflowError``.
    """
    local = _local_date(d, tz) + timedelta(days=offset_days)
    hijri = Gregorian.fromdate(local).to_hijri()
    month = _hijri_locale(language).month_name(hijri.month)
    return to_numerals(f"{hijri.day} {month} {hijri.year}", numerals)


def iso_datetime(dt: date | datetime) -> str:
    """Machine-readable value for ``<time datetime="…">``.

    Seconds precision; an aware datetime keeps its UTC offset, a naive one
    becomes a "local date and time string", a date stays a date.
    """
    if isinstance(dt, datetime):
        return dt.isoformat(timespec="seconds")
    return dt.isoformat()
