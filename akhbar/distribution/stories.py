"""What distribution may publish, and where it lives: the one gate every output goes through.

Feeds, sitemaps, structured data and the API all take their stories from
`published_stories`, so "only live, public stories" is decided in one place: live,
outside any privacy restriction, not scheduled for later (`go_live_at` in the future) and
not past its `expire_at`. URLs are built from each page's `url_path` and its site's
root (one lookup per request, not one per story), because a sitemap lists 50,000 stories
and Wagtail's per-page `get_url` is the slowest part of listing that many.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.encoding import iri_to_uri
from wagtail.models import Page, Site

from akhbar.newsroom.models import ArticlePage, EditionPage, NewsImage, SectionPage

LEAD_RENDITION = "width-1200"


def visible(qs: QuerySet) -> QuerySet:
    """Pages a reader may see right now: live, public, within their publication window."""
    now = timezone.now()
    return (
        qs.live()
        .public()
        .filter(Q(go_live_at__isnull=True) | Q(go_live_at__lte=now))
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
    )


def published_stories(
    edition: EditionPage | None = None, section: SectionPage | None = None
) -> QuerySet:
    """Live public stories (of one edition or section), newest first."""
    qs = visible(ArticlePage.objects.all()).filter(first_published_at__isnull=False)
    if section is not None:
        qs = qs.child_of(section)
    elif edition is not None:
        qs = qs.descendant_of(edition)
    return qs.order_by("-first_published_at", "-pk")


def published_editions() -> QuerySet:
    """Live editions, by language code."""
    return visible(EditionPage.objects.all()).select_related("locale").order_by(
        "locale__language_code", "pk"
    )


def edition_by_language(language: str) -> EditionPage | None:
    """The live edition publishing in `language`, if any."""
    return published_editions().filter(locale__language_code=language).first()


def published_sections(edition: EditionPage | None = None) -> QuerySet:
    """Live sections (of one edition), in navigation order."""
    qs = visible(SectionPage.objects.all())
    if edition is not None:
        qs = qs.child_of(edition)
    return qs.order_by("order", "title", "pk")


def fingerprint(qs: QuerySet, *extra: object) -> tuple[str, datetime | None]:
    """An ETag value and a Last-Modified time for a list of stories, in one query.

    Count and newest publication/update catch additions, removals and edits, so a cached
    feed or sitemap is never served after the list it was made from has changed.
    """
    agg = qs.order_by().aggregate(
        n=Count("pk"), published=Max("last_published_at"), updated=Max("updated_at")
    )
    stamps = [t for t in (agg["published"], agg["updated"]) if t is not None]
    last = max(stamps) if stamps else None
    raw = "|".join(str(x) for x in (agg["n"], agg["published"], agg["updated"], *extra))
    return hashlib.blake2b(raw.encode(), digest_size=12).hexdigest(), last


def head_fingerprint(qs: QuerySet, size: int, *extra: object) -> tuple[str, datetime | None]:
    """`fingerprint` for an output that shows only the first `size` stories (a feed).

    Reads just those rows (id, publication and update times) along the publication-date
    index, so its cost does not grow with the archive the way a count over it does.
    """
    # The address and section too: a story moved to another section changes neither time.
    rows = list(
        qs.values_list("pk", "last_published_at", "updated_at", "url_path", "section_id")[:size]
    )
    stamps = [t for row in rows for t in row[1:3] if t is not None]
    raw = "|".join(str(x) for x in (*rows, *extra))
    digest = hashlib.blake2b(raw.encode(), digest_size=12).hexdigest()
    return digest, max(stamps) if stamps else None


@dataclass(frozen=True)
class _Root:
    site_id: int
    path: str
    url_path: str
    root_url: str
    prefix: str = "/"  # where the root is served: "/ur/" with language-prefixed editions


def _site_roots(root: Page) -> list[Page]:
    """The site's root page and, with Wagtail i18n, its translations (one per edition)."""
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return [root]
    return list(root.get_translations(inclusive=True).select_related("locale"))


def _serve_prefix(language: str) -> str:
    """The URL a root page is served at in `language`: "/ur/" under i18n_patterns, else "/"."""
    try:
        with translation.override(language):
            return reverse("wagtail_serve", args=("",))
    except NoReverseMatch:
        return "/"


class Urls:
    """Page URLs for one request: relative on the request's site, absolute elsewhere.

    Built once per request from Wagtail's cached site roots; `url(page)` needs only the
    page's `path` and `url_path`, so listings can load just those columns.
    """

    def __init__(self, request: HttpRequest | None = None):
        self.request = request
        current = Site.find_for_request(request) if request is not None else None
        self.current_site_id = current.pk if current else None
        roots = []
        for site in Site.objects.select_related("root_page").order_by("-root_page__depth"):
            # Each edition's home is a translation of the site's root (akhbar.newsroom.editions).
            for root in _site_roots(site.root_page):
                prefix = _serve_prefix(root.locale.language_code)
                roots.append(_Root(site.pk, root.path, root.url_path, site.root_url, prefix))
        self.roots = roots

    def path(self, page: Page) -> str | None:
        """The page's URL (IRI-escaped to a URI), relative when it is on the request's site."""
        return self.path_of(page.path, page.url_path)

    def path_of(self, tree_path: str, url_path: str) -> str | None:
        """`path` from the two columns it needs (for listings read with `.values()`)."""
        for root in self.roots:
            if tree_path.startswith(root.path):
                rest = url_path[len(root.url_path) :]
                url = root.prefix + rest
                if root.site_id != self.current_site_id:
                    url = root.root_url + url
                return iri_to_uri(url)
        return None

    def is_local(self, page: Page) -> bool:
        """True when the page is served on the request's own site."""
        url = self.path(page)
        return url is not None and url.startswith("/")

    def absolute(self, page: Page) -> str | None:
        """The page's full URL (scheme and host from the request when it is on its site)."""
        url = self.path(page)
        if url is None or url.startswith(("http://", "https://")):
            return url
        if self.request is not None:
            return self.request.build_absolute_uri(url)
        for root in self.roots:
            if page.path.startswith(root.path):
                return root.root_url + url
        return None

    def absolute_path(self, path: str) -> str:
        """A site path (e.g. a media URL) made absolute for the request."""
        if path.startswith(("http://", "https://")) or self.request is None:
            return iri_to_uri(path)
        return self.request.build_absolute_uri(iri_to_uri(path))


def lead_rendition(image: NewsImage | None, spec: str = LEAD_RENDITION):
    """The lead picture's rendition (made once, then read from the rendition table)."""
    if image is None:
        return None
    try:
        return image.get_rendition(spec)
    except (OSError, ValueError):
        # A missing or unreadable original must not take a feed or an article down.
        return None


def rendition_size(rendition) -> int:
    """The rendition's size in bytes, 0 when its file cannot be read (RSS needs a length)."""
    try:
        return int(rendition.file.size)
    except (OSError, ValueError):
        return 0
