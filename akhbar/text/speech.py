"""Urdu text prepared for a speech engine: what a story should sound like, as plain text.

Speech engines read what they are given. The espeak-ng Urdu voice is silent on Urdu digits
۰–۹, drops the Arabic letters ك and ه, reads "ء" after a year as "hamza", reads "1446ھ" as
"... do-chashmi he" and reads IMF as the English word "imf". So a story is rewritten into
words before it reaches any engine (in this order, per paragraph):

1. ``normalize`` (akhbar.text.normalize): Urdu letters, one space between words.
2. The pronunciation lexicon (editors' "word → how to say it", e.g. شوئیگو → شوئی گو),
   matched as whole words; the entries used are reported so a change re-voices them.
3. Digits of every system become ASCII, then numbers are spelled out in Urdu words:
   dates (22/03/2025 → بائیس مارچ دو ہزار پچیس), times (10:30 → دس بج کر تیس منٹ),
   currency (Rs. 500, $5, €, £ → … روپے / ڈالر / یورو / پاؤنڈ), percentages (7.4% →
   سات اعشاریہ چار فیصد), years with ء/ھ (1446ھ → چودہ سو چھیالیس ہجری), decimals
   (digits after اعشاریہ one by one), grouped numbers (10,000 and Indian 1,50,000), with
   lakh and crore for big numbers as Urdu speakers count. 1100–1999 are read in hundreds
   (انیس سو اٹھانوے) because that is how Urdu says both years and such counts. Leading-zero
   or very long digit strings (phone numbers) are read digit by digit.
4. Latin: known words from ``KNOWN_WORDS`` (NATO → نیٹو); dotted or capital
   abbreviations letter by letter with Urdu letter names (IMF → آئی ایم ایف, G20 → جی بیس);
   other Latin words are left for the engine (espeak-ng switches to its English rules).
5. Punctuation the engine should pause at becomes Urdu punctuation (? → ؟, a full stop
   after an Urdu letter → ۔), brackets and dashes become ، so they pause instead of being
   read or ignored; quotation marks are dropped; every segment ends with a stop.

Pauses: the clause pauses at ۔ ، ؟ are the engine's (espeak-ng pauses about 350 ms at ۔
and ؟ and 200 ms at ،, measured); the longer pauses after the headline and between
paragraphs are silence the pipeline inserts, given here as ``Segment.pause_ms``. The order
is headline → standfirst → body. Pure Python: no Django.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from akhbar.text.dates import URDU_GREGORIAN_MONTHS
from akhbar.text.normalize import normalize
from akhbar.text.numerals import to_numerals

# 0–99: Urdu number words are irregular, so the whole table is written out.
_UNITS = (
    "صفر ایک دو تین چار پانچ چھ سات آٹھ نو "
    "دس گیارہ بارہ تیرہ چودہ پندرہ سولہ سترہ اٹھارہ انیس "
    "بیس اکیس بائیس تئیس چوبیس پچیس چھبیس ستائیس اٹھائیس انتیس "
    "تیس اکتیس بتیس تینتیس چونتیس پینتیس چھتیس سینتیس اڑتیس انتالیس "
    "چالیس اکتالیس بیالیس تینتالیس چوالیس پینتالیس چھیالیس سینتالیس اڑتالیس انچاس "
    "پچاس اکاون باون ترپن چون پچپن چھپن ستاون اٹھاون انسٹھ "
    "ساٹھ اکسٹھ باسٹھ تریسٹھ چونسٹھ پینسٹھ چھیاسٹھ سڑسٹھ اڑسٹھ انہتر "
    "ستر اکہتر بہتر تہتر چوہتر پچہتر چھہتر ستتر اٹھہتر اناسی "
    "اسی اکیاسی بیاسی تراسی چوراسی پچاسی چھیاسی ستاسی اٹھاسی نواسی "
    "نوے اکانوے بانوے ترانوے چورانوے پچانوے چھیانوے ستانوے اٹھانوے ننانوے"
)
NUMBER_WORDS: tuple[str, ...] = tuple(_UNITS.split())
"""Urdu words for 0–99 (index = value)."""
assert len(NUMBER_WORDS) == 100  # noqa: S101 - a typo in the table must fail at import

# South Asian scales: lakh = 10^5, crore = 10^7, arab = 10^9, kharab = 10^11.
SCALES: tuple[tuple[int, str], ...] = (
    (10**11, "کھرب"), (10**9, "ارب"), (10**7, "کروڑ"), (10**5, "لاکھ"), (1000, "ہزار"), (100, "سو"),
)
DECIMAL_POINT = "اعشاریہ"
PERCENT = "فیصد"
MINUS = "منفی"

_LETTER_NAMES = (
    "اے بی سی ڈی ای ایف جی ایچ آئی جے کے ایل ایم "
    "این او پی کیو آر ایس ٹی یو وی ڈبلیو ایکس وائی زیڈ"
)
LATIN_LETTERS: dict[str, str] = dict(
    zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", _LETTER_NAMES.split(), strict=True)
)
"""How Urdu speakers name Latin letters, for abbreviations read letter by letter."""

KNOWN_WORDS: dict[str, str] = {
    "nato": "نیٹو", "unesco": "یونیسکو", "unicef": "یونیسیف", "opec": "اوپیک", "fifa": "فیفا",
    "nasa": "ناسا", "covid": "کووڈ", "asean": "آسیان", "saarc": "سارک", "interpol": "انٹرپول",
    "reuters": "رائٹرز", "wapda": "واپڈا", "nepra": "نیپرا", "ogra": "اوگرا", "cpec": "سی پیک",
    "radar": "ریڈار", "laser": "لیزر", "aids": "ایڈز", "sim": "سم", "app": "ایپ",
    "online": "آن لائن", "internet": "انٹرنیٹ", "email": "ای میل", "video": "ویڈیو",
}
"""Latin words said as words, not spelled (keys are lower case)."""

CURRENCIES: dict[str, str] = {
    "rs": "روپے", "rs.": "روپے", "pkr": "روپے", "inr": "روپے", "$": "ڈالر", "usd": "ڈالر",
    "us$": "ڈالر", "€": "یورو", "eur": "یورو", "£": "پاؤنڈ", "gbp": "پاؤنڈ", "¥": "ین",
}
_SCALE_WORDS = {"million": "ملین", "billion": "بلین", "trillion": "ٹریلین", "m": "ملین",
                "bn": "بلین", "ملین": "ملین", "بلین": "بلین", "ارب": "ارب", "کروڑ": "کروڑ",
                "لاکھ": "لاکھ", "ہزار": "ہزار"}
SYMBOLS: dict[str, str] = {"ﷺ": " صلی اللہ علیہ وسلم ", "ﷻ": " جل جلالہ ", "&": " اور "}

HEADLINE_PAUSE_MS = 900
STANDFIRST_PAUSE_MS = 800
PARAGRAPH_PAUSE_MS = 600


def number_words(n: int) -> str:
    """An integer in Urdu words, counted in lakh and crore: 150000 → ایک لاکھ پچاس ہزار."""
    if n < 0:
        return f"{MINUS} {number_words(-n)}"
    if n < 100:
        return NUMBER_WORDS[n]
    parts: list[str] = []
    for size, name in SCALES:
        count, n = divmod(n, size)
        if count:
            parts.append(f"{number_words(count)} {name}")
    if n:
        parts.append(NUMBER_WORDS[n])
    return " ".join(parts)


def digits_words(digits: str) -> str:
    """Each digit on its own: decimals after اعشاریہ, phone numbers, codes."""
    return " ".join(NUMBER_WORDS[int(d)] for d in digits if d.isdigit())


def year_words(n: int) -> str:
    """A year as said aloud: 1998 → انیس سو اٹھانوے, 2025 → دو ہزار پچیس."""
    if 1100 <= n <= 1999 and n % 1000 // 100:
        high, low = divmod(n, 100)
        return f"{NUMBER_WORDS[high]} سو" + (f" {NUMBER_WORDS[low]}" if low else "")
    return number_words(n)


def numeral_words(integer: str, fraction: str = "") -> str:
    """A written number (ASCII digits, group separators allowed) in words."""
    digits = integer.replace(",", "")
    if not digits.isdigit():
        return integer
    if (len(digits) > 1 and digits[0] == "0") or len(digits) > 13:
        spoken = digits_words(digits)
    elif "," not in integer and len(digits) == 4:
        spoken = year_words(int(digits))
    else:
        spoken = number_words(int(digits))
    if fraction:
        spoken += f" {DECIMAL_POINT} {digits_words(fraction)}"
    return spoken


def spell_letters(abbreviation: str) -> str:
    """IMF → آئی ایم ایف (letters without a name are dropped)."""
    return " ".join(LATIN_LETTERS[c] for c in abbreviation.upper() if c in LATIN_LETTERS)


# -- patterns, applied in order ------------------------------------------------------

_NUM = r"(\d{1,3}(?:,\d{2,3})+|\d+)(?:\.(\d+))?"
_EDGE_BEFORE = r"(?<![\w.,])"
_EDGE_AFTER = r"(?![\d\w])"
_DATE = re.compile(r"(?<![\w/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?![\w/.-])")
_TIME = re.compile(r"(?<![\w:])([01]?\d|2[0-3]):([0-5]\d)(?![\w:])(?:\s?بجے(?!\w))?")
_PHONE = re.compile(r"(?<![\w+])(\+\d{2}\s?|0)(\d{2,4})[- ]?(\d{6,8})(?!\w)")
_CURRENCY_BEFORE = re.compile(
    r"(?<![\w])(Rs\.?|PKR|INR|US\$|USD|EUR|GBP|[$€£¥])\s?" + _NUM
    + r"(?:\s?(million|billion|trillion|bn|m|ملین|بلین|ارب|کروڑ|لاکھ|ہزار)(?![\w]))?",
    re.IGNORECASE,
)
_PERCENT = re.compile(_EDGE_BEFORE + _NUM + r"\s?[%٪]")
_PERCENT_BEFORE = re.compile(r"[%٪]\s?" + _NUM + _EDGE_AFTER)
_ERA = re.compile(_EDGE_BEFORE + r"(\d{1,4})\s?(ء|ھ|ق م)(?!\w)")
_SUFFIXED = re.compile(_EDGE_BEFORE + r"(\d+)(ویں|واں|وی|ء)(?!\w)")
_ABBR_NUMBER = re.compile(r"(?<![\w])([A-Z]{1,5})-?(\d{1,4})(?![\w])")
_RANGE = re.compile(_EDGE_BEFORE + r"([1-9]\d{0,3})\s?[-–]\s?([1-9]\d{0,3})" + _EDGE_AFTER)
_NUMBER = re.compile(_EDGE_BEFORE + r"(-|−)?" + _NUM + _EDGE_AFTER)
_DIGITS = re.compile(r"\d+")
_DOTTED = re.compile(r"(?<![\w.])((?:[A-Za-z]\.){2,})")
_LATIN = re.compile(r"[A-Za-z][A-Za-z'’]*")
_URDU_STOP = re.compile(r"(?<=[\u0600-\u06ff])\.(?!\d)")
_BRACKETS = re.compile(r"\s*[()\[\]{}]\s*|\s+[-–—]+\s+|\s*[–—]+\s*|\s*…+\s*")
_DROP = re.compile(r"[\"“”„«»‘’'`*#_|•·+=<>^~]")
_PUNCT_RUN = re.compile(r"\s*([۔،؟!؛:])(?:\s*[۔،؛,])+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([۔،؟!؛:,])")
_SPACE_AFTER_PUNCT = re.compile(r"([۔،؟!؛])(?=[^\s۔،؟!؛])")
_SPACES = re.compile(r"\s+")
_STOPS = ("۔", "؟", "!", ".", "?")


def _money(m: re.Match) -> str:
    unit = CURRENCIES.get(m.group(1).lower(), "")
    scale = _SCALE_WORDS.get((m.group(4) or "").lower(), "")
    return " ".join(p for p in (numeral_words(m.group(2), m.group(3) or ""), scale, unit) if p)


def _era(m: re.Match) -> str:
    year = year_words(int(m.group(1)))
    return {"ء": year, "ھ": f"{year} ہجری", "ق م": f"{year} قبل مسیح"}[m.group(2)]


def _suffixed(m: re.Match) -> str:
    if m.group(2) == "ء":
        return year_words(int(m.group(1)))
    return number_words(int(m.group(1))) + m.group(2)


def _date(m: re.Match) -> str:
    day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return m.group(0).replace("/", " ").replace("-", " ")
    return f"{number_words(day)} {URDU_GREGORIAN_MONTHS[month - 1]} {year_words(year)}"


def _time(m: re.Match) -> str:
    hour, minute = int(m.group(1)), int(m.group(2))
    if minute == 0:
        return f"{number_words(hour)} بجے"
    return f"{number_words(hour)} بج کر {number_words(minute)} منٹ"


def _number(m: re.Match) -> str:
    spoken = numeral_words(m.group(2), m.group(3) or "")
    return f"{MINUS} {spoken}" if m.group(1) else spoken


def _abbr_number(m: re.Match) -> str:
    letters = KNOWN_WORDS.get(m.group(1).lower()) or spell_letters(m.group(1))
    return f"{letters} {number_words(int(m.group(2)))}"


def _latin(m: re.Match) -> str:
    word = m.group(0)
    known = KNOWN_WORDS.get(word.lower().rstrip("'’"))
    if known:
        return known
    if word.isupper() and 1 < len(word) <= 6:
        return spell_letters(word)
    return word


def _digits_ascii(text: str) -> str:
    # ٬ groups and ٫ is the decimal sign in Arabic-script numbers.
    return to_numerals(text, "ascii").replace("\u066c", ",").replace("\u066b", ".")


def lexicon_pattern(lexicon: Mapping[str, str]) -> re.Pattern[str] | None:
    """One regex for all lexicon words, longest first, matched as whole words."""
    keys = sorted({normalize(k) for k in lexicon if normalize(k)}, key=len, reverse=True)
    if not keys:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, keys)) + r")(?!\w)")


def apply_lexicon(text: str, lexicon: Mapping[str, str],
                  pattern: re.Pattern[str] | None = None) -> tuple[str, set[str]]:
    """Replace lexicon words in (normalized) text; return the text and the words used."""
    table = {normalize(k): normalize(v) for k, v in lexicon.items()}
    pattern = pattern if pattern is not None else lexicon_pattern(lexicon)
    if pattern is None:
        return text, set()
    used: set[str] = set()

    def swap(m: re.Match) -> str:
        used.add(m.group(0))
        return table[m.group(0)]

    return pattern.sub(swap, text), used


def speakable(text: str, lexicon: Mapping[str, str] | None = None,
              *, _pattern: re.Pattern[str] | None = None) -> tuple[str, set[str]]:
    """One paragraph rewritten for speech (steps in the module docstring) and lexicon words used."""
    text = normalize(text)
    used: set[str] = set()
    if lexicon:
        text, used = apply_lexicon(text, lexicon, _pattern)
    for symbol, said in SYMBOLS.items():
        text = text.replace(symbol, said)
    text = _digits_ascii(text)
    text = _DATE.sub(_date, text)
    text = _TIME.sub(_time, text)
    text = _CURRENCY_BEFORE.sub(_money, text)
    text = _PHONE.sub(lambda m: digits_words("".join(m.groups())), text)
    for percent in (_PERCENT, _PERCENT_BEFORE):
        text = percent.sub(lambda m: f"{numeral_words(m.group(1), m.group(2) or '')} {PERCENT}",
                           text)
    text = _ERA.sub(_era, text)
    text = _SUFFIXED.sub(_suffixed, text)
    text = _ABBR_NUMBER.sub(_abbr_number, text)
    text = _RANGE.sub(lambda m: f"{numeral_words(m.group(1))} سے {numeral_words(m.group(2))}", text)
    text = _NUMBER.sub(_number, text)
    text = _DIGITS.sub(lambda m: f" {numeral_words(m.group(0))} ", text)  # lists like 1,2,3
    text = _DOTTED.sub(lambda m: spell_letters(m.group(1)), text)
    text = _LATIN.sub(_latin, text)
    text = text.replace("?", "؟").replace(";", "؛")
    text = _URDU_STOP.sub("۔", text)
    text = _DROP.sub("", text)
    text = _BRACKETS.sub("، ", text)
    text = text.replace("/", " ").replace("-", " ")
    text = text.replace(",", "،")
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = _SPACE_AFTER_PUNCT.sub(r"\1 ", text)
    text = _PUNCT_RUN.sub(r"\1", text)
    text = _SPACES.sub(" ", text).strip(" ،,")
    return text, used


@dataclass(frozen=True)
class Segment:
    """A stretch the engine speaks in one go, then ``pause_ms`` of silence."""

    text: str
    pause_ms: int


@dataclass(frozen=True)
class Script:
    """A story ready to be spoken: segments in reading order and the lexicon words used."""

    segments: tuple[Segment, ...]
    lexicon_used: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The whole spoken text, paragraphs separated by blank lines (hashed, shown in tests)."""
        return "\n\n".join(s.text for s in self.segments)

    def __bool__(self) -> bool:
        return bool(self.segments)


def prepare(headline: str, standfirst: str = "", paragraphs: Iterable[str] = (),
            lexicon: Mapping[str, str] | None = None) -> Script:
    """The story as a ``Script``: headline, then standfirst, then body paragraphs."""
    pattern = lexicon_pattern(lexicon) if lexicon else None
    parts = [(headline, HEADLINE_PAUSE_MS), (standfirst, STANDFIRST_PAUSE_MS)]
    parts += [(p, PARAGRAPH_PAUSE_MS) for p in paragraphs]
    segments: list[Segment] = []
    used: set[str] = set()
    for raw, pause in parts:
        text, words_used = speakable(raw or "", lexicon, _pattern=pattern)
        if not any(c.isalpha() for c in text):
            continue
        if not text.endswith(_STOPS):
            text += "۔"
        segments.append(Segment(text, pause))
        used |= words_used
    return Script(tuple(segments), tuple(sorted(used)))
