"""Canonical forms of Urdu text: ``normalize`` for display, ``fold`` for matching.

Urdu typed on Arabic or Persian keyboards, pasted from PDFs, or sent by wire
services mixes look-alike code points. They render (almost) the same but
compare unequal, so the same word would be stored, searched and slugged in
several spellings.

``normalize(text)`` — safe to show to readers; it changes code points, never
the word a reader sees. In order:

1. Arabic presentation forms (U+FB50–FDFF, U+FE70–FEFF) are replaced by
   their NFKC compatibility decomposition, one character at a time. PDF
   extraction and legacy fonts produce these contextual glyph codes; they
   break search and shaping. NFKC is applied to these characters only,
   because NFKC on whole text would also rewrite things like superscripts
   and fullwidth forms that editors typed on purpose. Two exceptions are
   kept as they are: ﷺ (U+FDFA) and ﷻ (U+FDFB), honorific signs that Urdu
   writes deliberately and whose decomposition is a whole phrase. The
   isolated harakat forms (U+FE70 …, U+FC5E–FC63) decompose to a space plus
   a mark; the space is dropped.
2. Tatweel (U+0640) and BOM/ZWNBSP (U+FEFF) are removed: tatweel is
   justification padding, not a letter, and would split one word in two
   spellings.
3. NFC. This composes ا + ٓ → آ, و + ٔ → ؤ, ے + ٔ → ۓ, ي + ٔ → ئ and
   ہ + ٔ → ۂ.
4. Arabic letters are folded to the Urdu letters of the same sound and shape:
   ي (U+064A) and ى (U+0649) → ی (U+06CC); ك (U+0643) → ک (U+06A9);
   ه (U+0647) → ہ (U+06C1); ة (U+0629) → ۃ (U+06C3); ۀ (U+06C0, Persian
   ezafe heh) → ۂ (U+06C2). ھ (U+06BE, do-chashmi he, marks aspiration) is a
   different letter and is kept. Text that typed ه for ھ (بهی for بھی)
   cannot be repaired without a dictionary and is not attempted.
5. ی + ٔ → ئ. NFC does not do this: ئ decomposes to Arabic ي + hamza, so
   the Urdu (Farsi) yeh followed by hamza above has no composed form.
6. NFC again, so that ہ + ٔ made in step 4 from ه + ٔ becomes ۂ.
7. Every run of whitespace (anything ``str.isspace``, which includes NBSP
   and the other Unicode spaces, tabs and newlines) and zero-width space
   U+200B becomes one ASCII space; the ends are stripped. Callers that must
   keep paragraphs normalize each paragraph separately.

آ, ے, ھ, ۓ, ئ, ؤ are never folded into ا, ی, ہ: they are different letters
in Urdu. Persian/Urdu digits and Arabic-Indic digits are left alone for
display (see ``akhbar.text.numerals``). ``normalize`` is idempotent.

``fold(text)`` — the key for matching and search, never for display:
``normalize``, then

a. ۂ → ہ (the izafat hamza is often left out: عہدۂ / عہدہ);
   ۓ → ئے (the legacy letter and the current spelling of گئے);
   أ, إ, ٱ → ا (hamza and wasla seats of Arabic names and loanwords).
   آ stays آ.
b. remove harakat and Quranic marks: U+064B–065F, U+0670 (superscript
   alef, اعلیٰ → اعلی), U+06D6–06ED, U+0610–061A; remove ZWNJ/ZWJ and the
   bidi marks U+200E, U+200F, U+061C, U+202A–202E, U+2066–2069. Readers
   and writers add these inconsistently.
c. ``canonical_compounds``: spelling variants of common word groups
   (کیلئے / کے لئے → کے لیے, ہوگا → ہو گا); see ``akhbar.text.compounds``.
d. Urdu (U+06F0–06F9) and Arabic-Indic (U+0660–0669) digits → ASCII.
e. ``str.casefold`` (Latin and other cased scripts), then the Turkish i rule
   (f), then NFC and the whitespace rule again, since removing marks can leave
   double spaces.
f. Turkish i: after casefolding, ı (U+0131, dotless i) → i, and combining dot
   above (U+0307) right after an i is removed. Turkish has two i letters
   (I/ı and İ/i) but casefold is language-blind: İ becomes i + U+0307 and I
   becomes i, so "İzmir" and "izmir" folded apart, and "IŞIK" folded to
   "işik" while "ışık" stayed "ışık". Readers type whichever their keyboard
   gives (capitals, a non-Turkish layout without ı or İ), so for matching all
   four letters are one: i. The price is that the few Turkish words told apart
   only by the dot (sık/sik) meet in search, which search tolerates better than
   missing "İzmir". U+0307 is kept after every other letter (NFC composes most
   of those, ż, ṗ), so no other language changes; Arabic-script text has no
   i and is untouched.

``fold`` is idempotent and ``fold(normalize(x)) == fold(x)``.
"""

