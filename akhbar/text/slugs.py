"""URL slugs from headlines, in Urdu script: 'روسی صدر پوتن' → 'روسی-صدر-پوتن'.

Similar to Django's ``slugify(allow_unicode=True)``, reimplemented so the
text core stays free of Django, with these differences for Urdu:

* ``normalize()`` instead of NFKC, so the slug uses the same letters as the
  stored headline (ی not ي, ہ not ه) and two spellings give one slug.
* Arabic-script harakat are stripped (a headline with a zer and one without
  must not get different URLs); other scripts' combining marks are kept,
  since Devanagari vowel signs, for example, are part of the letter.
* Digits become ASCII: a URL is typed and shared on every keyboard.
* Dashes, slashes and the punctuation that separates Urdu clauses
  (، ؛ ؟ ۔) separate words, and so does a decimal point (7.4 → 7-4, not a
  misleading 74); a thousands separator between digits is dropped
  (10,000 → 10000); all other characters that are not letters, digits or
  marks are dropped, as Django does ("Pakistan's" → "pakistans").
* Cut at a word boundary to at most ``max_length`` characters; a single
  word longer than that is cut hard. Never empty: the fallback is "story".
"""

from __future__ import annotations

import unicodedata

from akhbar.text.normalize import normalize, strip_harakat
from akhbar.text.numerals import to_numerals

FALLBACK_SLUG = "story"
_SEPARATORS = frozenset("/\\|:;,.!?\u060c\u061b\u061f\u06d4\u066b")  # ، ؛ ؟ ۔ ٫
_THOUSANDS = frozenset(",\u066c")


def _slug_chars(text: str) -> str:
    out: list[str] = []
    last = len(text) - 1
    for index, char in enumerate(text):
        category = unicodedata.category(char)
        if category[0] in "LMN":
            out.append(char)
        elif (
            char in _THOUSANDS
            and 0 < index < last
            and text[index - 1].isdigit()
            and text[index + 1].isdigit()
        ):
            continue
        elif char == " " or char == "-" or category == "Pd" or char in _SEPARATORS:
            out.append("-")
        # anything else (quotes, symbols, ZWNJ, bidi marks) is dropped
    return "".join(out)


def _cut(slug: str, max_length: int) -> str:
    if len(slug) <= max_length:
        return slug
    if slug[max_length] == "-":
        return slug[:max_length]
    head = slug[:max_length]
    boundary = head.rfind("-")
    return head[:boundary] if boundary > 0 else head


def slugify_headline(headline: str, max_length: int = 80) -> str:
    """Return a lowercase, hyphen-separated Unicode slug for ``headline``."""
    if max_length < len(FALLBACK_SLUG):
        raise ValueError(f"max_length must be at least {len(FALLBACK_SLUG)}")
    # Turkish dotted capital İ lowercases to i + U+0307 (a combining dot a URL slug must not
    # carry); its lowercase is plain i.
    text = to_numerals(strip_harakat(normalize(headline)), "ascii").replace("\u0130", "i").lower()
    slug = "-".join(part for part in _slug_chars(text).split("-") if part)
    slug = _cut(slug, max_length).strip("-")
    return slug or FALLBACK_SLUG
