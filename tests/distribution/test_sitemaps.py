"""Sitemaps and robots.txt, parsed with lxml and held to the sitemap and Google News rules."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from lxml import etree

from akhbar.newsroom.editions import ensure_edition
from akhbar.newsroom.models import SectionPage
from tests.distribution.builders import HOSTILE, make_story

pytestmark = pytest.mark.django_db

SM = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
NS = {"sm": SM, "news": NEWS, "xhtml": XHTML}
# W3C Datetime (https://www.w3.org/TR/NOTE-datetime): a date, or a date-time with zone.
W3C = re.compile(
    r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$"
)
MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
MAX_NEWS = 1000


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def w3c_time(text: str) -> datetime:
    assert W3C.match(text), text
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def fetch_xml(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert response["Content-Type"].startswith("application/xml")
    assert len(response.content) <= MAX_BYTES
    root = etree.fromstring(response.content)  # raises on anything not well-formed
    return response, root


def check_loc(text: str) -> None:
    """An absolute http(s) URL, already percent-encoded, under 2,048 characters."""
    parts = urlsplit(text)
    assert parts.scheme in ("http", "https") and parts.netloc, text
    assert len(text) < 2048 and text.isascii() and " " not in text, text


def check_urlset(root, *, news: bool = False) -> list[str]:
    """The sitemap protocol's rules for a <urlset> (and Google's for a News sitemap)."""
    assert root.tag == f"{{{SM}}}urlset"
    if news:
        assert root.nsmap.get("news") == NEWS
    urls = root.findall("sm:url", NS)
    assert len(urls) <= (MAX_NEWS if news else MAX_URLS)
    locs = []
    for url in urls:
        (loc,) = url.findall("sm:loc", NS)
        check_loc(loc.text)
        locs.append(loc.text)
        for lastmod in url.findall("sm:lastmod", NS):
            w3c_time(lastmod.text)
        for alt in url.findall("xhtml:link", NS):
            assert alt.get("rel") == "alternate" and alt.get("hreflang")
            check_loc(alt.get("href"))
        if news:
            check_news(url)
    assert len(locs) == len(set(locs))
    return locs


def check_news(url) -> None:
    (item,) = url.findall("news:news", NS)
    (publication,) = item.findall("news:publication", NS)
    assert publication.findtext("news:name", namespaces=NS).strip()
    assert publication.findtext("news:language", namespaces=NS) == "ur"
    published = w3c_time(item.findtext("news:publication_date", namespaces=NS))
    assert datetime.now(UTC) - published <= timedelta(hours=48)
    assert item.findtext("news:title", namespaces=NS).strip()


def test_index_lists_edition_maps_and_news(client, newsroom):
    _, root = fetch_xml(client, "/sitemap.xml")
    assert root.tag == f"{{{SM}}}sitemapindex"
    maps = root.findall("sm:sitemap", NS)
    locs = [m.findtext("sm:loc", namespaces=NS) for m in maps]
    assert locs == [
        "http://testserver/sitemap-ur.xml",
        "http://testserver/sitemap-ur-pages.xml",
        "http://testserver/sitemap-news.xml",
    ]
    for m in maps:
        for lastmod in m.findall("sm:lastmod", NS):
            w3c_time(lastmod.text)
    for loc in locs:
        _, sub = fetch_xml(client, loc.removeprefix("http://testserver"))
        check_urlset(sub, news=loc.endswith("news.xml"))


def test_edition_map_has_live_stories_with_lastmod(client, newsroom):
    _, root = fetch_xml(client, "/sitemap-ur.xml")
    locs = check_urlset(root)
    assert len(locs) == len(newsroom.live)
    expected = {"http://testserver" + s.url for s in newsroom.live}
    assert set(locs) == {iri_to_uri(u) for u in expected}
    for url in root.findall("sm:url", NS):
        assert url.find("sm:lastmod", NS) is not None


def test_pages_map_has_home_and_sections(client, newsroom):
    _, root = fetch_xml(client, "/sitemap-ur-pages.xml")
    locs = check_urlset(root)
    assert locs[0] == "http://testserver/ur/"
    assert "http://testserver/ur/siyasat/" in locs


def test_news_map_has_last_48_hours_only(client, newsroom):
    _, root = fetch_xml(client, "/sitemap-news.xml")
    check_urlset(root, news=True)
    titles = root.xpath("//news:title/text()", namespaces=NS)
    # 2 h and 30 h old stories are in; the 5-day-old one and every hidden story are not.
    assert titles == [HOSTILE, "اسمبلی کا اجلاس کل تک ملتوی"]
    names = root.xpath("//news:name/text()", namespaces=NS)
    assert set(names) == {newsroom.edition.title}


def test_hidden_stories_are_in_no_sitemap(client, newsroom):
    bodies = b"".join(
        client.get(u).content for u in ("/sitemap-ur.xml", "/sitemap-news.xml")
    ).decode()
    for story in newsroom.hidden:
        assert story.slug not in bodies and story.headline not in bodies


def test_translations_give_hreflang_alternates(client, newsroom):
    english = ensure_edition("en")
    economy = SectionPage(title="Economy", slug="economy", locale=english.locale)
    english.add_child(instance=economy)
    economy.save_revision().publish()
    original = newsroom.featured
    make_story(economy, "Karachi port works as usual", locale=english.locale,
               translation_key=original.translation_key, body=[])
    _, root = fetch_xml(client, "/sitemap-ur.xml")
    check_urlset(root)
    links = root.xpath("//xhtml:link", namespaces=NS)
    assert {link.get("hreflang") for link in links} == {"ur", "en", "x-default"}
    assert any(link.get("href").startswith("http://testserver/en/economy/") for link in links)


def test_conditional_and_cached(client, newsroom):
    first = client.get("/sitemap-ur.xml")
    again = client.get("/sitemap-ur.xml", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    make_story(newsroom.sections["khel"], "نئی خبر", published=timezone.now())
    fresh = client.get("/sitemap-ur.xml", HTTP_IF_NONE_MATCH=first["ETag"])
    assert fresh.status_code == 200 and "نئی خبر" not in fresh.content.decode()
    assert fresh.content.count(b"<url>") == len(newsroom.live) + 1


@pytest.mark.parametrize(
    "url",
    [
        "/sitemap-xx.xml",
        "/sitemap-ur.xml?p=2",
        "/sitemap-ur.xml?p=0",
        "/sitemap-ur.xml?p=-1",
        "/sitemap-ur.xml?p=abc",
        "/sitemap-ur.xml?p=%D9%A1",
        "/sitemap-ur.xml?p=99999999999",
        "/sitemap-.xml",
    ],
)
def test_bad_sitemap_urls_are_404(client, newsroom, url):
    assert client.get(url).status_code == 404


def test_robots_points_to_sitemaps(client, newsroom):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines
    assert "User-agent: *" in lines