from __future__ import annotations

import re
import unicodedata

from akhbar.text.compounds import canonical_compounds

_KEEP_PRESENTATION = frozenset({0xFDFA, 0xFDFB})  # ﷺ ﷻ


def _presentation_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for start, end in ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF)):
        for code in range(start, end + 1):
            if code in _KEEP_PRESENTATION:
                continue
            char = chr(code)
            decomposed = unicodedata.normalize("NFKC", char)
            if decomposed != char:
                table[code] = decomposed.lstrip(" ") or decomposed
    return table


_PRESENTATION = _presentation_table()
_REMOVE_FOR_DISPLAY = {0x0640: None, 0xFEFF: None}
_URDU_LETTERS = str.maketrans(
    {
        "\u064a": "\u06cc",  # ي → ی
        "\u0649": "\u06cc",  # ى → ی
        "\u0643": "\u06a9",  # ك → ک
        "\u0647": "\u06c1",  # ه → ہ
        "\u0629": "\u06c3",  # ة → ۃ
        "\u06c0": "\u06c2",  # ۀ → ۂ
    }
)
_YEH_HAMZA = ("\u06cc\u0654", "\u0626")  # ی + ٔ → ئ
_WHITESPACE = re.compile(r"[\s\u200b]+")

_SEARCH_LETTERS = str.maketrans(
    {
        "\u06c2": "\u06c1",  # ۂ → ہ
        "\u06d3": "\u0626\u06d2",  # ۓ → ئے
        "\u0623": "\u0627",  # أ → ا
        "\u0625": "\u0627",  # إ → ا
        "\u0671": "\u0627",  # ٱ → ا
    }
)
_MARK_RANGES = ((0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED), (0x0610, 0x061A))
_INVISIBLE = "\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_HARAKAT: dict[int, None] = {
    code: None for start, end in _MARK_RANGES for code in range(start, end + 1)
}
_REMOVE_FOR_SEARCH = _HARAKAT | {ord(c): None for c in _INVISIBLE}
# Rule f: one i for ı, İ (casefolded to i + U+0307) and I (casefolded to i).
_DOTLESS_I = {0x0131: "i"}
_I_DOT_ABOVE = re.compile("i\u0307+")
_ASCII_DIGITS = {0x06F0 + i: str(i) for i in range(10)} | {0x0660 + i: str(i) for i in range(10)}

HARAKAT_RANGES: tuple[tuple[int, int], ...] = _MARK_RANGES
"""Code point ranges of Arabic-script diacritics removed by ``fold``."""


def _collapse_whitespace(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def strip_harakat(text: str) -> str:
    """Remove Arabic-script harakat and Quranic annotation marks only."""
    return text.translate(_HARAKAT)


def normalize(text: str) -> str:
    """Return the canonical display form of ``text`` (rules in the module docstring)."""
    text = text.translate(_PRESENTATION)
    text = text.translate(_REMOVE_FOR_DISPLAY)
    text = unicodedata.normalize("NFC", text)
    text = text.translate(_URDU_LETTERS)
    text = text.replace(*_YEH_HAMZA)
    text = unicodedata.normalize("NFC", text)
    return _collapse_whitespace(text)


def fold(text: str) -> str:
    """Return the matching/search key of ``text`` (rules in the module docstring)."""
    text = normalize(text)
    text = text.translate(_SEARCH_LETTERS)
    text = text.translate(_REMOVE_FOR_SEARCH)
    text = canonical_compounds(text)
    text = text.translate(_ASCII_DIGITS)
    text = _I_DOT_ABOVE.sub("i", text.casefold().translate(_DOTLESS_I))
    text = unicodedata.normalize("NFC", text)
    return _collapse_whitespace(text)
