"""An OpenSearch / Elasticsearch index definition that folds Urdu exactly as akhbar does.

For a newsroom that outgrows PostgreSQL. Nothing here talks to a cluster: ``index_body()``
returns the settings + mappings to PUT, generated from the same tables ``akhbar.text``
folds with, so the two can never drift apart:

* ``akhbar_fold`` (mapping char filter): every character ``fold`` changes — Arabic
  letters, presentation forms, harakat and Quranic marks, ZWNJ and bidi marks, tatweel,
  Urdu and Arabic-Indic digits, the Turkish İ and ı — and every letter + combining
  hamza/madda sequence and i/I/ı + combining dot above, each mapped to what
  ``akhbar.text.fold`` itself returns for it (the cluster's lowercase filter alone would
  keep ı, and Python's lower() turns İ into i + dot);
* ``akhbar_compound_N`` (pattern_replace): the whole-word compound spellings of
  ``akhbar.text.compounds.COMPOUNDS`` (کیلئے → کے لیے, ہوگا → ہو گا), one filter per
  canonical spelling;
* number grouping removed, decimal points and apostrophes split (as ``terms`` does);
* the ``pattern`` tokenizer cuts at anything that is not a letter, mark or digit — the
  same word definition as ``akhbar.text.words``; then lowercase and a 64-character cap;
* each text field has a ``joins`` sub-field: stop words removed, adjacent terms
  shingled with no separator (صورت حال → صورتحال), for spacing variants.

``search_body()`` writes the _search request for a query plan: the same terms, column
weights and freshness formula as the database backends (``akhbar.search.query``).

``tests/search/test_opensearch.py`` checks the definition by running it in Python on the
demo stories; with ``OPENSEARCH_URL`` set it also asks a real cluster's _analyze API.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from akhbar.search.query import (
    FRESH_BOOST,
    FRESH_DAYS,
    WEIGHT_BODY,
    WEIGHT_HEADLINE,
    WEIGHT_JOINS,
    WEIGHT_STANDFIRST,
    QueryPlan,
)
from akhbar.text.compounds import COMPOUNDS
from akhbar.text.normalize import _PRESENTATION, HARAKAT_RANGES, fold
from akhbar.text.search_terms import MAX_TERM, STOPWORDS

WORD = r"\p{L}\p{M}\p{N}"
ANALYZER = "akhbar_urdu"
JOINS_ANALYZER = "akhbar_urdu_joins"

_SINGLE_CHARS = (
    "\u064a\u0649\u0643\u0647\u0629\u06c0\u06c2\u06d3\u0623\u0625\u0671\u0622\u0624\u0626"
    "\u0640\ufeff\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\u0130\u0131"
)
_BASES = "\u0627\u0648\u06d2\u06cc\u064a\u06c1\u0647\u06d5"  # letters that take ٓ ٔ ٕ
_COMBINING = "\u0653\u0654\u0655"
_DOTTED_I = ("i\u0307", "I\u0307", "\u0131\u0307")  # fold's Turkish i rule


def _fold_domain() -> list[str]:
    """Every character (or letter + hamza/madda pair) whose folding is not itself."""
    chars = set(_SINGLE_CHARS)
    chars.update(chr(c) for c in _PRESENTATION)
    for start, end in HARAKAT_RANGES:
        chars.update(chr(c) for c in range(start, end + 1))
    chars.update(chr(0x06F0 + i) for i in range(10))
    chars.update(chr(0x0660 + i) for i in range(10))
    pairs = {base + mark for base in _BASES for mark in _COMBINING} | set(_DOTTED_I)
    return sorted(chars | pairs)


def _escape(text: str) -> str:
    return "".join(f"\\u{ord(c):04x}" for c in text)


def fold_mappings() -> list[str]:
    """Mapping char filter rules "source=>target", targets computed by ``fold`` itself."""
    rules = []
    for source in _fold_domain():
        target = fold(source)
        if target != source and not source.isspace() and not target.isspace():
            rules.append(f"{_escape(source)}=>{_escape(target)}")
    return rules


def compound_filters() -> dict[str, dict]:
    """One pattern_replace char filter per canonical spelling of the compound table."""
    by_target: dict[str, list[str]] = defaultdict(list)
    for variant, canonical in COMPOUNDS.items():
        by_target[canonical].append(variant)
    filters = {}
    for n, (canonical, variants) in enumerate(sorted(by_target.items())):
        alternatives = "|".join(sorted(variants, key=lambda v: (-len(v), v)))
        filters[f"akhbar_compound_{n}"] = {
            "type": "pattern_replace",
            "pattern": f"(?<![{WORD}])(?:{alternatives})(?![{WORD}])",
            "replacement": canonical,
        }
    return filters


def analysis() -> dict:
    """The index's analysis settings: char filters, tokenizer, token filters, analyzers."""
    compounds = compound_filters()
    char_filters = {
        "akhbar_fold": {"type": "mapping", "mappings": fold_mappings()},
        **compounds,
        "akhbar_number_grouping": {
            "type": "pattern_replace", "pattern": r"(?<=\d)[,\u066c](?=\d)", "replacement": "",
        },
        "akhbar_splitters": {
            "type": "pattern_replace", "pattern": r"[.\u066b'\u2019]", "replacement": " ",
        },
    }
    chain = list(char_filters)
    return {
        "char_filter": char_filters,
        "tokenizer": {"akhbar_words": {"type": "pattern", "pattern": f"[^{WORD}]+"}},
        "filter": {
            "akhbar_truncate": {"type": "truncate", "length": MAX_TERM},
            "akhbar_stop": {"type": "stop", "stopwords": sorted(STOPWORDS)},
            "akhbar_pairs": {
                "type": "shingle", "min_shingle_size": 2, "max_shingle_size": 2,
                "output_unigrams": False, "token_separator": "", "filler_token": "",
            },
        },
        "analyzer": {
            ANALYZER: {
                "type": "custom", "char_filter": chain, "tokenizer": "akhbar_words",
                "filter": ["lowercase", "akhbar_truncate"],
            },
            JOINS_ANALYZER: {
                "type": "custom", "char_filter": chain, "tokenizer": "akhbar_words",
                "filter": ["lowercase", "akhbar_stop", "akhbar_pairs", "akhbar_truncate"],
            },
        },
    }


