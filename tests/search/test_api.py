"""GET /api/v1/search: ranked live stories as JSON; bad parameters are a clear 4xx."""

import pytest

from tests.search.conftest import api_url
from tests.search.test_query import HOSTILE

pytestmark = pytest.mark.django_db


def test_results_in_rank_order_with_the_documented_fields(client, make_story):
    weak = make_story("معیشت کی خبر", "", "بجلی کا ذکر آخر میں")
    strong = make_story("بجلی کے نرخوں میں اضافہ", "بجلی مہنگی", "بجلی کے بل")
    data = client.get(api_url(), {"q": "بجلی"}).json()
    assert data["total"] == 2
    assert [r["headline"] for r in data["results"]] == [strong.headline, weak.headline]
    first = data["results"][0]
    assert set(first) == {"uri", "url", "headline", "published", "section"}
    assert first["url"].startswith("http") and first["section"] == "سیاست"
    assert first["published"].startswith(str(strong.first_published_at.year))


def test_variant_spelling_and_limit(client, make_story):
    for i in range(5):
        make_story(f"كراچي خبر {i}")
    data = client.get(api_url(), {"q": "کراچی", "limit": 2}).json()
    assert data["total"] == 5 and len(data["results"]) == 2


def test_only_live_stories(client, make_story):
    make_story("مسودہ خبر ٹماٹر", publish=False)
    gone = make_story("واپس ٹماٹر")
    gone.unpublish()
    assert client.get(api_url(), {"q": "ٹماٹر"}).json() == {"results": [], "total": 0}


@pytest.mark.parametrize(
    "params,status",
    [
        ({}, 422),
        ({"q": ""}, 400),
        ({"q": "   "}, 400),
        ({"q": "ب" * 1001}, 400),
        ({"q": "کراچی", "limit": 0}, 422),
        ({"q": "کراچی", "limit": 51}, 422),
        ({"q": "کراچی", "limit": "ten"}, 422),
        ({"q": "کراچی", "limit": "-1"}, 422),
    ],
)
def test_bad_parameters_are_a_clear_4xx(client, edition, params, status):
    response = client.get(api_url(), params)
    assert response.status_code == status
    assert response.json()["detail"]


@pytest.mark.parametrize("query", [q for q in HOSTILE if q.strip() and len(q) <= 1000])
def test_hostile_queries_are_answered(client, make_story, query):
    make_story("کراچی لاہور خبر")
    response = client.get(api_url(), {"q": query})
    assert response.status_code == 200
    assert set(response.json()) == {"results", "total"}
