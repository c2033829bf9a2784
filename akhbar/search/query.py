"""The search core without Django: query plans, backend query strings, ranking, schema SQL.

A reader's query is never handed to a full-text engine as typed. It becomes search terms
(``akhbar.text.search_terms.terms``: the same folding the index used), and the engine's
query language is written here from those terms, each one quoted by us. A term holds only
letters, marks and digits, so nothing a reader types (``" * NEAR - : ( )``, ten thousand
characters, only punctuation) can reach the engine as syntax.

Used by the Django backends (``akhbar.search.backends``), by ``akhbar.search.sqlite_search``
(the SQLite page finder) and by ``bench/search.py``, which runs the very same SQL on a
generated corpus.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from akhbar.text.search_terms import MAX_TERM, STOPWORDS, is_pairable, terms

MAX_QUERY_TERMS = 12
"""Terms of a query that are used; the rest are ignored (and the reader is told)."""

# --- ranking -------------------------------------------------------------------------
#
# score = relevance × freshness
#
# relevance  BM25 (SQLite FTS5 bm25(); on PostgreSQL ts_rank with length normalization,
#            its nearest built-in) summed over the columns with these weights: a match in
#            the headline counts four times one in the body, the standfirst twice.
# freshness  1 + FRESH_BOOST × FRESH_DAYS / (FRESH_DAYS + age_in_days)
#            A story published now gets (1 + FRESH_BOOST) = 2×, one FRESH_DAYS old 1.5×,
#            a month-old one ≈1.2×, and the boost tends to 1× — never below — so an
#            archive story that matches much better still wins over a fresh weak match,
#            while between two similar matches the newer one comes first, as news
#            readers expect. Hyperbolic rather than exponential decay so the formula is
#            plain arithmetic on every backend.
WEIGHT_HEADLINE = 4.0
WEIGHT_STANDFIRST = 2.0
WEIGHT_BODY = 1.0
WEIGHT_JOINS = 1.0
FRESH_BOOST = 1.0
FRESH_DAYS = 7.0


def freshness(age_days: float) -> float:
    """The freshness factor of the ranking formula above (for tests and other backends)."""
    return 1.0 + FRESH_BOOST * FRESH_DAYS / (FRESH_DAYS + max(0.0, age_days))


# --- query plans ---------------------------------------------------------------------


@dataclass(frozen=True)
class QueryPlan:
    """What a query asks for: per kept term, the spellings that satisfy it.

    ``groups[i]`` holds term i alone and term i joined with its neighbour in the query
    (both ways round), because the story may write joined what the reader split or the
    other way about. ``mode`` "all" wants every group (AND); "any" wants one (OR).
    """

    groups: tuple[tuple[str, ...], ...] = ()
    truncated: bool = False
    dropped_stopwords: tuple[str, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return not self.groups

    @property
    def highlight_terms(self) -> frozenset[str]:
        """Every spelling to mark in results (stop words are never marked)."""
        return frozenset(t for group in self.groups for t in group)


def plan(query: str) -> QueryPlan:
    """Turn a reader's query into a QueryPlan (never raises on any string)."""
    seq = terms(query)
    truncated = False
    distinct = list(dict.fromkeys(seq))
    if len(distinct) > MAX_QUERY_TERMS:
        truncated = True
        keep = set(distinct[:MAX_QUERY_TERMS])
        seq = [t for t in seq if t in keep]
    content = [t for t in seq if t not in STOPWORDS]
    dropped = tuple(dict.fromkeys(t for t in seq if t in STOPWORDS)) if content else ()
    groups: list[tuple[str, ...]] = []
    for i, term in enumerate(seq):
        if content and term in STOPWORDS:
            continue
        alts = [term]
        if is_pairable(term):
            if i > 0 and is_pairable(seq[i - 1]):
                alts.append((seq[i - 1] + term)[:MAX_TERM])
            if i + 1 < len(seq) and is_pairable(seq[i + 1]):
                alts.append((term + seq[i + 1])[:MAX_TERM])
        group = tuple(dict.fromkeys(alts))
        if group not in groups:
            groups.append(group)
    return QueryPlan(groups=tuple(groups), truncated=truncated, dropped_stopwords=dropped)


