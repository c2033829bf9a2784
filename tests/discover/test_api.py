"""GET /api/v1/articles/{id}/discover: the stored list as JSON; bad ids are 4xx, never 500."""

from __future__ import annotations

import pytest

from akhbar.discover.models import DiscoverEntry

pytestmark = pytest.mark.django_db


def url(article_id) -> str:
    return f"/api/v1/articles/{article_id}/discover"


def test_returns_the_stored_list(client, stories):
    match = stories["match"]
    response = client.get(url(match.pk))
    assert response.status_code == 200
    results = response.json()["results"]
    assert results[0]["headline"] == stories["squad"].headline
    assert results[0]["reason"] == "related"
    assert results[0]["url"].startswith("http://") and results[0]["uri"]
    assert {r["reason"] for r in results} <= {"pinned", "related", "section", "fresh"}
    assert match.headline not in [r["headline"] for r in results]


def test_falls_back_to_newest_while_not_computed(client, stories):
    DiscoverEntry.objects.all().delete()
    results = client.get(url(stories["match"].pk)).json()["results"]
    assert [r["reason"] for r in results] == ["fresh"] * 3


def test_unpublished_and_unknown_articles_are_404(client, stories, edition):
    squad = stories["squad"]
    squad.unpublish()
    assert client.get(url(squad.pk)).status_code == 404
    assert client.get(url(999_999)).status_code == 404
    assert client.get(url(edition.pk)).status_code == 404  # a page, but not an article


@pytest.mark.parametrize(
    "bad",
    [
        "abc",
        "0",
        "-1",
        "1.5",
        "99999999999999999999999",
        str(2**63),
        "%00",
        "1%20OR%201=1",
        "١٢",
        "1e3",
        "'",
        "null",
    ],
)
def test_hostile_ids_are_refused_not_crashed(client, stories, bad):
    response = client.get(url(bad))
    assert 400 <= response.status_code < 500, (bad, response.status_code)


def test_other_methods_are_refused(client, stories):
    assert client.post(url(stories["match"].pk)).status_code == 405
