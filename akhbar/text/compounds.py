"""Spelling variants of common Urdu word groups, mapped to one canonical spelling.

Urdu on the web writes the same words joined or split, and with older or newer
spellings (کیلئے / کے لئے / کے لیے). A reader treats them as one word group, so
search must too. This module holds the table and a whole-word replacer.

Canonical choices, following the modern recommendation of writing the parts
separately and spelling the plural perfective with یے rather than ئے:

* postposition "for": کیلئے, کیلیے, کےلئے, کےلیے, کیلیئے, کےلیئے → کے لیے;
  لئے, لیئے → لیے; اسلئے, اسلیے → اس لیے.
* plural perfective / polite imperative with یے: کئے → کیے, دئے → دیے,
  پئے → پیے, چاہئے → چاہیے, کیجئے → کیجیے (and the ئیے/یئے mixtures).
  گئے is NOT a variant: it is the correct spelling of the plural of گیا.
* future tense: the گا / گی / گے ending is written apart from the verb:
  ہوگا → ہو گا, ہوگی → ہو گی, ہونگے → ہوں گے, کریگا → کرے گا, کرینگے →
  کریں گے, and so on for a fixed list of common verbs (_FUTURE_STEMS).
  ہوگی (will be) and ہوگئی (became) are different words and stay different:
  ہو گی and ہو گئی.
* compound verb with ہو: ہوگیا → ہو گیا, ہوگئی → ہو گئی, ہوگئے → ہو گئے.
* pronoun + possessive written as one word: اسکا → اس کا, انکی → ان کی, …

Only whole words are replaced (a run of letters, marks and digits), so
انکار or اسکول are never touched. The table is explicit rather than a
pattern like "stem + گا" because such patterns break real words: یوگا
(yoga), جوگی (yogi), and لیگی ("a League member", common in Pakistani
political news).

The input is expected to be ``normalize()``d (Urdu ی, ک, ہ); ``fold`` does that
and then calls ``canonical_compounds``. Variants written with ۓ are matched too.
"""

from __future__ import annotations

from akhbar.text.words import JOINERS, is_joiner, is_word_char

_EXPLICIT: dict[str, str] = {
    # "for"
    "کیلئے": "کے لیے",
    "کیلیے": "کے لیے",
    "کیلیئے": "کے لیے",
    "کےلئے": "کے لیے",
    "کےلیے": "کے لیے",
    "کےلیئے": "کے لیے",
    "لئے": "لیے",
    "لیئے": "لیے",
    "اسلئے": "اس لیے",
    "اسلیے": "اس لیے",
    # plural perfective and polite imperative
    "کئے": "کیے",
    "کیئے": "کیے",
    "دئے": "دیے",
    "دیئے": "دیے",
    "پئے": "پیے",
    "پیئے": "پیے",
    "چاہئے": "چاہیے",
    "چاہیئے": "چاہیے",
    "کیجئے": "کیجیے",
    "دیجئے": "دیجیے",
    "لیجئے": "لیجیے",
    # compound verbs with ہو
    "ہوگیا": "ہو گیا",
    "ہوگئی": "ہو گئی",
    "ہوگئے": "ہو گئے",
    "ہوگئیں": "ہو گئیں",
}

# Pronoun + possessive postposition written as one word.
_PRONOUNS = ("اس", "ان", "جس", "جن")
_POSSESSIVES = ("کا", "کی", "کے")

# Verb forms that take the future ending. Singular forms end in ے (or are ہو);
# plural forms end in ں. Joined spellings use the medial letter instead:
# ے → ی (کریگا) and ں → ن (کرینگے).
_FUTURE_STEMS = (
    "ہو", "ہوں",
    "کرے", "کریں",
    "جائے", "جائیں",
    "آئے", "آئیں",
    "رہے", "رہیں",
    "سکے", "سکیں",
    "دے", "دیں",
    "لے", "لیں",
    "ملے", "ملیں",
)  # fmt: skip
_FUTURE_ENDINGS_SINGULAR = ("گا", "گی")
_FUTURE_ENDINGS_PLURAL = ("گے", "گی")
_FUTURE_EXCLUDED = frozenset({"لیگی"})  # "a (Muslim) League member", a real word


def _future_variants() -> dict[str, str]:
    table: dict[str, str] = {}
    for stem in _FUTURE_STEMS:
        plural = stem.endswith("ں")
        endings = _FUTURE_ENDINGS_PLURAL if plural else _FUTURE_ENDINGS_SINGULAR
        if stem == "ہو":
            endings = ("گا", "گی", "گے")  # تم ہو گے
        for ending in endings:
            canonical = f"{stem} {ending}"
            joined = {stem + ending}
            if stem.endswith("ے"):
                joined.add(stem[:-1] + "ی" + ending)
            elif plural:
                joined.add(stem[:-1] + "ن" + ending)
            for variant in joined - _FUTURE_EXCLUDED:
                table[variant] = canonical
    return table


def _build_table() -> dict[str, str]:
    table = dict(_EXPLICIT)
    for pronoun in _PRONOUNS:
        for possessive in _POSSESSIVES:
            table[pronoun + possessive] = f"{pronoun} {possessive}"
    table.update(_future_variants())
    # Older keyboards type ۓ where current spelling has ئے.
    for variant, canonical in list(table.items()):
        if "ئے" in variant:
            table[variant.replace("ئے", "ۓ")] = canonical
    return table


COMPOUNDS: dict[str, str] = _build_table()
"""Variant spelling → canonical spelling, for whole words."""


def canonical_compounds(text: str) -> str:
    """Replace every whole word found in ``COMPOUNDS`` with its canonical spelling."""
    out: list[str] = []
    start = None
    for index, char in enumerate(text + " "):
        inside = is_word_char(char) or (start is not None and is_joiner(char))
        if inside:
            if start is None:
                start = index
            continue
        if start is not None:
            word = text[start:index]
            core = word.rstrip(JOINERS)  # a trailing ZWNJ must not hide the word
            out.append(COMPOUNDS.get(core, core) + word[len(core) :])
            start = None
        out.append(char)
    return "".join(out)[:-1]
