"""Reading a stored Discover list: one query, falling back to the newest stories.

Kept apart from `store` (which computes lists) because this runs on every article page.
"""

from __future__ import annotations

from akhbar.discover.models import DiscoverEntry
from akhbar.newsroom.front import DISCOVER_SIZE, newest_stories
from akhbar.newsroom.models import ArticlePage, EditionPage


def stored_stories(article: ArticlePage) -> list[ArticlePage] | None:
    """The article's stored list as live stories (one query), or None if not computed yet.

    Entries whose story has since been unpublished are skipped by the query itself, so a
    list never shows a story readers cannot open even before the cleanup task has run.
    Each story carries `discover_reason` (pinned / related / section / fresh).
    """
    rows = list(
        DiscoverEntry.objects.filter(article_id=article.pk)
        .select_related("target", "target__section", "target__lead_image")
        .order_by("rank")
        .only("rank", "reason", "target_id", *_story_fields())
    )
    if not rows:
        return None
    out = []
    for row in rows:
        if row.target.live and not row.target.expired:
            row.target.discover_reason = row.reason
            out.append(row.target)
    return out[:DISCOVER_SIZE]


def discover_stories(article: ArticlePage, edition: EditionPage | None) -> list[ArticlePage]:
    """The stored list, or the edition's newest stories while it is being computed."""
    stories = stored_stories(article)
    if stories is None:
        stories = newest_stories(edition, exclude=[article.pk]) if edition else []
        for story in stories:
            story.discover_reason = "fresh"
    return stories


def _story_fields() -> list[str]:
    """The columns a story card needs, read through the entry's `target` join."""
    names = ArticlePage.objects.for_listing().query.deferred_loading[0]
    return [f"target__{name}" for name in sorted(names)] + ["target__expired", "target__uri"]
