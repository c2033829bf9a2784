"""The PostgreSQL backend, against the real server (run with DATABASE_URL=postgres://…).

`make test` runs `-m postgres` again with DATABASE_URL set; on SQLite these skip.
"""

import pytest
from django.db import connection

from akhbar.search.backends import search
from akhbar.search.query import DOC_TABLE, PG_INDEX, PG_VECTOR, plan, tsquery_expression
from tests.search.conftest import api_url, search_url
from tests.search.test_query import HOSTILE

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _needs_postgres(db):
    if connection.vendor != "postgresql":
        pytest.skip(f"needs DATABASE_URL pointing at PostgreSQL (vendor is {connection.vendor})")


def found(text: str, **kw) -> list[int]:
    return [pk for pk, _ in search(text, **kw).hits]


def test_gin_index_exists_and_matches_the_query_expression(make_story):
    make_story("كراچي ميں بارش")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [PG_INDEX])
        assert "gin" in cursor.fetchone()[0].lower()
        # With sequential scans ruled out, the planner can only answer the match through
        # the GIN index if the query's expression is the indexed one.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            f"EXPLAIN SELECT d.page_id FROM {DOC_TABLE} d "
            f"WHERE {PG_VECTOR} @@ to_tsquery('simple'::regconfig, %s)",
            [tsquery_expression(plan("بارش"))],
        )
        explained = "\n".join(row[0] for row in cursor.fetchall())
    assert PG_INDEX in explained


def test_variant_spellings_match_on_postgres(make_story):
    story = make_story("کراچی میں بلدیاتی انتخابات ہوں گے", "شہریوں کے لیے نئی صورتحال")
    for query in ("كراچي", "بَلدیاتی", "انتخابات ہونگے", "شہریوں کیلئے", "صورت حال"):
        assert found(query) == [story.pk], query


def test_ranking_headline_and_freshness_on_postgres(make_story):
    body_only = make_story("معیشت کی خبر", "", "گندم کا ذکر", days_ago=1)
    headline = make_story("گندم کی قیمت بڑھ گئی", "", "", days_ago=1)
    assert found("گندم") == [headline.pk, body_only.pk]
    old = make_story("چاول کی برآمد", days_ago=300)
    new = make_story("چاول کی برآمد", days_ago=0)
    assert found("چاول") == [new.pk, old.pk]
    assert found("چاول", sort="newest") == [new.pk, old.pk]


def test_only_live_on_postgres(make_story):
    make_story("مسودہ ٹماٹر", publish=False)
    gone = make_story("واپس ٹماٹر")
    gone.unpublish()
    deleted = make_story("حذف ٹماٹر")
    deleted.delete()
    assert found("ٹماٹر") == []


def test_stored_vector_follows_a_republished_story(make_story):
    story = make_story("پہلی سرخی زلزلہ")
    story.headline = "دوسری سرخی سیلاب"
    story.save_revision().publish()
    assert found("سیلاب") == [story.pk] and found("زلزلہ") == []


def test_broad_query_pages_and_total_on_postgres(make_story):
    for i in range(14):
        make_story(f"گندم کی خبر {i}", days_ago=i + 1)
    first = search("گندم", limit=10)
    second = search("گندم", limit=10, offset=10)
    assert first.total == second.total == 14
    assert len(first.hits) == 10 and len(second.hits) == 4
    assert not {pk for pk, _ in first.hits} & {pk for pk, _ in second.hits}


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_on_postgres(make_story, client, query):
    make_story("کراچی لاہور خبر")
    result = search(query)
    assert not result.failed
    assert client.get(search_url(), {"q": query}).status_code == 200
    api = client.get(api_url(), {"q": query})
    assert api.status_code == (200 if query.strip() and len(query) <= 1000 else 400)


def test_any_word_fallback_on_postgres(make_story):
    story = make_story("گندم کی قیمت")
    result = search("گندم زعفران")
    assert result.mode == "any" and [pk for pk, _ in result.hits] == [story.pk]
