"""Purging every page that shows a story when it is published, updated or taken down.

Wagtail's frontend-cache mechanism does the sending: the URLs go through its
`purge_urls_from_cache_task` to the backends named in `WAGTAILFRONTENDCACHE` (ours are
below). Two things differ from Wagtail's own signal handlers, which purge only the page
itself and through the task queue:

- the URLs are every page that shows the story: the article, its section and the edition's
  home (they list it), the edition's and section's RSS/Atom feeds, the sitemaps and the
  podcast feeds; a change to an edition or section (its title is in every page's
  navigation) empties the in-process cache altogether;
- the purge runs in the publishing process, after the transaction commits (before that,
  a reader's request could render and cache the old story again), not on the task queue,
  where a story waiting behind a speech job would stay stale for minutes. Embargoed and
  scheduled stories go live through Wagtail's publish in the scheduler, so the same
  signal purges them at release.

Deleting and moving a live page reach readers the same way. Wagtail unpublishes every
live page it is about to delete (its own pre_delete receiver), which sends
page_unpublished while the rows still exist: the URLs are listed then and sent after the
delete commits. A move changes addresses, so the URLs are listed twice: before the move
(the old story URL, the old section and its feeds) and after it (the new ones), and both
lists go out once the move has committed.

Backends, in order: `PageCacheBackend` empties the origin's page cache (every process, via
the purge log), then `NginxRefreshBackend` has nginx fetch each URL afresh. Order matters:
nginx must not re-fetch a page the origin still holds.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote, unquote, urlsplit
from urllib.request import Request, urlopen

from django.db import transaction
from django.urls import NoReverseMatch, reverse
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page

from akhbar.site.pagecache import PURGE_ALL, purge_paths

log = logging.getLogger(__name__)
REFRESH_TIMEOUT = 30.0  # a sitemap of 50,000 stories takes a while to render


def urls_showing(page) -> list[str]:
    """Absolute URLs of every page, feed and sitemap that shows `page`."""
    from akhbar.newsroom.models import ArticlePage, EditionPage, SectionPage

    page = page.specific
    # Most-read first (nginx refreshes them in this order): the story, its section, home.
    lineage = [a.specific for a in page.get_ancestors().filter(depth__gt=1).order_by("-depth")]
    ordered: list[str] = []
    for each in (page, *lineage):
        batch = PurgeBatch()
        batch.add_page(each)
        ordered.extend(sorted(batch.urls))
    parts = page.get_url_parts()
    if parts is None:
        return list(dict.fromkeys(ordered))
    root = parts[1].rstrip("/")
    edition = next((p for p in [page, *lineage] if isinstance(p, EditionPage)), None)
    section = next((p for p in [page, *lineage] if isinstance(p, SectionPage)), None)
    named: list[tuple[str, dict]] = [
        ("distribution:sitemap-index", {}),
        ("distribution:sitemap", {"section": "news"}),
        ("listen:feed", {}),
    ]
    if edition is not None:
        language = edition.language
        named += [
            ("distribution:edition-rss", {"language": language}),
            ("distribution:edition-atom", {"language": language}),
            ("distribution:sitemap", {"section": language}),
            ("distribution:sitemap", {"section": f"{language}-pages"}),
            ("listen:edition-feed", {"language": language}),
        ]
        if section is not None:
            kwargs = {"language": language, "section": section.slug}
            named += [
                ("distribution:section-rss", kwargs),
                ("distribution:section-atom", kwargs),
            ]
    for name, kwargs in named:
        try:
            ordered.append(root + reverse(name, kwargs=kwargs))
        except NoReverseMatch:  # an app that is not installed on this site
            continue
    if not isinstance(page, ArticlePage):
        ordered.append(root + "/" + PURGE_ALL)
    return list(dict.fromkeys(ordered))


def purge_now(urls: list[str]) -> None:
    """Send `urls` to every configured frontend cache, in this process, right now."""
    if urls:
        purge_urls_from_cache_task.call(urls)


def _listed(page, with_descendants: bool = False) -> list[str]:
    """`urls_showing(page)`, or "empty everything" when they cannot be worked out."""
    try:
        urls = urls_showing(page)
        if with_descendants and not page.is_leaf():
            # A moved section takes its stories along: their own addresses change too.
            # (urls_showing already empties the in-process cache for a non-story page;
            # these are for nginx.)
            batch = PurgeBatch()
            batch.add_pages(Page.objects.live().descendant_of(page).specific())
            urls = list(dict.fromkeys([*urls, *sorted(batch.urls)]))
        return urls
    except Exception:  # a purge must never stop a story from being published or moved
        log.exception("could not list the URLs showing page %s", page.pk)
        return ["/" + PURGE_ALL]


def _send_after_commit(urls: list[str], page_id) -> None:
    """Send `urls` once the surrounding transaction (if any) commits; never raise."""

    def send() -> None:
        from akhbar.newsroom.front import bump_generation

        try:
            # The parts kept per publish move on first: a purged page is rendered again at
            # once, and must be built from the committed rows, not from parts a reader
            # built while the publish was still uncommitted.
            bump_generation()
            purge_now(urls)
        except Exception:
            log.exception("page cache purge failed for page %s", page_id)

    transaction.on_commit(send)


def purge_page(page) -> None:
    """Purge everything showing `page` once the surrounding transaction (if any) commits."""
    _send_after_commit(_listed(page), page.pk)


def on_publish_change(sender, instance, **kwargs) -> None:
    """Receiver for Wagtail's page_published and page_unpublished signals.

    Also purges a deleted live page: Wagtail unpublishes it (page_unpublished) in its
    pre_delete receiver, before the rows go.
    """
    purge_page(instance)


def on_restriction_change(sender, instance, **kwargs) -> None:
    """Receiver for a view restriction saved or deleted: purge its page and all under it."""
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        _send_after_commit(_listed(page.specific, with_descendants=True), page.pk)


# URLs showing a page before its move, by page id, until the move's post signal; per
# thread, since two requests may move pages at the same time.
_before_move = threading.local()


def _shows_anything(page) -> bool:
    """Whether readers can see `page` or something under it (a draft shows nowhere)."""
    return bool(page.live) or Page.objects.live().descendant_of(page).exists()


def on_move_start(sender, instance, **kwargs) -> None:
    """Receiver for Wagtail's pre_page_move: list what shows the page at its old place."""
    pending = _before_move.__dict__.setdefault("urls", {})
    pending.pop(instance.pk, None)
    try:
        visible = _shows_anything(instance)
    except Exception:
        log.exception("could not tell whether page %s is visible", instance.pk)
        visible = True
    if visible:
        pending[instance.pk] = _listed(instance, with_descendants=True)


