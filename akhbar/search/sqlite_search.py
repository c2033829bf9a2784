"""Search on SQLite FTS5: one page of ranked stories without joining every match.

The ranking (``akhbar.search.query``: BM25 × freshness) needs each story's publication
date, which lives in the document table, not in FTS5. Joining every match to that table
and to Wagtail's page table is what made a broad query slow over 100,000 stories
(bench/search.py: thousands of matches, two B-tree lookups and two date parses each).
So a page is found in one statement that joins only the stories that can still make it:

* FTS5 alone gives every match its BM25 relevance ``rel`` (no join) and the match count;
* θ is the ``need``-th best relevance (``need`` = offset + page size). Freshness is
  always above 1, so, filters aside, the page's last score is above θ;
* a story's score is at most ``rel × 2`` (the freshness of a story published now), and
  at most ``rel × freshness(RECENT_DAYS)`` if it is older than ``RECENT_DAYS``;
* so only stories with ``rel × freshness(RECENT_DAYS) > θ``, or recent ones with
  ``rel × 2 > θ``, are joined, filtered and scored. Everything left out scores at
  most θ.

**Proof, else the full query.** If the page comes back full and its last score is above
θ, it is exactly what scoring every match would give. Otherwise (a filter removed most of
the best matches, a deep page) the full query runs (``full_search_sql``): same result,
slower.

Sorting by newest needs no relevance: the recent matches are joined, and if enough of them
pass the filters and the page's last is recent, no older story can be on the page.

With at most ``JOIN_ALL`` matches all are joined: that is cheap and needs no proof.

The total is counted the cheapest exact way (see ``_total``).

Every statement that joins FTS5 to the tables says CROSS JOIN, which fixes SQLite's loop
order with FTS5 outermost: left to choose, the planner walked the locale index and asked
FTS5 once per story (five seconds for one count over 100,000 stories).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from akhbar.search.query import (
    DOC_TABLE,
    FRESH_BOOST,
    FRESH_DAYS,
    FTS_TABLE,
    WEIGHT_BODY,
    WEIGHT_HEADLINE,
    WEIGHT_JOINS,
    WEIGHT_STANDFIRST,
    Filters,
    freshness,
    order_by_sql,
    where_sql,
)

Execute = Callable[[str, list], list[tuple]]

JOIN_ALL = 300
"""Up to this many matches, every one is joined and scored: cheap, and always exact."""

RECENT_DAYS = 60.0
"""Freshness is large only for stories newer than this (×1.10 at 60 days, ×2 today), so
older stories are joined only when their relevance alone nearly makes the page."""

_BM25 = (
    f"bm25({FTS_TABLE}, {WEIGHT_HEADLINE}, {WEIGHT_STANDFIRST}, {WEIGHT_BODY}, {WEIGHT_JOINS})"
)
# SQLite's bm25() is negative, more negative = better; relevance here is its negation.
_FRESHNESS = (
    f"(1.0 + {FRESH_BOOST} * {FRESH_DAYS} / ({FRESH_DAYS} + "
    "max(0.0, julianday(%s) - julianday(d.published))))"
)


def full_search_sql(
    match: str, filters: Filters, now: object, sort: str, limit: int, offset: int
) -> tuple[str, list]:
    """Every match joined and scored (the fallback): SELECT page_id, score … one page."""
    if sort == "newest":  # no ranking needed: BM25 is not computed at all
        params: list = [match]
        select = "d.page_id, 0.0 AS score"
    else:
        params = [now, match]
        select = f"d.page_id, -{_BM25} * {_FRESHNESS} AS score"
    where = where_sql(filters, params)
    sql = (
        f"SELECT {select} FROM {FTS_TABLE} "
        f"CROSS JOIN {DOC_TABLE} d ON d.page_id = {FTS_TABLE}.rowid "
        f"CROSS JOIN wagtailcore_page p ON p.id = d.page_id WHERE {FTS_TABLE} MATCH %s{where} "
        f"ORDER BY {order_by_sql(sort)} LIMIT %s OFFSET %s"
    )
    return sql, [*params, limit, offset]


def count_sql(match: str, filters: Filters) -> tuple[str, list]:
    """SELECT count(*) of all results for the query and filters (joins included)."""
    params: list = [match]
    where = where_sql(filters, params)
    sql = (
        f"SELECT count(*) FROM {FTS_TABLE} "
        f"CROSS JOIN {DOC_TABLE} d ON d.page_id = {FTS_TABLE}.rowid "
        f"CROSS JOIN wagtailcore_page p ON p.id = d.page_id WHERE {FTS_TABLE} MATCH %s{where}"
    )
    return sql, params


# The stories published in the last RECENT_DAYS, by id. SQLite builds this set once per
# statement, from the published index, the first time a row needs it. (An id range from
# the smallest recent id would be cheaper but is unsafe: a draft written months ago and
# published today has an old id, and would stretch the range over the whole archive.)
_RECENT_IDS = f"(SELECT page_id FROM {DOC_TABLE} WHERE published >= datetime(%s, %s))"


def _matches_cte(match: str, need: int, relevance: bool) -> tuple[str, list]:
    """m: every FTS5 match (id, rel); t: their number n and θ.

    θ (relevance only) is the need-th best relevance, None when there are fewer matches.
    """
    rel = f", -{_BM25} AS rel" if relevance else ""
    theta = "(SELECT rel FROM m ORDER BY rel DESC LIMIT 1 OFFSET %s)" if relevance else "NULL"
    sql = (
        f"WITH m AS MATERIALIZED (SELECT rowid AS id{rel} FROM {FTS_TABLE} "
        f"WHERE {FTS_TABLE} MATCH %s), "
        f"t AS (SELECT count(*) AS n, {theta} AS theta FROM m) "
    )
    return sql, [match, *([need - 1] if relevance else [])]


def ranked_sql(match: str, filters: Filters, now: object, need: int) -> tuple[str, list]:
    """The first ``need`` hits by score, joining only the stories that can make them.

    Rows: page id, score, θ, and n (FTS5 matches before filters); all matches are joined
    when there are at most JOIN_ALL of them, or fewer than ``need`` (θ is None).
    """
    cte, params = _matches_cte(match, need, relevance=True)
    params += [now, now, f"-{RECENT_DAYS:g} days"]
    where = where_sql(filters, params)
    sql = (
        f"{cte}SELECT d.page_id, m.rel * {_FRESHNESS} AS score, t.theta, t.n "
        # CROSS JOIN keeps this loop order: the relevance test runs before any lookup.
        f"FROM t CROSS JOIN m CROSS JOIN {DOC_TABLE} d ON d.page_id = m.id "
        "CROSS JOIN wagtailcore_page p ON p.id = d.page_id "
        f"WHERE (t.n <= {JOIN_ALL} OR t.theta IS NULL "
        f"OR m.rel * {freshness(RECENT_DAYS)!r} > t.theta "
        f"OR (m.rel * {1.0 + FRESH_BOOST} > t.theta AND m.id IN {_RECENT_IDS})){where} "
        f"ORDER BY {order_by_sql('relevance')} LIMIT %s"
    )
    return sql, [*params, need]


def newest_sql(match: str, filters: Filters, now: object, need: int) -> tuple[str, list]:
    """The first ``need`` matches newest first, joining only the recent ones.

    Rows: page id, 0.0, whether the story is recent, n; all matches are joined when there
    are at most JOIN_ALL of them.
    """
    cte, params = _matches_cte(match, need, relevance=False)
    days = f"-{RECENT_DAYS:g} days"
    params += [now, days, now, days]
    where = where_sql(filters, params)
    sql = (
        f"{cte}SELECT d.page_id, 0.0, d.published >= datetime(%s, %s) AS recent, t.n "
        f"FROM t CROSS JOIN m CROSS JOIN {DOC_TABLE} d ON d.page_id = m.id "
        "CROSS JOIN wagtailcore_page p ON p.id = d.page_id "
        f"WHERE (t.n <= {JOIN_ALL} OR m.id IN {_RECENT_IDS}){where} "
        f"ORDER BY {order_by_sql('newest')} LIMIT %s"
    )
    return sql, [*params, need]


@dataclass
class _Page:
    hits: list[tuple[int, float]]
    complete: bool = False  # the hits are every result (so the total is their number)
    matches: int | None = None  # FTS5 matches before filters, counted on the way


def _page(
    execute: Execute, match: str, filters: Filters, now: object, sort: str, need: int
) -> _Page | None:
    """The first ``need`` hits when the cheap statement can prove them exact, else None."""
    newest = sort == "newest"
    sql, params = (newest_sql if newest else ranked_sql)(match, filters, now, need)
    rows = execute(sql, params)
    if not rows:
        return None
    hits = [(int(row[0]), float(row[1])) for row in rows]
    matches = int(rows[0][3])
    if matches <= JOIN_ALL or (not newest and rows[0][2] is None):
        # Every match was joined and scored: the hits are exact.
        return _Page(hits, complete=len(rows) < need, matches=matches)
    if len(rows) < need:
        return None
    last = rows[need - 1]
    proven = bool(last[2]) if newest else float(last[1]) > float(last[2])
    return _Page(hits, matches=matches) if proven else None


def _total(execute: Execute, match: str, filters: Filters, matches: int | None = None) -> int:
    """Count all results the cheapest exact way.

    From FTS5 alone (or its count already taken, ``matches``) when there are no section
    or date filters and every indexed story is in the requested language: the index holds
    live stories only, so FTS5's count is the answer. Else with the joins.
    """
    plain = filters.section_id is None and filters.since is None and filters.until is None
    if plain:
        # Two subqueries: SQLite answers a lone min() or max() from the index, but
        # min(), max() in one SELECT scans the table.
        locales = execute(
            f"SELECT (SELECT min(locale) FROM {DOC_TABLE}), (SELECT max(locale) FROM {DOC_TABLE})",
            [],
        )
        if locales and tuple(locales[0]) == (filters.locale, filters.locale):
            if matches is not None:
                return matches
            sql = f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
            return int(execute(sql, [match])[0][0])
    return int(execute(*count_sql(match, filters))[0][0])


def run_sqlite(
    execute: Execute,
    match: str,
    filters: Filters,
    now: object,
    sort: str,
    limit: int,
    offset: int,
) -> tuple[list[tuple[int, float]], int]:
    """One page of (page id, score) hits in rank order, and the total number of results.

    ``execute(sql, params)`` runs one statement with ``%s`` placeholders; ``match`` is an
    FTS5 expression from ``akhbar.search.query``; ``now`` and the filters' datetimes are
    already in the database's format.
    """
    need = offset + limit
    found = _page(execute, match, filters, now, sort, need)
    if found is not None:
        page = found.hits[offset:need]
        if found.complete:
            return page, len(found.hits)
        return page, _total(execute, match, filters, found.matches)
    rows = execute(*full_search_sql(match, filters, now, sort, limit, offset))
    page = [(int(pk), float(score)) for pk, score in rows]
    if offset == 0 and len(rows) < limit:
        return page, len(rows)
    return page, _total(execute, match, filters)
