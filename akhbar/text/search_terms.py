"""Search terms: the tokens akhbar indexes and queries, and where they occur in original text.

One function, ``terms``, turns any text (a story's headline or body, or a reader's query)
into search terms, so the index and the query can never disagree:

1. ``fold`` (``akhbar.text.normalize``): Arabic ي/ك/ه → ی/ک/ہ, harakat and superscript
   alef removed, decomposed آ composed, ZWNJ and bidi marks removed, Urdu and
   Arabic-Indic digits → ASCII, compound spellings (کیلئے, کے لئے → کے لیے; ہوگا → ہو گا)
   made one, Latin casefolded.
2. ``words`` (``akhbar.text.words``): script-aware tokens.
3. Numbers lose their group separators (10,000 and ۱۰٬۰۰۰ → 10000); a decimal point
   splits a number in two (7.4 → 7, 4) and an apostrophe splits a Latin word, because
   the other search backends' tokenizers split there too.
4. A term is at most ``MAX_TERM`` characters; longer runs are cut (they are never real
   words, and an unbounded term is an easy way to make an index or a query expensive).

Spacing variants beyond the compound table (صورتحال / صورت حال, وزیراعظم / وزیر اعظم,
خودمختاری / خود مختاری) are handled with *joined pairs*: each two adjacent terms, neither
a stop word nor a number, are also indexed written together (``joined_pairs``). A query
then matches a term either alone or joined with its neighbour, so every combination of
joined/split in the story and in the query meets. ``bench/search.py`` measured this
against indexing nothing extra and against character n-grams (see its docstring).

``STOPWORDS`` are the most frequent Urdu function words; queries drop them when other
words remain (they match almost every story and cost the most to look up).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from akhbar.text.normalize import fold
from akhbar.text.words import JOINERS, is_word_char, words

MAX_TERM = 64

# Folded spellings. Every word here occurs in most Urdu news stories.
_STOPWORD_TEXT = """
    کے کی کا کو میں سے نے پر اور یا ہے ہیں تھا تھی تھے ہو ہوں ہوا ہوئی ہوئے گا گی گے
    یہ وہ اس ان جو جس جن کہ تو بھی ہی نہ نہیں لیے کیا کیے گیا گئی گئے کر کرنے کرتے
    رہا رہی رہے ایک تک ساتھ بعد والے والی والا اپنے اپنی اپنا
"""
STOPWORDS: frozenset[str] = frozenset(_STOPWORD_TEXT.split())

_NUMBER_GROUPING = re.compile(r"(?<=\d)[,\u066c](?=\d)")
_SPLITTERS = re.compile(r"[.\u066b'\u2019]")
# Characters that end a word whatever folding does (whitespace, ZWSP and the punctuation
# of both scripts except , . ' which may sit inside a number or a Latin word).
_RUN = re.compile(
    r"[^\s\u200b!\"#$%&()*+/:;<=>?@\[\\\]^_`{|}~\-\u060c\u061b\u061f\u06d4«»“”‘]+"
)
_CACHE_SIZE = 200_000


def _split_term(token: str) -> Iterator[str]:
    token = _NUMBER_GROUPING.sub("", token)
    for part in _SPLITTERS.split(token):
        part = "".join(c for c in part if is_word_char(c))
        if part:
            yield part[:MAX_TERM]


@lru_cache(maxsize=_CACHE_SIZE)
def _run_terms(run: str) -> tuple[str, ...]:
    out: list[str] = []
    for token in words(fold(run)):
        out.extend(_split_term(token))
    return tuple(out)


def terms(text: str) -> list[str]:
    """The search terms of ``text``, in order (see the module docstring).

    Equal to tokenizing ``fold(text)`` as a whole (a property test checks it), but the
    text is first cut at characters that separate words in any spelling, and each piece
    is folded once and remembered: news text repeats its words, and folding whole
    stories character by character in Python made indexing 100,000 stories take minutes.
    """
    out: list[str] = []
    for run in _RUN.findall(text):
        out.extend(_run_terms(run))
    return out


def terms_of_whole_text(text: str) -> list[str]:
    """The reference definition of ``terms``: fold the whole text, then tokenize."""
    out: list[str] = []
    for token in words(fold(text)):
        out.extend(_split_term(token))
    return out


def is_pairable(term: str) -> bool:
    """Whether a term takes part in joined pairs: not a stop word, not a number."""
    return term not in STOPWORDS and not term.isdigit()


def joined_pairs(seq: list[str]) -> list[str]:
    """Each two adjacent pairable terms written together: [صورت, حال] → [صورتحال]."""
    return [
        (a + b)[:MAX_TERM]
        for a, b in zip(seq, seq[1:], strict=False)
        if is_pairable(a) and is_pairable(b)
    ]


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every word in the ORIGINAL text, joiners and marks included.

    Used to highlight matches in the spelling the story was written in: each span is
    folded on its own and compared with the query's terms.
    """
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for index, char in enumerate(text):
        inside = is_word_char(char) or (
            start is not None and (char in JOINERS or char in "\u0640\u200e\u200f")
        )
        if inside:
            if start is None:
                start = index
        elif start is not None:
            spans.append((start, index))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    return spans


def match_spans(text: str, wanted: Iterable[str]) -> list[tuple[int, int]]:
    """Spans of ``text`` whose words match any of the folded terms in ``wanted``.

    A word matches when one of its own terms is wanted (کیلئے matches لیے), when its
    terms written together are wanted (a joined query term), or when it and the next
    word written together are wanted (the story splits what the query joined: both
    words are marked).
    """
    want = set(wanted)
    if not want:
        return []
    spans = word_spans(text)
    folded = [terms(text[s:e]) for s, e in spans]
    marked = [False] * len(spans)
    for i, parts in enumerate(folded):
        if any(p in want for p in parts) or "".join(parts) in want:
            marked[i] = True
        following = folded[i + 1] if i + 1 < len(spans) else []
        if parts and following and (parts[-1] + following[0])[:MAX_TERM] in want:
            marked[i] = marked[i + 1] = True
    return [span for span, hit in zip(spans, marked, strict=True) if hit]
