"""Running a search on the project's database: SQLite FTS5 or PostgreSQL full text.

Both run the SQL written in ``akhbar.search.query`` from a ``QueryPlan``; the choice is
the connection's vendor, so pointing ``DATABASE_URL`` at PostgreSQL switches engines
with no setting. Every term is quoted by us, so the engines never see a reader's syntax;
should an engine still refuse a query, the reader gets an empty result, not an error page.

Matching is "all words" first; when that finds nothing, "any word" (ranked, so the
stories matching most words come first), and the result says so.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from akhbar.search import query as q
from akhbar.search.sqlite_search import run_sqlite

log = logging.getLogger(__name__)


@dataclass
class SearchResult:
    """One page of ranked results: page ids with scores, the total, and how it matched."""

    plan: q.QueryPlan
    hits: list[tuple[int, float]] = field(default_factory=list)
    total: int = 0
    mode: str = "all"
    failed: bool = False


def _adapt(value: datetime | None):
    return None if value is None else connection.ops.adapt_datetimefield_value(value)


def _run(sql: str, params: list) -> list[tuple]:
    # A savepoint, so that a refused query cannot spoil a surrounding transaction
    # (PostgreSQL aborts the whole transaction on any error otherwise).
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _query(plan: q.QueryPlan, mode: str, filters: q.Filters, sort: str, limit: int,
           offset: int) -> tuple[list[tuple[int, float]], int]:
    now = _adapt(timezone.now())
    if connection.vendor != "postgresql":
        return run_sqlite(_run, q.fts5_expression(plan, mode), filters, now, sort, limit,
                            offset)
    expr = q.tsquery_expression(plan, mode)
    rows = _run(*q.pg_search_sql(expr, filters, now, sort, limit, offset))
    if offset == 0 and len(rows) < limit:
        total = len(rows)
    else:
        total = _run(*q.pg_count_sql(expr, filters))[0][0]
    return [(int(pk), float(score)) for pk, score in rows], int(total)


def search(
    text: str,
    *,
    locale: str = "ur",
    section_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    sort: str = "relevance",
    limit: int = 10,
    offset: int = 0,
    fallback: bool = True,
) -> SearchResult:
    """Ranked live stories matching ``text`` (any string); never raises on the query.

    ``fallback=False`` keeps to "all words" (the evaluation measures both).
    """
    plan = q.plan(text)
    result = SearchResult(plan=plan)
    if plan.empty:
        return result
    filters = q.Filters(locale=locale, section_id=section_id, since=_adapt(since),
                        until=_adapt(until))
    sort = "newest" if sort == "newest" else "relevance"
    try:
        hits, total = _query(plan, "all", filters, sort, limit, offset)
        if fallback and total == 0 and len(plan.groups) > 1:
            result.mode = "any"
            hits, total = _query(plan, "any", filters, sort, limit, offset)
    except DatabaseError:
        log.exception("search engine refused the query %r", q.fts5_expression(plan))
        result.failed = True
        return result
    result.hits, result.total = hits, total
    return result