def _fts5_quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def fts5_expression(p: QueryPlan, mode: str = "all") -> str:
    """An FTS5 MATCH expression: every term a quoted string, groups joined by AND / OR."""
    if mode == "any":
        return " OR ".join(_fts5_quote(t) for t in sorted(p.highlight_terms))
    return " AND ".join(
        "(" + " OR ".join(_fts5_quote(t) for t in group) + ")" for group in p.groups
    )


def _ts_quote(term: str) -> str:
    return "'" + term.replace("'", "''").replace("\\", "") + "'"


def tsquery_expression(p: QueryPlan, mode: str = "all") -> str:
    """A PostgreSQL to_tsquery('simple', …) expression built the same way."""
    if mode == "any":
        return " | ".join(_ts_quote(t) for t in sorted(p.highlight_terms))
    return " & ".join(
        "(" + " | ".join(_ts_quote(t) for t in group) + ")" for group in p.groups
    )


# --- SQLite schema and search SQL ----------------------------------------------------

DOC_TABLE = "search_searchdocument"
FTS_TABLE = "search_fts"
TERM_COLUMNS = ("headline_terms", "standfirst_terms", "body_terms", "joins_terms")

# The FTS5 index is an external-content table over the document table, kept in step by
# triggers, so every write to a SearchDocument (ORM, bulk, cascade delete) reaches it.
# tokenize='ascii': the columns hold our own space-separated terms, and the ascii
# tokenizer keeps every non-ASCII character inside a token, so FTS5 never re-splits a
# term (unicode61 would cut words at harakat or other marks).
_COLS = ", ".join(TERM_COLUMNS)
_NEW = ", ".join(f"new.{c}" for c in TERM_COLUMNS)
_OLD = ", ".join(f"old.{c}" for c in TERM_COLUMNS)
SQLITE_SCHEMA: tuple[str, ...] = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({_COLS}, content='{DOC_TABLE}', "
    "content_rowid='page_id', tokenize='ascii')",
    f"CREATE TRIGGER {DOC_TABLE}_ai AFTER INSERT ON {DOC_TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, {_COLS}) VALUES (new.page_id, {_NEW}); END",
    f"CREATE TRIGGER {DOC_TABLE}_ad AFTER DELETE ON {DOC_TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_COLS}) VALUES ('delete', old.page_id, {_OLD}); "
    "END",
    f"CREATE TRIGGER {DOC_TABLE}_au AFTER UPDATE OF page_id, {_COLS} ON {DOC_TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_COLS}) VALUES ('delete', old.page_id, {_OLD}); "
    f"INSERT INTO {FTS_TABLE}(rowid, {_COLS}) VALUES (new.page_id, {_NEW}); END",
)
SQLITE_DROP: tuple[str, ...] = (
    f"DROP TRIGGER IF EXISTS {DOC_TABLE}_au",
    f"DROP TRIGGER IF EXISTS {DOC_TABLE}_ad",
    f"DROP TRIGGER IF EXISTS {DOC_TABLE}_ai",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
)
SQLITE_REBUILD = f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')"


@dataclass(frozen=True)
class Filters:
    """Restrictions on the results; datetimes already adapted for the database."""

    locale: str = "ur"
    section_id: int | None = None
    since: object | None = None
    until: object | None = None


def where_sql(filters: Filters, params: list) -> str:
    """The filters as " AND …" conditions on d (document) and p (page); appends params."""
    sql = " AND p.live AND d.locale = %s"
    params.append(filters.locale)
    if filters.section_id is not None:
        sql += " AND d.section_id = %s"
        params.append(filters.section_id)
    if filters.since is not None:
        sql += " AND d.published >= %s"
        params.append(filters.since)
    if filters.until is not None:
        sql += " AND d.published < %s"
        params.append(filters.until)
    return sql


def order_by_sql(sort: str) -> str:
    """Newest first, or by score; ties always fall back to date then id so pages are stable."""
    newest = "d.published DESC, d.page_id DESC"
    return newest if sort == "newest" else f"score DESC, {newest}"


# --- PostgreSQL ----------------------------------------------------------------------

