"""The Turkish edition's search finds İzmir however the reader types its capital İ.

Python's casefold makes "İzmir" into i + U+0307 + "zmir" and "IŞIK" into "işik", so before
``fold`` learnt the Turkish i letters, "izmir" did not find a story headlined "İzmir'de…".
The demo story is published and indexed here; the query goes through the real search page.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.search.conftest import search_url

pytestmark = pytest.mark.django_db

HEADLINE = "İzmir'de sahil boyunca 12 kilometrelik yeni bisiklet yolu açıldı"


@pytest.fixture
def izmir_story(db):
    from akhbar.newsroom.demo import EDITIONS_DIR
    from akhbar.newsroom.editions import ensure_editions
    from akhbar.search.demo import publish_story

    editions = {e.language: e for e in ensure_editions()}
    doc = json.loads((EDITIONS_DIR / "tr-izmir-bicycle-lanes.json").read_text("utf-8"))
    return publish_story(editions["tr"], doc)


def headlines(client, query: str) -> list[str]:
    response = client.get(search_url("tr"), {"q": query})
    assert response.status_code == 200
    found = re.findall(r'<h2 class="card__headline"><a [^>]*>(.*?)</a></h2>',
                       response.content.decode())
    return [re.sub(r"</?mark>", "", h).replace("&#x27;", "'") for h in found]


@pytest.mark.parametrize("query", ["izmir", "İZMİR", "Izmir", "İzmir", "IZMIR", "ızmır"])
def test_turkish_search_finds_izmir_however_the_i_is_typed(client, izmir_story, query):
    assert izmir_story.headline == HEADLINE
    assert headlines(client, query) == [HEADLINE], query


def test_the_match_is_marked_in_the_headline_as_written(client, izmir_story):
    response = client.get(search_url("tr"), {"q": "izmir"})
    assert "<mark>İzmir</mark>" in response.content.decode()
