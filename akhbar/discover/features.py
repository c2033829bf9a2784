"""Text features of a story for Discover: weighted terms and a MinHash signature.

Pure Python, no Django: used by the app, its tasks, the tests and the benchmarks alike.

- Terms: words of `akhbar.text.fold`-ed text (so spelling variants of one word match),
  minus Urdu function words, plus bigrams of adjacent content words (names like
  "بنگلہ دیش" are two words). The headline counts twice: it says what the story is about.
- Weights: TF-IDF, `(1 + ln tf) * ln((N + 1) / (df + 1)) + 1`, L2-normalised over the whole
  vector and then cut to the `TOP_TERMS` heaviest terms. Cutting keeps postings and stored
  rows small; the dropped tail carries little of the cosine.
- Near-duplicates: MinHash by one-permutation hashing over word 3-shingles of the folded
  body (function words kept, since a rewrite copies whole phrases): one 64-bit hash per
  shingle, split into `MINHASH_SIZE` bins by its top bits, minimum per bin; empty bins are
  filled from the next bin (densification). One hash per shingle instead of one per
  (shingle, permutation) keeps it fast without numpy. From the estimated Jaccard J and the
  two shingle-set sizes we get the containment |A∩B| / min(|A|, |B|): a newspaper rewrite
  usually trims the agency text, so containment, not Jaccard, is what stays high.
  Word 3-shingles, not 2: formulaic agency reports of different matches ("... رنز بنائے",
  "... کے خلاف") share many word pairs, which grouped different events on the COUNTER
  corpus; word triples keep rewrites together and those apart (bench/discover_quality.py).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping

from akhbar.text import fold, words

TOP_TERMS = 40
HEADLINE_WEIGHT = 2
SHINGLE = 3
MINHASH_SIZE = 128
MIN_MATCHES = 4
MIN_SHINGLES = 12
_TAGS = re.compile(r"<[^>]+>")

# Function words: they carry grammar, not topic. IDF would push them down anyway; leaving
# them out keeps postings lists short.
_STOPWORD_TEXT = """
    کا کے کی کو سے نے میں پر تک اور یا بھی ہی تو نہ نہیں ہے ہیں تھا تھی تھے تھیں ہو ہوا
    ہوئی ہوئے ہوں ہوتا ہوتی ہوتے گا گی گے یہ وہ اس ان جس جن جو کہ کیا کیے کی گیا گئی گئے
    گیے کر کرنے کرتے کرتی کرتا کرکے دیا دی دیے دیں دے لیا لی لیے لئے ایک اپنے اپنی اپنا
    بعد پہلے ساتھ طرف جانب مطابق والے والی والا رہا رہی رہے سکتا سکتی سکتے چاہیے لیکن
    مگر اگر جب تب اب کوئی کچھ سب بہت کئی دو تین بتایا کہا کہنا جبکہ جا جاتا جاتی جاتے
    رہیں ہونے ہونا آج کل وقت بھر ذریعے علاوہ دوران حوالے سلسلے
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def plain_text(html_or_text: str) -> str:
    """Markup removed, so body HTML and plain text give the same features."""
    return _TAGS.sub(" ", html_or_text)


def text_words(text: str) -> list[str]:
    """Folded words of a text (HTML or plain)."""
    return words(fold(plain_text(text)))


def story_words(headline: str, body: str) -> list[str]:
    """Folded words of a story, the headline repeated `HEADLINE_WEIGHT` times."""
    return text_words(headline) * HEADLINE_WEIGHT + text_words(body)


def term_counts(tokens: Iterable[str]) -> Counter[str]:
    """Content words and bigrams of adjacent content words, with their counts."""
    counts: Counter[str] = Counter()
    previous = ""
    for token in tokens:
        if token in STOPWORDS or len(token) < 2:
            previous = ""
            continue
        counts[token] += 1
        if previous:
            counts[f"{previous} {token}"] += 1
        previous = token
    return counts


def idf(df: int, n_docs: int) -> float:
    """Smoothed inverse document frequency; a term never seen before gets the highest."""
    return math.log((n_docs + 1) / (df + 1)) + 1.0


def weigh(
    counts: Mapping[str, int], df: Mapping[str, int], n_docs: int, top: int = TOP_TERMS
) -> dict[str, float]:
    """The story's TF-IDF vector, L2-normalised, cut to its `top` heaviest terms."""
    raw = {t: (1.0 + math.log(c)) * idf(df.get(t, 0), n_docs) for t, c in counts.items()}
    norm = math.sqrt(sum(w * w for w in raw.values())) or 1.0
    best = sorted(raw.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return {t: round(w / norm, 5) for t, w in best}


def heaviest(terms: Mapping[str, float], n: int) -> list[tuple[str, float]]:
    """The `n` heaviest (term, weight) pairs (stored vectors may lose their key order)."""
    return sorted(terms.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two (already normalised) sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def _hash64(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


def minhash(tokens: list[str], size: int = MINHASH_SIZE) -> tuple[int, ...]:
    """One-permutation MinHash of the word shingles; () for a text too short to shingle."""
    if len(tokens) < SHINGLE:
        return ()
    bins = [-1] * size
    shift = 64 - (size.bit_length() - 1)
    mask = (1 << shift) - 1
    for i in range(len(tokens) - SHINGLE + 1):
        h = _hash64(" ".join(tokens[i : i + SHINGLE]))
        b, v = h >> shift, h & mask
        if bins[b] < 0 or v < bins[b]:
            bins[b] = v
    filled = [v for v in bins if v >= 0]
    if not filled:
        return ()
    # Densify: an empty bin borrows the next filled bin's value (rotating), as in
    # Shrivastava & Li's densified one-permutation hashing, so two similar texts agree on
    # empty bins as often as on full ones.
    out = list(bins)
    for i in range(size):
        j = i
        while bins[j % size] < 0:
            j += 1
        out[i] = bins[j % size]
    return tuple(out)


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    if not a or not b or len(a) != len(b):
        return 0.0
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)


def shingle_count(tokens: list[str]) -> int:
    """How many distinct shingles the text has (stored beside its signature)."""
    return len({" ".join(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)})


def containment(a: tuple[int, ...], na: int, b: tuple[int, ...], nb: int) -> float:
    """Estimated share of the smaller text's shingles found in the other text.

    0.0 when the evidence is too thin to say: fewer than MIN_MATCHES agreeing bins (a
    Jaccard estimate of 1/128 is noise), or a text too short to shingle meaningfully —
    scaling a noisy Jaccard by a large size ratio would call any short note a rewrite.
    """
    if not a or not b or len(a) != len(b) or min(na, nb) < MIN_SHINGLES:
        return 0.0
    matches = sum(1 for x, y in zip(a, b, strict=True) if x == y)
    if matches < MIN_MATCHES:
        return 0.0
    j = matches / len(a)
    return min(1.0, j * (na + nb) / ((1.0 + j) * min(na, nb)))
