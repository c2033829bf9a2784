"""Gregorian dates through Babel, Hijri dates through hijridate, ISO values."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hijridate import Hijri

from akhbar.text.dates import URDU_HIJRI_MONTHS, format_date, hijri_date, iso_datetime

DAY = date(2025, 3, 22)


def test_urdu_gregorian_date():
    assert format_date(DAY) == "22 مارچ 2025"
    assert format_date(DAY, numerals="urdu") == "۲۲ مارچ ۲۰۲۵"


def test_other_languages():
    assert format_date(DAY, "en") == "22 March 2025"
    assert format_date(DAY, "ar", numerals="arabic") == "٢٢ مارس ٢٠٢٥"
    assert format_date(DAY, "tr") == "22 Mart 2025"
    assert format_date(DAY, "ur-PK") == "22 مارچ 2025"
    assert format_date(DAY, "xx") == "22 March 2025"


def test_custom_pattern():
    assert format_date(DAY, "en", pattern="y-MM-dd") == "2025-03-22"


def test_aware_datetime_is_converted_to_the_zone_first():
    late_utc = datetime(2025, 3, 21, 20, 30, tzinfo=UTC)
    assert format_date(late_utc) == "21 مارچ 2025"
    assert format_date(late_utc, tz="Asia/Karachi") == "22 مارچ 2025"


def test_naive_datetime_is_taken_as_local():
    assert format_date(datetime(2025, 3, 21, 23, 0), tz="Asia/Karachi") == "21 مارچ 2025"


def test_hijri_date_umm_al_qura():
    # Verified with hijridate: 2025-03-22 is 22 Ramadan 1446 in Umm al-Qura.
    assert hijri_date(DAY) == "22 رمضان 1446"
    assert hijri_date(DAY, numerals="urdu") == "۲۲ رمضان ۱۴۴۶"


def test_hijri_offset_for_pakistani_moon_sighting():
    assert hijri_date(DAY, offset_days=-1) == "21 رمضان 1446"


def test_hijri_other_languages():
    assert hijri_date(DAY, "ar", numerals="arabic") == "٢٢ رمضان ١٤٤٦"
    assert hijri_date(DAY, "en") == "22 Ramadan 1446"
    assert hijri_date(DAY, "tr") == "22 Ramazan 1446"
    assert hijri_date(DAY, "xx") == "22 Ramadan 1446"


def test_hijri_aware_datetime_uses_zone():
    late_utc = datetime(2025, 3, 21, 20, 30, tzinfo=UTC)
    assert hijri_date(late_utc, tz="Asia/Karachi") == "22 رمضان 1446"


def test_urdu_locale_is_registered_with_hijridate():
    for month, name in enumerate(URDU_HIJRI_MONTHS, start=1):
        assert Hijri(1446, month, 1).month_name("ur") == name  # type: ignore[arg-type]
    assert Hijri(1446, 1, 1).month_name("ur") == "محرم"  # type: ignore[arg-type]
    assert Hijri(1446, 12, 1).month_name("ur") == "ذوالحجہ"  # type: ignore[arg-type]


def test_every_urdu_month_name_in_a_year():
    start = date(*Hijri(1446, 1, 1).to_gregorian().datetuple())
    seen = {hijri_date(start + timedelta(days=i)).split(" ", 1)[1].rsplit(" ", 1)[0]
            for i in range(0, 360, 10)}  # fmt: skip
    assert seen == set(URDU_HIJRI_MONTHS)


def test_hijri_out_of_range():
    with pytest.raises(OverflowError):
        hijri_date(date(1900, 1, 1))


def test_iso_datetime():
    karachi = timezone(timedelta(hours=5))
    aware = datetime(2025, 3, 22, 9, 5, 7, 123456, tzinfo=karachi)
    assert iso_datetime(aware) == "2025-03-22T09:05:07+05:00"
    assert iso_datetime(datetime(2025, 3, 22, 9, 5)) == "2025-03-22T09:05:00"
    assert iso_datetime(DAY) == "2025-03-22"
