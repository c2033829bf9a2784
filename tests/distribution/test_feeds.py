"""RSS and Atom feeds: read by feedparser (no bozo), live stories only, validators and caching."""

from __future__ import annotations

from datetime import timedelta

import feedparser
import pytest
from django.core.cache import cache
from django.utils import timezone
from django.utils.feedgenerator import Enclosure
from wagtail import hooks

from tests.distribution.builders import HOSTILE, make_story

pytestmark = pytest.mark.django_db

FEEDS = [
    "/feeds/ur.rss",
    "/feeds/ur.atom",
    "/feeds/ur.rss?full=1",
    "/feeds/ur.atom?full=1",
    "/feeds/ur/maeeshat.rss",
    "/feeds/ur/maeeshat.atom",
    "/feeds/ur/siyasat.rss?full=1",
]


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def parse(client, url: str, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return response, feed


@pytest.mark.parametrize("url", FEEDS)
def test_every_feed_parses_cleanly_in_urdu(client, newsroom, url):
    response, feed = parse(client, url)
    assert feed.version in ("rss20", "atom10")
    assert feed.feed.language == "ur"
    assert feed.entries
    assert response["Cache-Control"].startswith("public")
    assert response["ETag"] and response["Last-Modified"]


def test_edition_feed_lists_only_live_stories_newest_first(client, newsroom):
    _, feed = parse(client, "/feeds/ur.rss")
    titles = [e.title for e in feed.entries]
    assert titles == [s.headline for s in newsroom.live]
    for hidden in newsroom.hidden:
        assert hidden.headline not in titles


def test_section_feed_has_its_own_stories_only(client, newsroom):
    _, feed = parse(client, "/feeds/ur/siyasat.atom")
    assert [e.title for e in feed.entries] == ["اسمبلی کا اجلاس کل تک ملتوی"]
    assert feed.feed.title.startswith("سیاست")


def test_hostile_headline_survives_as_text(client, newsroom):
    for url in ("/feeds/ur.rss", "/feeds/ur.atom"):
        _, feed = parse(client, url)
        assert feed.entries[0].title == HOSTILE


def test_item_parts_link_dates_author_enclosure(client, newsroom):
    story = newsroom.featured
    _, feed = parse(client, "/feeds/ur.rss")
    entry = feed.entries[0]
    assert entry.link.startswith("http://testserver/ur/maeeshat/")
    assert entry.published_parsed[:5] == story.first_published_at.utctimetuple()[:5]
    assert entry.author == "نمائندہ خصوصی"
    assert entry.tags[0].term == "معیشت"
    (enclosure,) = entry.enclosures
    assert enclosure.type == "image/jpeg" and int(enclosure.length) > 0
    assert enclosure.href.startswith("http://testserver/media/")
    assert entry.media_content[0]["medium"] == "image"
    assert entry.media_credit[0]["content"] == "Reuters"
    assert client.get(enclosure.href.removeprefix("http://testserver")).status_code == 200


def test_full_text_only_when_asked(client, newsroom):
    _, short = parse(client, "/feeds/ur.atom")
    _, full = parse(client, "/feeds/ur.atom?full=1")
    assert "content" not in short.entries[0]
    body = full.entries[0].content[0].value
    assert "مزدور یونین کے رہنما" in body and "<blockquote" in body
    _, rss = parse(client, "/feeds/ur.rss?full=1")
    assert "مزدوروں کا مؤقف" in rss.entries[0].content[0].value


def test_atom_has_xml_lang(client, newsroom):
    response = client.get("/feeds/ur.atom")
    assert b'xml:lang="ur"' in response.content[:300]


def test_conditional_get_answers_304(client, newsroom):
    first = client.get("/feeds/ur.rss")
    again = client.get("/feeds/ur.rss", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and not again.content
    since = client.get("/feeds/ur.rss", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    stale = client.get("/feeds/ur.rss", HTTP_IF_NONE_MATCH='"not-it"')
    assert stale.status_code == 200


def test_new_story_changes_etag_and_cached_body(client, newsroom):
    first = client.get("/feeds/ur.rss")
    assert client.get("/feeds/ur.rss").content == first.content  # from the cache
    make_story(newsroom.sections["khel"], "تازہ ترین: میچ بارش سے رک گیا",
               published=timezone.now() + timedelta(seconds=1))
    second = client.get("/feeds/ur.rss", HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert second["ETag"] != first["ETag"]
    assert "تازہ ترین" in second.content.decode()


def test_unpublishing_removes_the_story(client, newsroom):
    first = client.get("/feeds/ur.rss")
    newsroom.live[1].unpublish()
    second = client.get("/feeds/ur.rss")
    assert second["ETag"] != first["ETag"]
    assert newsroom.live[1].headline not in second.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/xx.rss",
        "/feeds/ur/no-such-section.rss",
        "/feeds/ur/%D8%B3%DB%8C%D8%A7%D8%B3%D8%AA.atom",
        "/feeds/UR.rss",
        "/feeds/ur.rss/",
        "/feeds/ur/../ur.rss",
    ],
)
def test_unknown_feeds_are_404(client, newsroom, url):
    assert client.get(url).status_code == 404


def test_hostile_query_strings_are_ignored(client, newsroom):
    for query in ("full=%00", "full=" + "1" * 5000, "full=1&full=0", "p=-1", "full[]=1"):
        response, feed = parse(client, "/feeds/ur.rss?" + query)
        assert feed.entries


def test_only_safe_methods(client, newsroom):
    assert client.post("/feeds/ur.rss").status_code == 405
    assert client.head("/feeds/ur.rss").status_code == 200


def test_empty_section_feed_is_valid(client, newsroom):
    response, feed = parse(client, "/feeds/ur/saqafat.rss")
    assert feed.entries == []


def test_other_apps_add_enclosures_through_the_hook(client, newsroom):
    def spoken(article, urls):
        return [Enclosure(urls.absolute_path(f"/listen/{article.pk}.opus"), "1234", "audio/ogg")]

    with hooks.register_temporarily("akhbar_feed_enclosures", spoken):
        _, atom = parse(client, "/feeds/ur.atom")
        _, rss = parse(client, "/feeds/ur.rss")
    types = [e.type for e in atom.entries[0].enclosures]
    assert types == ["image/jpeg", "audio/ogg"]
    # RSS 2.0 allows one <enclosure>: the picture; every medium is in media:content.
    assert [e.type for e in rss.entries[0].enclosures] == ["image/jpeg"]
    assert [m["type"] for m in rss.entries[0].media_content] == ["image/jpeg", "audio/ogg"]
    # A story without a picture: its spoken version is the one <enclosure>.
    assert [e.type for e in rss.entries[1].enclosures] == ["audio/ogg"]
    assert [m["medium"] for m in rss.entries[1].media_content] == ["audio"]
