"""Estimated reading time ("2 منٹ پڑھنے") for an article body.

Rates are words per minute for adult readers:

* English 238 — silent reading of non-fiction, Brysbaert (2019), "How many
  words do we read per minute? A review and meta-analysis of reading rate",
  Journal of Memory and Language 109, 104047.
* Arabic 138 — IReST (International Reading Speed Texts) read-aloud mean
  for Arabic, 138 ± 20 wpm; Trauzettel-Klosinski & Dietz (2012),
  Investigative Ophthalmology & Visual Science 53(9), 5452–5461.
* Urdu 138 — no published silent-reading rate for Urdu was found. Urdu is
  written in an extension of the Arabic script, so the Arabic IReST figure
  is used as the closest measured proxy. It is a read-aloud rate, so it errs towards longer times.
* Turkish 200 — an approximation, not taken from a study. Turkish words are
  long (agglutinative), so fewer words per minute than English silent
  reading are expected. Replace it when a measured figure is available.

Unknown languages use the English rate and English label.
"""

from __future__ import annotations

import math

from akhbar.text.numerals import to_numerals
from akhbar.text.words import word_count

READING_RATES: dict[str, int] = {
    "ur": 138,  # Arabic IReST read-aloud mean used as a proxy (see above)
    "ar": 138,  # IReST Arabic, Trauzettel-Klosinski & Dietz 2012
    "en": 238,  # Brysbaert 2019, silent reading, non-fiction
    "tr": 200,  # approximate, not measured
}
DEFAULT_LANGUAGE = "en"


def _language(language: str) -> str:
    """Primary subtag ("ur-PK", "ur_PK" → "ur"), or the default if unsupported."""
    primary = language.replace("_", "-").split("-")[0].lower()
    return primary if primary in READING_RATES else DEFAULT_LANGUAGE


def reading_minutes(text_or_count: str | int, language: str = "ur") -> int:
    """Minutes to read a text (or a word count), rounded up, at least 1."""
    if isinstance(text_or_count, str):
        count = word_count(text_or_count)
    elif isinstance(text_or_count, int) and not isinstance(text_or_count, bool):
        count = text_or_count
    else:
        raise TypeError("reading_minutes() needs a text or a word count")
    if count < 0:
        raise ValueError("word count cannot be negative")
    return max(1, math.ceil(count / READING_RATES[_language(language)]))


def _arabic_minutes(n: int, digits: str) -> str:
    # CLDR plural categories for Arabic: the singular and dual stand alone
    # without a numeral; 3-10 take the plural دقائق; 11-99 and the rest take
    # the singular دقيقة (tamyīz).
    if n == 1:
        return "دقيقة"
    if n == 2:
        return "دقيقتان"
    if 3 <= n % 100 <= 10:
        return f"{digits} دقائق"
    return f"{digits} دقيقة"


def reading_time_label(minutes: int, language: str = "ur", numerals: str = "ascii") -> str:
    """Localized "N min read" label; digits are written in ``numerals``."""
    if minutes < 0:
        raise ValueError("minutes cannot be negative")
    digits = to_numerals(str(minutes), numerals)
    lang = _language(language)
    if lang == "ur":
        return f"{digits} منٹ پڑھنے"
    if lang == "ar":
        return f"{_arabic_minutes(minutes, digits)} للقراءة"
    if lang == "tr":
        return f"{digits} dk okuma"
    return f"{digits} min read"
