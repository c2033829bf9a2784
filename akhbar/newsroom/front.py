"""What the reader's pages show beyond the page's own fields: labels, lists and the edition.

Kept apart from the models so the templates get plain values (date label, reading-time
label) computed once per request in the edition's language and numerals.

Feature apps add to a page without the newsroom importing them, through two Wagtail hooks
registered in their `wagtail_hooks.py`:

- `akhbar_article_context(article, context) -> dict | None`: e.g. Discover replaces
  `discover`, Listen sets `listen` ({"template": ..., ...}).
- `akhbar_page_context(page, context) -> dict | None`: every reader page (edition, section,
  article); e.g. distribution appends safe HTML to `head_tags` (JSON-LD, Open Graph).
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator
from contextvars import ContextVar
from hashlib import blake2b
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Substr
from django.utils.functional import SimpleLazyObject
from wagtail import hooks
from wagtail.models import PageViewRestriction

from akhbar.newsroom.edition_settings import date_label as edition_date_label
from akhbar.newsroom.edition_settings import reading_time_label
from akhbar.newsroom.models.article import ArticlePage
from akhbar.newsroom.models.edition import EditionPage
from akhbar.newsroom.models.section import SectionPage
from akhbar.text import to_numerals

DISCOVER_SIZE = 15
RAIL_SIZE = 4
# Parts that change only when something is published (navigation, head tags, bylines,
# newest lists) are cached under a publish generation that every publish bumps, in two
# places: the cache (shared by every host when it is Redis) and the modification time of
# a file in AKHBAR_HOME (shared by every process on this machine, e.g. the web workers
# and the scheduler when the cache is in-process). PARTS_SECONDS bounds what a host that
# missed a bump can lag.
PARTS_SECONDS = 60
GENERATION_KEY = "akhbar:front:generation"
STEPLEN = 4  # treebeard's path step: a page's parent path is its own minus 4 characters


def _stamp() -> Path:
    return Path(settings.AKHBAR_HOME) / ".publish-generation"


# While a page is served, every part comes from the generation read when it started
# (see `one_generation`): a publish during the render cannot mix two versions in one page,
# and the page pays one cache read and one stat for it, not one per part.
_pinned: ContextVar[str | None] = ContextVar("akhbar_generation", default=None)


def generation() -> str:
    """The current publish generation (a cache read and a stat, no SQL)."""
    pinned = _pinned.get()
    if pinned is not None:
        return pinned
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = time.time_ns()
        cache.add(GENERATION_KEY, value, None)
    try:
        local = _stamp().stat().st_mtime_ns
    except OSError:
        local = 0
    return f"{value}.{local}"


@contextlib.contextmanager
def one_generation() -> Iterator[None]:
    """Serve one page from one publish generation (see `_pinned`)."""
    token = _pinned.set(generation())
    try:
        yield
    finally:
        _pinned.reset(token)


def bump_generation(**kwargs) -> None:
    """Something readers see changed: every cached part is built again on next use.

    Bumped at once and again when the transaction commits: a reader who renders between
    the two (seeing the old rows) must not keep that old part under the new generation.
    """
    _bump()
    transaction.on_commit(_bump, robust=True)


def _bump() -> None:
    now = time.time_ns()
    cache.set(GENERATION_KEY, now, None)
    stamp = _stamp()
    with contextlib.suppress(OSError):  # a read-only home: the cache's generation moves
        stamp.touch()
        os.utime(stamp, ns=(now, now))


def cached_part(name: str, key: object, build):
    """`build()`, cached per publish generation; a cache that is down means building.

    A build that finds nothing (None) is not kept: e.g. a flood of made-up story paths
    must not fill the cache; each costs its query instead.
    """
    current = generation()
    full = f"akhbar:front:{name}:{current}:{key}"
    value = cache.get(full)
    if value is None:
        value = build()
        if value is not None:
            cache.set(full, value, PARTS_SECONDS)
            _kept(current, full)
    return value


# Keys this process kept, by generation. A cache in the process (the embedded size) drops
# expired entries only when it is full, so without this every publish would leave a
# generation of parts behind until then; the shared cache (Redis) expires them itself.
_KEPT_MAX = 20_000
_kept_keys: dict[str, list[str]] = {}
_kept_lock = threading.Lock()


def _kept(current: str, key: str) -> None:
    """Remember `key` under its generation, and let go of older generations' parts."""
    with _kept_lock:
        keys = _kept_keys.setdefault(current, [])
        if len(keys) < _KEPT_MAX:
            keys.append(key)
        old = [_kept_keys.pop(g) for g in list(_kept_keys) if g != current]
    for keys in old:
        cache.delete_many(keys)


def route_story(edition: EditionPage, components: list[str]) -> ArticlePage | None:
    """The story at edition/section/story, with what its page shows joined.

    Read in one query and then kept per publish generation (the row changes only by
    publishing, unpublishing, moving or restricting it, which all bump the generation),
    so a story's readers after the first cost no query for routing. Also answers whether
    a view restriction covers the story or its ancestors (so serving it needs no second
    look at restrictions) and remembers the edition it was found in. Returns None for any
    other shape of path; the caller routes it the Wagtail way.
    """
    if len(components) != 2:
        return None
    path = blake2b("/".join(components).encode("utf-8", "surrogatepass"), digest_size=16)
    story = cached_part("route", f"{edition.pk}:{path.hexdigest()}",
                        lambda: _find_story(edition, components))
    if story is None:
        return None
    story.akhbar_edition = edition
    if "locale" not in edition._state.fields_cache and edition.locale_id == story.locale_id:
        edition.locale = story.locale  # the same row, already read
    return story


