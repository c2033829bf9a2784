"""The discover part of the read API /api/v1/ (mounted in akhbar/api.py).

GET /api/v1/articles/{id}/discover → {"results": [{uri, url, headline, reason}]}, the
article's Discover list as the page shows it. 404 for an unknown, unpublished or private
story; an id that is not a positive 32-bit integer is refused with a 4xx, never a 500.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Path, Router, Schema
from ninja.errors import HttpError

from akhbar.discover.reader import discover_stories
from akhbar.discover.store import live_article
from akhbar.newsroom.front import edition_of

router = Router(tags=["discover"])
MAX_ID = 2**31 - 1


class DiscoverItem(Schema):
    """One story of the list, and why it is there (pinned/related/section/fresh)."""

    uri: str
    url: str
    headline: str
    reason: str


class DiscoverOut(Schema):
    """The list, in the order the page shows it."""

    results: list[DiscoverItem]


@router.get(
    "/articles/{article_id}/discover",
    response=DiscoverOut,
    summary="The stories to read next under an article",
)
def article_discover(
    request: HttpRequest,
    article_id: int = Path(..., ge=1, le=MAX_ID, description="The article's page id"),
) -> dict:
    """The article's stored Discover list (or the newest stories while it is computed)."""
    article = live_article(article_id)
    if article is None:
        raise HttpError(404, "no published article with this id")
    results = []
    for story in discover_stories(article, edition_of(article)):
        url = story.get_full_url(request) or ""
        results.append(
            {
                "uri": story.uri or url,
                "url": url,
                "headline": story.headline,
                "reason": story.discover_reason,
            }
        )
    return {"results": results}
