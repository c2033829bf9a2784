"""Sitemaps (Django's framework): an index, per-edition story and section maps, Google News.

- `<lang>`: every live story of an edition, `lastmod` from its last publication or wire
  update, `xhtml:link` hreflang alternates when a story has translations in other
  editions (same Wagtail `translation_key`), with an `x-default` for the default
  (Urdu) edition's version when there is one (``structured.x_default``, as the story
  page's <head> says); Django pages it at 50,000 URLs (`?p=2`).
- `<lang>-pages`: the edition's home and sections.
- `news`: stories first published in the last 48 hours (at most 1,000, Google's limit),
  with `news:publication` (edition name, language), `news:publication_date` and title.

Stories are read with `.values()` (only the columns a URL and a date need), because a
50,000-URL map built from model instances spends most of its time making the instances.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Count, Max
from django.utils import timezone
from wagtail.models import Page

from akhbar.distribution.stories import (
    Urls,
    fingerprint,
    published_editions,
    published_sections,
    published_stories,
)
from akhbar.distribution.structured import x_default
from akhbar.newsroom.models import EditionPage

NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000
STORY_COLUMNS = ("path", "url_path", "first_published_at", "last_published_at", "updated_at")


def w3c(when: datetime | None) -> str:
    """A W3C date-time in UTC to the second (what the sitemap and News protocols expect)."""
    if when is None:
        return ""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class DatedSitemap(Sitemap):
    """A sitemap whose URLs carry `w3c` (lastmod) and `published` strings for its template."""

    def get_urls(self, page=1, site=None, protocol=None) -> list[dict]:
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for info in urls:
            info["w3c"] = w3c(info["lastmod"])
            item = info["item"]
            if isinstance(item, dict):
                info["published"] = w3c(item["first_published_at"])
        return urls


def _latest(*stamps: datetime | None) -> datetime | None:
    found = [s for s in stamps if s is not None]
    return max(found) if found else None


class StorySitemap(DatedSitemap):
    """Every live story of one edition."""

    changefreq = None
    priority = None

    def __init__(self, edition: EditionPage, urls: Urls):
        self.edition = edition
        self.urls = urls

    def items(self):
        return published_stories(self.edition).values(*STORY_COLUMNS, "translation_key")

    def location(self, item: dict) -> str:
        return self.urls.path_of(item["path"], item["url_path"]) or "/"

    def lastmod(self, item: dict) -> datetime | None:
        return _latest(item["last_published_at"], item["updated_at"], item["first_published_at"])

    def get_latest_lastmod(self) -> datetime | None:
        # Django's default calls lastmod() on every item; one aggregate query instead.
        return fingerprint(published_stories(self.edition))[1]

    def get_urls(self, page=1, site=None, protocol=None) -> list[dict]:
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        others = self._translations()
        if others:
            prefix = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
            for info in urls:
                found = others.get(info["item"]["translation_key"])
                if found:
                    pairs = [(self.edition.language, info["location"])] + [
                        (lang, path if "://" in path else prefix + path) for lang, path in found
                    ]
                    info["alternates"] = [{"lang_code": lang, "location": url}
                                          for lang, url in pairs]
                    default = x_default(pairs)  # the same rule as the story page's <head>
                    if default:
                        info["alternates"].append({"lang_code": "x-default", "location": default})
        return urls

    def _translations(self) -> dict:
        """translation_key → [(language, URL)] of live stories in the other editions.

        Other editions may live on other hosts (hreflang may cross domains in a sitemap).
        """
        out: dict = {}
        for edition in published_editions().exclude(pk=self.edition.pk):
            if self.urls.path(edition) is None:
                continue
            rows = published_stories(edition).values_list("translation_key", "path", "url_path")
            for key, tree_path, url_path in rows.iterator():
                url = self.urls.path_of(tree_path, url_path)
                if url:
                    out.setdefault(key, []).append((edition.language, url))
        return out


class SectionSitemap(DatedSitemap):
    """An edition's home page and its sections."""

    def __init__(self, edition: EditionPage, urls: Urls):
        self.edition = edition
        self.urls = urls

    def items(self) -> list[Page]:
        return [self.edition, *published_sections(self.edition)]

    def location(self, item: Page) -> str:
        return self.urls.path(item) or "/"

    def lastmod(self, item: Page) -> datetime | None:
        return item.last_published_at

    def get_latest_lastmod(self) -> datetime | None:
        return _latest(*(self.lastmod(p) for p in self.items()))


class NewsSitemap(DatedSitemap):
    """Google News: stories of the last 48 hours of the site's editions."""

    limit = NEWS_LIMIT

    def __init__(self, editions: list[EditionPage], urls: Urls):
        self.editions = editions
        self.urls = urls
        self.since = timezone.now() - NEWS_WINDOW
        self._rows: list[dict] | None = None

    def items(self) -> list[dict]:
        if self._rows is None:
            self._rows = self._read()
        return self._rows

    def _read(self) -> list[dict]:
        rows = []
        for edition in self.editions:
            qs = published_stories(edition).filter(first_published_at__gte=self.since)
            for row in qs.values(*STORY_COLUMNS, "headline")[:NEWS_LIMIT]:
                row["publication"] = edition.title
                row["language"] = edition.language
                rows.append(row)
        rows.sort(key=lambda r: r["first_published_at"], reverse=True)
        return rows[:NEWS_LIMIT]

    def location(self, item: dict) -> str:
        return self.urls.path_of(item["path"], item["url_path"]) or "/"

    def lastmod(self, item: dict) -> datetime | None:
        return _latest(item["last_published_at"], item["updated_at"], item["first_published_at"])

    def get_latest_lastmod(self) -> datetime | None:
        return _latest(*(self.lastmod(r) for r in self.items()))


def site_editions(urls: Urls) -> list[EditionPage]:
    """The live editions served on the request's site (others have their own sitemaps)."""
    return [e for e in published_editions() if urls.is_local(e)]


def sitemaps_for(urls: Urls) -> dict[str, Sitemap]:
    """The sitemap sections of the request's site, by URL label."""
    editions = site_editions(urls)
    maps: dict[str, Sitemap] = {}
    for edition in editions:
        maps[edition.language] = StorySitemap(edition, urls)
        maps[f"{edition.language}-pages"] = SectionSitemap(edition, urls)
    maps["news"] = NewsSitemap(editions, urls)
    return maps


def structure_stamp() -> str:
    """Count and newest publication of editions and sections (their titles are in the maps)."""
    agg = (
        Page.objects.live()
        .filter(depth__lte=3)
        .aggregate(n=Count("pk"), last=Max("last_published_at"))
    )
    return f"{agg['n']}:{agg['last']}"