def on_move_done(sender, instance, **kwargs) -> None:
    """Receiver for Wagtail's post_page_move: purge the old and the new places after commit."""
    pending = _before_move.__dict__.setdefault("urls", {})
    old = pending.pop(instance.pk, None)
    if old is None:  # a draft (shows nowhere), or a move that began outside this thread
        try:
            if not _shows_anything(instance):
                return
        except Exception:
            log.exception("could not tell whether page %s is visible", instance.pk)
        old = []
    # The new address first: a reader following a link from the refreshed home gets it.
    urls = list(dict.fromkeys([*_listed(instance, with_descendants=True), *old]))
    _send_after_commit(urls, instance.pk)


class PageCacheBackend(BaseBackend):
    """Empties the in-process page cache of every akhbar process on this machine."""

    def purge(self, url: str) -> None:
        self.purge_batch([url])

    def purge_batch(self, urls) -> None:
        paths = [urlsplit(url).path for url in urls]
        purge_paths(PURGE_ALL if p == "/" + PURGE_ALL else p for p in paths)


class NginxRefreshBackend(BaseBackend):
    """Has nginx re-fetch each URL from the origin and replace its cached copy.

    Debian's nginx has no PURGE method; deploy/nginx.conf instead keeps a loopback-only
    listener that shares the cache and always bypasses it, so a GET there stores the
    fresh page (or the 404 of an unpublished story) under the readers' key. LOCATION is
    that listener; HOSTS the public host names readers use (the cache key includes it);
    SCHEME the readers' scheme, passed as X-Forwarded-Proto.
    """

    def __init__(self, params: dict):
        super().__init__(params)
        self.location = params["LOCATION"].rstrip("/")
        self.hosts = list(params.get("HOSTS") or [])
        self.scheme = params.get("SCHEME", "https")
        self.concurrency = int(params.get("CONCURRENCY", 4))

    def purge(self, url: str) -> None:
        self.purge_batch([url])

    def purge_batch(self, urls) -> None:
        jobs = []
        for url in urls:
            parts = urlsplit(url)
            if parts.path.endswith("/" + PURGE_ALL):
                continue
            # Page URLs come encoded or not; readers' browsers send UTF-8 percent-encoded
            # with capital hex, and nginx keys on exactly what they send.
            target = quote(unquote(parts.path), safe="/:@!$&'()+,;=-._~")
            if parts.query:
                target += "?" + parts.query
            jobs += [(target, host) for host in self.hosts or [parts.hostname or "localhost"]]
        # A few at once: each is a fresh render at the origin, and the story's own page
        # (first in the list) should not wait behind the sitemaps.
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            list(pool.map(lambda job: self._refresh(*job), jobs))

    def _refresh(self, target: str, host: str) -> None:
        request = Request(
            self.location + target,
            headers={"Host": host, "X-Forwarded-Proto": self.scheme, "User-Agent": "akhbar-purge"},
        )
        try:
            with urlopen(request, timeout=REFRESH_TIMEOUT) as response:  # noqa: S310 - configured
                response.read()
        except OSError as exc:  # URLError, HTTPError, a timeout: log it, refresh the rest
            status = getattr(exc, "code", None)
            if status in (404, 410):  # the 404 of an unpublished story is now what nginx keeps
                return
            log.error("nginx refresh of %s for %s failed: %s", target, host, exc)