def _text_field(boost: float) -> dict:
    return {
        "type": "text", "analyzer": ANALYZER,
        "fields": {"joins": {"type": "text", "analyzer": JOINS_ANALYZER}},
        "meta": {"boost": str(boost)},
    }


def index_body() -> dict:
    """Settings + mappings to PUT as the stories index."""
    return {
        "settings": {"analysis": analysis()},
        "mappings": {
            "properties": {
                **{name: _text_field(weight) for name, weight in FIELDS.items()},
                "uri": {"type": "keyword"},
                "url": {"type": "keyword"},
                "locale": {"type": "keyword"},
                "section": {"type": "keyword"},
                "published": {"type": "date"},
            }
        },
    }


# --- the search request ----------------------------------------------------------------

FIELDS = {"headline": WEIGHT_HEADLINE, "standfirst": WEIGHT_STANDFIRST, "body": WEIGHT_BODY}

# The freshness factor of akhbar.search.query, in Painless: the same hyperbola, so a
# cluster ranks as the database backends do (tests/search/test_opensearch.py evaluates
# this very text against ``freshness``). A decay function (gauss, exp) cannot express it.
FRESHNESS_SCRIPT = (
    "double age = Math.max(0.0, (params.now - doc['published'].value.toInstant()"
    ".toEpochMilli()) / 86400000.0); "
    "return 1.0 + params.boost * params.days / (params.days + age);"
)


def _term_query(term: str) -> dict:
    """One search term in any text field or in the joined-pairs sub-fields.

    The term is already folded (``akhbar.search.query.plan``); the field analyzers fold
    it again to itself. ``multi_match`` takes text, never query syntax.
    """
    fields = [f"{name}^{weight:g}" for name, weight in FIELDS.items()]
    fields += [f"{name}.joins^{WEIGHT_JOINS:g}" for name in FIELDS]
    return {"multi_match": {"query": term, "fields": fields, "type": "most_fields"}}


def search_body(
    p: QueryPlan,
    *,
    now: datetime,
    mode: str = "all",
    locale: str = "ur",
    section: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    sort: str = "relevance",
    size: int = 10,
    offset: int = 0,
) -> dict:
    """The _search request body for a query plan: BM25 × freshness, as akhbar ranks.

    "all" wants one spelling of every group (AND of ORs), "any" any term; filters as the
    database backends apply them. The index holds live stories only (kept in step on
    publish, unpublish and delete as the SearchDocument rows are), so there is no live
    filter. Ties fall back to newest first, as on the database backends.
    """
    if mode == "any":
        match: dict = {"bool": {"should": [_term_query(t) for t in sorted(p.highlight_terms)],
                                "minimum_should_match": 1}}
    else:
        match = {"bool": {"must": [
            {"bool": {"should": [_term_query(t) for t in group], "minimum_should_match": 1}}
            for group in p.groups
        ]}}
    filters: list[dict] = [{"term": {"locale": locale}}]
    if section is not None:
        filters.append({"term": {"section": section}})
    window = {k: v.isoformat() for k, v in (("gte", since), ("lt", until)) if v is not None}
    if window:
        filters.append({"range": {"published": window}})
    match["bool"]["filter"] = filters
    millis = int(now.timestamp() * 1000)
    newest = [{"published": {"order": "desc"}}, {"uri": {"order": "desc"}}]
    return {
        "query": {
            "function_score": {
                "query": match,
                "functions": [{"script_score": {"script": {
                    "source": FRESHNESS_SCRIPT,
                    "params": {"now": millis, "boost": FRESH_BOOST, "days": FRESH_DAYS},
                }}}],
                "boost_mode": "multiply",
            }
        },
        "sort": newest if sort == "newest" else [{"_score": {"order": "desc"}}, *newest],
        "from": offset,
        "size": size,
        "track_total_hits": True,
    }
