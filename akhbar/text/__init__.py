"""Pure-Python Urdu text core: normalization, search folding, tokenizing,
reading time, numerals, dates and slugs.

This package must not import Django (a test enforces it), so it can be used
from management commands, wire ingest workers and tests without settings.

* ``normalize`` / ``fold`` — canonical display form and search key
  (``akhbar.text.normalize`` documents every rule).
* ``canonical_compounds`` — one spelling for کیلئے / کے لئے / کے لیے and similar.
* ``words`` / ``word_count`` — script-aware tokenizer.
* ``reading_minutes`` / ``reading_time_label`` — "2 منٹ پڑھنے".
* ``to_numerals`` / ``format_number`` — ASCII, Urdu ۰-۹ and Arabic ٠-٩ digits.
* ``format_date`` / ``hijri_date`` / ``iso_datetime`` — Gregorian and Hijri dates.
* ``slugify_headline`` — Unicode URL slugs.
"""

from akhbar.text.compounds import COMPOUNDS, canonical_compounds
from akhbar.text.dates import format_date, hijri_date, iso_datetime
from akhbar.text.normalize import fold, normalize, strip_harakat
from akhbar.text.numerals import format_number, to_numerals
from akhbar.text.reading import READING_RATES, reading_minutes, reading_time_label
from akhbar.text.slugs import slugify_headline
from akhbar.text.words import word_count, words

__all__ = [
    "COMPOUNDS",
    "READING_RATES",
    "canonical_compounds",
    "fold",
    "format_date",
    "format_number",
    "hijri_date",
    "iso_datetime",
    "normalize",
    "reading_minutes",
    "reading_time_label",
    "slugify_headline",
    "strip_harakat",
    "to_numerals",
    "word_count",
    "words",
]
