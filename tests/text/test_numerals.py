"""Digit systems: ASCII, Urdu ۰-۹ and Arabic-Indic ٠-٩."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akhbar.text.numerals import format_number, to_numerals

MIXED = "سال 2025 میں ۱۴ اگست اور ١٦ دسمبر"


def test_to_each_system():
    assert to_numerals(MIXED, "ascii") == "سال 2025 میں 14 اگست اور 16 دسمبر"
    assert to_numerals(MIXED, "urdu") == "سال ۲۰۲۵ میں ۱۴ اگست اور ۱۶ دسمبر"
    assert to_numerals(MIXED, "arabic") == "سال ٢٠٢٥ میں ١٤ اگست اور ١٦ دسمبر"


def test_cldr_aliases():
    assert to_numerals("۴۵", "latn") == "45"
    assert to_numerals("45", "arabext") == "۴۵"
    assert to_numerals("45", "arab") == "٤٥"


def test_unknown_system():
    with pytest.raises(ValueError):
        to_numerals("1", "roman")


def test_format_number():
    assert format_number(1234567) == "1,234,567"
    assert format_number(1234567, "urdu") == "۱٬۲۳۴٬۵۶۷"
    assert format_number(-50000, "arabic") == "-٥٠٬٠٠٠"
    assert format_number(999, "urdu") == "۹۹۹"
    assert format_number(1234567, "ascii", grouping=False) == "1234567"


def test_format_number_needs_int():
    with pytest.raises(TypeError):
        format_number(1.5)  # type: ignore[arg-type]


@given(st.text(max_size=40), st.sampled_from(["ascii", "urdu", "arabic"]))
def test_round_trip_through_any_system(text, system):
    assert to_numerals(to_numerals(text, system), "ascii") == to_numerals(text, "ascii")
    assert len(to_numerals(text, system)) == len(text)
