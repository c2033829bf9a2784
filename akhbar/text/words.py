"""Script-aware word tokenizer for Urdu, Arabic and Latin text.

A character belongs to a word by its Unicode category, not by a Latin-only
regex: letters (L*), combining marks (M*) and digits/numbers (N*) are word
characters, so a word carrying harakat (کِتاب) or a superscript alef stays
one word. Everything else separates words, which covers whitespace and the
punctuation of both scripts: ۔ ، ؛ ؟ « » ASCII punctuation and dashes.

Exceptions, each because a reader sees one word where a naive split sees two:

* ZWNJ / ZWJ (U+200C, U+200D) between word characters join: Urdu uses ZWNJ
  to stop letters connecting inside one word (نیم‌سرکاری). At a word's edge
  they are dropped.
* Between two digits, ``, . ٫ ٬`` are part of the number: 10,000 and 7.4
  are one token each. The Arabic comma ، is not, because Urdu writes it with
  no space after a number in lists ("5،6").
* An apostrophe between two letters is part of the word (Pakistan's, don't),
  so English word counts match what readers and editors expect.
* Bidi marks (LRM, RLM, ALM, embeddings, isolates), the BOM/ZWNBSP and the
  soft hyphen are invisible: skipped without splitting the word.
* A token must hold at least one letter or digit (tatweel does not count);
  stray combining marks or a decorative ــــ line are not words.
"""

from __future__ import annotations

import unicodedata

ZWNJ = "\u200c"
ZWJ = "\u200d"
JOINERS = ZWNJ + ZWJ

_NUMBER_JOINERS = frozenset(",.\u066b\u066c")  # ٫ Arabic decimal, ٬ thousands
_APOSTROPHES = frozenset("'\u2019")
_INVISIBLE = frozenset(
    "\u200e\u200f\u061c"  # LRM, RLM, Arabic letter mark
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings and overrides
    "\u2066\u2067\u2068\u2069"  # isolates
    "\ufeff\u00ad"  # BOM / zero-width no-break space, soft hyphen
)
_TATWEEL = "\u0640"


def is_word_char(char: str) -> bool:
    """True for letters, combining marks and digits of any script."""
    return unicodedata.category(char)[0] in "LMN"


def is_joiner(char: str) -> bool:
    """True for ZWNJ and ZWJ, which join the word characters around them."""
    return char in JOINERS


def _is_digit(char: str) -> bool:
    return unicodedata.category(char) == "Nd"


def _is_letter(char: str) -> bool:
    return unicodedata.category(char)[0] == "L"


def _has_substance(token: str) -> bool:
    return any(
        (_is_letter(c) and c != _TATWEEL) or unicodedata.category(c)[0] == "N" for c in token
    )


def words(text: str) -> list[str]:
    """Split ``text`` into words; see the module docstring for the rules."""
    # Invisible marks are removed first so they can never separate a word
    # from its joiner or a digit from its separator.
    visible = "".join(c for c in text if c not in _INVISIBLE)
    tokens: list[str] = []
    current: list[str] = []

    def flush() -> None:
        token = "".join(current).rstrip(JOINERS)
        if token and _has_substance(token):
            tokens.append(token)
        current.clear()

    last = len(visible) - 1
    for index, char in enumerate(visible):
        if is_word_char(char):
            current.append(char)
            continue
        prev = visible[index - 1] if index > 0 else ""
        nxt = visible[index + 1] if index < last else ""
        if current and nxt:
            if char in JOINERS and (is_word_char(nxt) or nxt in JOINERS):
                current.append(char)
                continue
            if char in _NUMBER_JOINERS and _is_digit(prev) and _is_digit(nxt):
                current.append(char)
                continue
            if char in _APOSTROPHES and _is_letter(prev) and _is_letter(nxt):
                current.append(char)
                continue
        flush()
    flush()
    return tokens


def word_count(text: str) -> int:
    """Number of words in ``text``, as counted by ``words``."""
    return len(words(text))
