"""The SQLite page finder joins only the stories that can make the page, and its pages are
exactly those of the full query (every match joined and scored), for every sort, filter
and page: checked on a generated index in the production schema."""

import random
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from akhbar.search import sqlite_search as s
from akhbar.search.query import DOC_TABLE, SQLITE_SCHEMA, Filters, fts5_expression, plan

NOW = datetime(2026, 11, 29, 12, tzinfo=UTC)
WORDS = ["کراچی", "لاہور", "بارش", "بجٹ", "کرکٹ", "پانی", "بجلی", "گندم", "سیلاب", "عدالت"]
# A Zipf-like vocabulary: the ten words above, most common first, then 90 rarer ones.
VOCAB = WORDS + [a + b for a in WORDS for b in WORDS if a != b]
ZIPF = [1 / (rank + 1) for rank in range(len(VOCAB))]
STORIES = 1500


def _when(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%d %H:%M:%S.%f")  # as Django stores datetimes in SQLite


@pytest.fixture(scope="module")
def db():
    """1,500 stories over two years; ids mostly follow publication, with wire jitter."""
    rng = random.Random(3)
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE wagtailcore_page (id INTEGER PRIMARY KEY, live BOOL NOT NULL)")
    conn.execute(
        f"CREATE TABLE {DOC_TABLE} (page_id INTEGER PRIMARY KEY, locale TEXT, edition_id INT, "
        "section_id INT, published TEXT, headline_terms TEXT, standfirst_terms TEXT, "
        "body_terms TEXT, joins_terms TEXT, indexed_at TEXT)"
    )
    conn.execute(f"CREATE INDEX doc_published ON {DOC_TABLE}(published)")
    for sql in SQLITE_SCHEMA:
        conn.execute(sql)
    for pk in range(1, STORIES + 1):
        age = (STORIES - pk) * 0.5 + rng.uniform(-3, 3)  # days; some ids out of order
        if pk % 97 == 0:
            age = rng.uniform(100, 700)  # an old story given a new id (re-published)
        if pk % 89 == 0:
            age = rng.uniform(0, 30)  # a draft written long ago, published lately
        words = lambda k: " ".join(rng.choices(VOCAB, ZIPF, k=k))  # noqa: E731
        conn.execute("INSERT INTO wagtailcore_page VALUES (?, ?)", (pk, pk % 53 != 0))
        conn.execute(
            f"INSERT INTO {DOC_TABLE} VALUES (?, ?, 1, ?, ?, ?, ?, ?, '', '')",
            (pk, "en" if pk % 41 == 0 else "ur", 1 + pk % 3,
             _when(NOW - timedelta(days=age)), words(4), words(6), words(rng.randint(5, 40))),
        )
    yield conn
    conn.close()


def execute_on(conn, log=None):
    def execute(sql: str, params: list) -> list[tuple]:
        if log is not None:
            log.append(sql)
        return conn.execute(sql.replace("%s", "?"), params).fetchall()

    return execute


def reference(conn, match, filters, sort, limit, offset):
    ex = execute_on(conn)
    rows = ex(*s.full_search_sql(match, filters, _when(NOW), sort, limit, offset))
    total = ex(*s.count_sql(match, filters))[0][0]
    return [pk for pk, _ in rows], total


FILTERS = [
    Filters(),
    Filters(section_id=2),
    Filters(locale="en"),
    Filters(since=_when(NOW - timedelta(days=30))),
    Filters(until=_when(NOW - timedelta(days=400))),
    Filters(section_id=1, since=_when(NOW - timedelta(days=200))),
]


@pytest.mark.parametrize("sort", ["relevance", "newest"])
@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: repr(f)[8:60])
@pytest.mark.parametrize("query", ["کراچی", "بارش بجٹ", "سیلاب عدالت گندم", "بجلی", "نامعلوم"])
def test_pages_equal_the_full_query(db, query, filters, sort):
    match = fts5_expression(plan(query))
    ex = execute_on(db)
    for offset in (0, 10, 290, 600):
        got = s.run_sqlite(ex, match, filters, _when(NOW), sort, 10, offset)
        hits, total = got
        assert ([pk for pk, _ in hits], total) == reference(db, match, filters, sort, 10, offset)


def test_broad_query_is_answered_without_the_full_join(db):
    """Over a thousand matches: the first page is proven from a few joined candidates."""
    match = fts5_expression(plan("کراچی"))
    ex = execute_on(db)
    assert ex("SELECT count(*) FROM search_fts WHERE search_fts MATCH %s", [match])[0][0] > 1000
    for sort in ("relevance", "newest"):
        log: list[str] = []
        s.run_sqlite(execute_on(db, log), match, Filters(), _when(NOW), sort, 10, 0)
        full, _ = s.full_search_sql(match, Filters(), _when(NOW), sort, 10, 0)
        assert full not in log, sort
        page = s._page(ex, match, Filters(), _when(NOW), sort, 10)
        assert page is not None and not page.complete and page.matches > 1000


def test_candidates_joined_are_few(db):
    """The relevance statement joins a small share of the matches (the point of it all)."""
    match = fts5_expression(plan("سیلاب عدالت"))
    sql, params = s.ranked_sql(match, Filters(), _when(NOW), 10)
    where = sql[sql.index("WHERE (t.n"):sql.index(" AND p.live")]
    joined_sql = (
        sql[: sql.index("SELECT d.page_id")]
        + f"SELECT count(*) FROM t CROSS JOIN m {where}"
    )
    # The placeholders of the CTE (match, θ offset) and of the WHERE's recent set (now, days).
    joined = db.execute(joined_sql.replace("%s", "?"), [*params[:2], *params[3:5]]).fetchone()[0]
    matches = db.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH ?",
                         [match]).fetchone()[0]
    assert matches > s.JOIN_ALL and 0 < joined < matches / 4, (joined, matches)


def test_freshness_can_lift_a_recent_weaker_match_into_the_page(db):
    """The recent range is joined: a fresh story with a lower BM25 than the old tenth."""
    match = fts5_expression(plan("گندم"))
    ex = execute_on(db)
    hits, _ = s.run_sqlite(ex, match, Filters(), _when(NOW), "relevance", 10, 0)
    top_rel = ex(
        f"SELECT rowid FROM search_fts WHERE search_fts MATCH %s "
        f"ORDER BY {s._BM25} LIMIT 10",
        [match],
    )
    assert [pk for pk, _ in hits] != [pk for (pk,) in top_rel]
    assert [pk for pk, _ in hits] == reference(db, match, Filters(), "relevance", 10, 0)[0]