# The same weights as FTS5, as ts_rank weight classes: A headline, B standfirst, C joined
# pairs, D body. 'simple' config: no stemming or stop words, only lower-casing; the text
# is already our folded terms.
def _pg_vector(prefix: str) -> str:
    return (
        f"(setweight(to_tsvector('simple'::regconfig, {prefix}headline_terms), 'A') || "
        f"setweight(to_tsvector('simple'::regconfig, {prefix}standfirst_terms), 'B') || "
        f"setweight(to_tsvector('simple'::regconfig, {prefix}joins_terms), 'C') || "
        f"setweight(to_tsvector('simple'::regconfig, {prefix}body_terms), 'D'))"
    )


# Migration 0002 indexed the expression itself; ranking then rebuilt every matching
# story's vector from its text (ts_rank cannot read a GIN index), which dominated a broad
# query. Migration 0003 stores the vector in a generated column (PostgreSQL computes it on
# every insert and update, so it cannot fall out of step) and indexes that instead.
PG_EXPRESSION_INDEX = f"{DOC_TABLE}_fts_gin"
PG_EXPRESSION_SCHEMA = (
    f"CREATE INDEX IF NOT EXISTS {PG_EXPRESSION_INDEX} ON {DOC_TABLE} "
    f"USING GIN ({_pg_vector('')})",
)
PG_EXPRESSION_DROP = (f"DROP INDEX IF EXISTS {PG_EXPRESSION_INDEX}",)

PG_COLUMN = "search_vector"
PG_VECTOR = f"d.{PG_COLUMN}"
PG_INDEX = f"{DOC_TABLE}_vector_gin"
PG_SCHEMA = (
    f"ALTER TABLE {DOC_TABLE} ADD COLUMN {PG_COLUMN} tsvector "
    f"GENERATED ALWAYS AS ({_pg_vector('')}) STORED",
    f"CREATE INDEX {PG_INDEX} ON {DOC_TABLE} USING GIN ({PG_COLUMN})",
    *PG_EXPRESSION_DROP,
)
PG_DROP = (
    f"DROP INDEX IF EXISTS {PG_INDEX}",
    f"ALTER TABLE {DOC_TABLE} DROP COLUMN IF EXISTS {PG_COLUMN}",
    *PG_EXPRESSION_SCHEMA,
)
_PG_WEIGHTS = (
    f"'{{{WEIGHT_BODY / WEIGHT_HEADLINE}, {WEIGHT_JOINS / WEIGHT_HEADLINE}, "
    f"{WEIGHT_STANDFIRST / WEIGHT_HEADLINE}, 1.0}}'::float4[]"
)


def pg_search_sql(
    tsquery: str, filters: Filters, now: object, sort: str, limit: int, offset: int
) -> tuple[str, list]:
    """One page on PostgreSQL (ts_rank normalization 1: ÷ 1+log(len)), like SQLite's full query.

    Sorted by newest, no rank is computed at all.
    """
    params: list = []
    score = "0.0"
    if sort != "newest":
        score = (
            f"ts_rank({_PG_WEIGHTS}, {PG_VECTOR}, q.q, 1) * (1.0 + {FRESH_BOOST} * "
            f"{FRESH_DAYS} / ({FRESH_DAYS} + greatest(0.0, extract(epoch FROM (%s - d.published)) "
            "/ 86400.0)))"
        )
        params.append(now)
    params.append(tsquery)
    where = where_sql(filters, params)
    sql = (
        f"SELECT d.page_id, {score} AS score "
        f"FROM {DOC_TABLE} d JOIN wagtailcore_page p ON p.id = d.page_id, "
        f"to_tsquery('simple'::regconfig, %s) q(q) WHERE {PG_VECTOR} @@ q.q{where} "
        f"ORDER BY {order_by_sql(sort)} LIMIT %s OFFSET %s"
    )
    return sql, [*params, limit, offset]


def pg_count_sql(tsquery: str, filters: Filters) -> tuple[str, list]:
    """count(*) of all PostgreSQL results for the same query and filters."""
    params: list = [tsquery]
    where = where_sql(filters, params)
    sql = (
        f"SELECT count(*) FROM {DOC_TABLE} d JOIN wagtailcore_page p ON p.id = d.page_id, "
        f"to_tsquery('simple'::regconfig, %s) q(q) WHERE {PG_VECTOR} @@ q.q{where}"
    )
    return sql, params
