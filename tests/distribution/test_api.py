"""The read API: editions, sections, articles with filters and cursor pages, detail, live only."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from django.core import signing
from django.utils import timezone

from akhbar.distribution.api import CURSOR_SALT, encode_cursor
from tests.distribution.builders import HOSTILE, make_story

pytestmark = pytest.mark.django_db


def get(client, url: str, status: int = 200, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status, (url, response.status_code, response.content[:300])
    return response.json() if "json" in response["Content-Type"] else response


def test_editions(client, newsroom):
    (edition,) = get(client, "/api/v1/editions")
    assert edition["language"] == "ur" and edition["url"] == "http://testserver/ur/"
    assert edition["feeds"]["rss"] == "http://testserver/feeds/ur.rss"


def test_sections_of_an_edition(client, newsroom):
    sections = get(client, "/api/v1/sections?edition=ur")
    assert [s["slug"] for s in sections][:3] == ["siyasat", "maeeshat", "khel"]
    assert sections[0]["iptc_code"] == "11000000"
    assert sections[0]["feeds"]["atom"] == "http://testserver/feeds/ur/siyasat.atom"
    assert get(client, "/api/v1/sections") == sections
    get(client, "/api/v1/sections?edition=xx", 404)


def test_article_list_shape_and_live_only(client, newsroom):
    page = get(client, "/api/v1/articles")
    assert set(page) == {"results", "next"} and page["next"] is None
    ids = [a["id"] for a in page["results"]]
    assert ids == [s.pk for s in newsroom.live]
    first = page["results"][0]
    assert {"id", "uri", "url", "headline", "published"} <= set(first)
    assert first["headline"] == HOSTILE
    assert first["section"]["slug"] == "maeeshat"
    assert first["url"].startswith("http://testserver/ur/maeeshat/")
    for hidden in newsroom.hidden:
        get(client, f"/api/v1/articles/{hidden.pk}", 404)
        get(client, f"/api/v1/articles/{hidden.pk}.ninjs", 404)


def test_filters(client, newsroom):
    by_slug = get(client, "/api/v1/articles?section=siyasat")["results"]
    assert [a["id"] for a in by_slug] == [newsroom.live[1].pk]
    section_id = newsroom.sections["siyasat"].pk
    assert get(client, f"/api/v1/articles?section={section_id}")["results"] == by_slug
    since = quote((timezone.now() - timedelta(hours=24)).isoformat())
    recent = get(client, f"/api/v1/articles?since={since}")["results"]
    assert [a["id"] for a in recent] == [newsroom.live[0].pk]
    older = get(client, f"/api/v1/articles?until={since}")["results"]
    assert [a["id"] for a in older] == [s.pk for s in newsroom.live[1:]]
    assert get(client, "/api/v1/articles?edition=ur")["results"]
    get(client, "/api/v1/articles?edition=xx", 404)
    assert get(client, "/api/v1/articles?section=no-such")["results"] == []


def test_cursor_walks_every_story_once(client, newsroom):
    now = timezone.now()
    same_time = now - timedelta(minutes=5)
    for i in range(7):  # several stories at the same instant: the cursor must split ties
        make_story(newsroom.sections["khel"], f"میچ کی خبر {i}", published=same_time)
    seen, url, pages = [], "/api/v1/articles?limit=3&section=khel", 0
    while url:
        page = get(client, url)
        seen += [a["id"] for a in page["results"]]
        pages += 1
        url = page["next"] and page["next"].removeprefix("http://testserver")
        if url:
            query = parse_qs(urlsplit(url).query)
            assert query["limit"] == ["3"] and query["section"] == ["khel"]
    assert len(seen) == len(set(seen)) == 8 and pages == 3


def test_tampered_or_foreign_cursors_are_400(client, newsroom):
    good = encode_cursor(newsroom.live[0].first_published_at, newsroom.live[0].pk)
    bad = [
        "abc",
        good[:-2] + ("AA" if not good.endswith("AA") else "BB"),
        good.replace(":", ";"),
        signing.dumps(["2025-01-01T00:00:00+00:00", 1], salt="another"),
        signing.dumps(["not a date", 1], salt=CURSOR_SALT),
        signing.dumps(["2025-01-01T00:00:00+00:00", "1"], salt=CURSOR_SALT),
        signing.dumps({"a": 1}, salt=CURSOR_SALT),
        "%00",
        "ی" * 2000,
    ]
    for cursor in bad:
        body = get(client, f"/api/v1/articles?cursor={quote(cursor)}", 400)
        assert body == {"detail": "invalid cursor"}
    assert get(client, f"/api/v1/articles?cursor={quote(good)}")["results"]


@pytest.mark.parametrize(
    "query",
    ["limit=0", "limit=101", "limit=-5", "limit=99999999999999999999", "limit=abc",
     "since=yesterday", "until=2025-13-45", "since=%00"],
)
def test_hostile_parameters_are_client_errors(client, newsroom, query):
    response = client.get(f"/api/v1/articles?{query}")
    assert response.status_code in (400, 422), (query, response.status_code)
    assert "detail" in response.json()


def test_hostile_paths(client, newsroom):
    for path in ("/api/v1/articles/0", "/api/v1/articles/99999999999999999999",
                 "/api/v1/articles/-1", "/api/v1/articles/0.ninjs"):
        assert client.get(path).status_code == 404, path
    for path in ("/api/v1/articles/abc", "/api/v1/articles/1.json",
                 "/api/v1/articles/null,null.ninjs", "/api/v1/articles/%D9%A1"):
        response = client.get(path)
        assert response.status_code == 422, path
        assert response["Content-Type"].startswith("application/json")


def test_detail_in_full(client, newsroom):
    story = newsroom.featured
    detail = get(client, f"/api/v1/articles/{story.pk}")
    assert detail["paragraphs"] == story.paragraphs()
    assert detail["authors"] == ["نمائندہ خصوصی"] and detail["agencies"] == ["APP"]
    assert set(detail["tags"]) == {"کراچی", "بندرگاہ"}
    assert detail["image"]["credit"] == "Reuters"
    assert detail["image"]["alt"] == story.lead_image.alt_text
    assert "<blockquote>" in detail["body_html"]
    assert detail["ninjs"] == f"http://testserver/api/v1/articles/{story.pk}.ninjs"


def vary(response) -> set[str]:
    return {v.strip() for v in response.get("Vary", "").split(",")}


def test_detail_by_accept_header_is_ninjs(client, newsroom):
    story = newsroom.featured
    response = client.get(f"/api/v1/articles/{story.pk}", HTTP_ACCEPT="application/ninjs+json")
    assert response["Content-Type"].startswith("application/ninjs+json")
    assert "Accept" in vary(response)
    direct = client.get(f"/api/v1/articles/{story.pk}.ninjs")
    assert response.content == direct.content
    plain = client.get(f"/api/v1/articles/{story.pk}")
    assert "Accept" in vary(plain) and plain["Content-Type"].startswith("application/json")


def test_openapi_schema_lists_our_paths(client):
    spec = get(client, "/api/v1/openapi.json")
    assert spec["openapi"].startswith("3.")
    for path in ("/api/v1/editions", "/api/v1/sections", "/api/v1/articles",
                 "/api/v1/articles/{article_id}", "/api/v1/articles/{article_id}.ninjs"):
        assert path in spec["paths"], path