def _find_story(edition: EditionPage, components: list[str]) -> ArticlePage | None:
    ancestors = [edition.path[:i] for i in range(STEPLEN, len(edition.path) + 1, STEPLEN)]
    parent_path = Substr(OuterRef("path"), 1, len(edition.path) + STEPLEN)
    restricted = PageViewRestriction.objects.filter(
        Q(page__path__in=ancestors) | Q(page__path=parent_path) | Q(page_id=OuterRef("pk"))
    )
    story = (
        ArticlePage.objects.select_related("locale", "section", "lead_image", "recording")
        .annotate(akhbar_restricted=Exists(restricted))
        .filter(url_path=f"{edition.url_path}{components[0]}/{components[1]}/",
                path__startswith=edition.path, depth=edition.depth + 2)
        .first()
    )
    return story


def relations(article: ArticlePage) -> dict:
    """Bylines, sources and tags of the published story, as modelcluster keeps them in memory.

    Keyed by the live revision, so publishing a change is seen at once; set on the page
    they make `page.authors.all` and friends read no rows.
    """
    from akhbar.newsroom.models.article import ArticleTag

    def build() -> dict:
        return {
            "authors": list(article.authors.all()),
            "agencies": list(article.agencies.all()),
            "tagged_items": list(
                ArticleTag.objects.filter(content_object_id=article.pk)
                .select_related("tag").order_by("pk")
            ),
        }

    found = cached_part("relations", f"{article.pk}:{article.live_revision_id}", build)
    for item in found["tagged_items"]:
        item.content_object = article
    article._cluster_related_objects = {**found, "tagged_items": list(found["tagged_items"])}
    return found


def apply_hooks(page, context: dict, *names: str) -> dict:
    """Let feature apps add to (or replace parts of) a page's context, in hook order."""
    context.setdefault("head_tags", [])
    for name in names:
        for fn in hooks.get_hooks(name):
            extra = fn(page, context)
            if extra:
                context.update(extra)
    return context


def edition_of(page) -> EditionPage | None:
    """The edition (home page) a page belongs to."""
    if isinstance(page, EditionPage):
        return page
    known = getattr(page, "akhbar_edition", None)  # set when the page was routed
    if known is not None:
        return known
    return EditionPage.objects.ancestor_of(page).first()


def date_label(when, language: str, numerals: str) -> str:
    """A date as readers of this edition write it, e.g. 22 مارچ 2025."""
    if when is None:
        return ""
    return edition_date_label(when, language, numerals)  # in the edition's time zone


def newest_stories(
    edition: EditionPage, exclude: list[int] | None = None, limit: int = DISCOVER_SIZE
):
    """Live stories of an edition, newest first; the fallback Discover list.

    Cached per publish (any publish may change it), so neither the home page nor an
    article whose Discover list is still being computed pays for it on every view.
    """
    skip = set(exclude or ())
    want = limit + len(skip)

    def build() -> list[ArticlePage]:
        qs = ArticlePage.objects.live().public().descendant_of(edition)
        return list(qs.newest_first().for_listing()[:want])

    stories = cached_part("newest", f"{edition.pk}:{want}", build)
    return [s for s in stories if s.pk not in skip][:limit]


def sections(edition: EditionPage) -> list[SectionPage]:
    """The edition's live sections in navigation order."""
    return list(SectionPage.objects.live().child_of(edition).order_by("order", "title"))


def decorate(stories, language: str, numerals: str) -> list[ArticlePage]:
    """Attach the labels a story card shows."""
    for story in stories:
        story.date_label = date_label(story.first_published_at, language, numerals)
        story.reading_label = reading_time_label(story.reading_minutes, language, numerals)
    return stories


def article_parts(article: ArticlePage) -> dict:
    """Everything an article page shows besides the article's own fields."""
    edition = edition_of(article)
    if not getattr(article, "_cluster_related_objects", None) and article.live and article.pk:
        relations(article)
    language = article.language
    numerals = edition.numerals if edition else "ascii"
    # Lazy: a feature app's hook usually replaces it, and then it costs no query.
    discover = SimpleLazyObject(
        lambda: decorate(newest_stories(edition, exclude=[article.pk]) if edition else [],
                         language, numerals)
    )
    return {
        "edition": edition,
        "language": language,
        "numerals": numerals,
        # Lazy too: only the story's text shows them, and it is usually a kept part.
        "date_label": SimpleLazyObject(
            lambda: date_label(article.first_published_at, language, numerals)
        ),
        "updated_label": SimpleLazyObject(
            lambda: date_label(article.updated_at, language, numerals)
            if article.is_updated
            else ""
        ),
        "reading_label": reading_time_label(article.reading_minutes, language, numerals),
        "discover": discover,
        "nav_sections": SimpleLazyObject(
            lambda: cached_part("nav", edition.pk, lambda: sections(edition)) if edition else []
        ),
        "to_numerals": to_numerals,
    }


def edition_front(edition: EditionPage) -> dict:
    """The home page: a lead story, the next few, and a rail per section."""
    language, numerals = edition.language, edition.numerals
    nav = sections(edition)
    latest = decorate(newest_stories(edition, limit=7), language, numerals)
    shown = {s.pk for s in latest}
    rails = []
    for section in nav:
        stories = [
            s
            for s in section.stories().for_listing()[: RAIL_SIZE + len(shown)]
            if s.pk not in shown
        ][:RAIL_SIZE]
        if stories:
            rails.append((section, decorate(stories, language, numerals)))
    return {
        "edition": edition,
        "language": language,
        "lead": latest[0] if latest else None,
        "latest": latest[1:],
        "rails": rails,
        "nav_sections": nav,
    }
