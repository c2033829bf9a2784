"""The podcast feed: valid RSS with enclosures podcast clients can play."""

from __future__ import annotations

import feedparser
import pytest

from akhbar.listen import pipeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def spoken(make_story, tone_engine):
    pages = [make_story(headline=f"خبر نمبر {i}", standfirst="مختصر خلاصہ") for i in range(3)]
    for page in pages:
        pipeline.voice(page)
    return pages


def test_feed_is_valid_podcast_rss(client, spoken):
    response = client.get("/listen/feed.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.language == "ur"
    assert feed.namespaces.get("itunes") == "http://www.itunes.com/dtds/podcast-1.0.dtd"
    assert len(feed.entries) == 3
    for entry in feed.entries:
        (enclosure,) = entry.enclosures
        assert enclosure.type == "audio/mpeg"
        assert enclosure.href.startswith("http://testserver/listen/")
        assert enclosure.href.endswith(".mp3")
        assert int(enclosure.length) > 0
        assert entry.itunes_duration.count(":") == 2
        assert entry.title.startswith("خبر نمبر")


def test_enclosures_are_downloadable_with_their_stated_length(client, spoken):
    feed = feedparser.parse(client.get("/listen/feed.xml").content)
    for entry in feed.entries:
        (enclosure,) = entry.enclosures
        response = client.get(enclosure.href.removeprefix("http://testserver"))
        assert response.status_code == 200
        assert len(b"".join(response.streaming_content)) == int(enclosure.length)


def test_feed_leaves_out_stories_without_audio_or_not_live(client, spoken, make_story):
    make_story(headline="بغیر آواز")
    spoken[0].unpublish()
    feed = feedparser.parse(client.get("/listen/feed.xml").content)
    titles = {e.title for e in feed.entries}
    assert "بغیر آواز" not in titles and spoken[0].headline not in titles
    assert len(titles) == 2


def test_edition_feed_by_language(client, spoken):
    assert client.get("/listen/ur/feed.xml").status_code == 200
    assert client.get("/listen/xx/feed.xml").status_code == 404
    assert client.get("/listen/%3Cscript%3E/feed.xml").status_code == 404


def test_empty_feed_is_still_valid(client, edition):
    feed = feedparser.parse(client.get("/listen/feed.xml").content)
    assert not feed.bozo and feed.entries == []
