"""The search part of the read API /api/v1/ (mounted in akhbar/api.py).

GET /api/v1/search?q=…&limit=… → {"results": [{uri, url, headline, published, section}],
"total"} in rank order, live public stories of the Urdu edition only. ``limit`` is 1–50
(default 10); ``q`` must hold 1–1000 characters. Anything else is a 4xx with a message.
"""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from akhbar.search.backends import search
from akhbar.search.views import MAX_QUERY_CHARS, stories_for

router = Router(tags=["search"])
MAX_LIMIT = 50


class SearchHit(Schema):
    """One story in the results."""

    uri: str
    url: str
    headline: str
    published: datetime | None
    section: str | None


class SearchOut(Schema):
    """Ranked results and how many stories match in all."""

    results: list[SearchHit]
    total: int


@router.get("/search", response=SearchOut, summary="Search live stories (Urdu-aware)")
def search_stories(
    request: HttpRequest,
    q: str = Query(..., description="Words to find, in any spelling"),
    limit: int = Query(10, ge=1, le=MAX_LIMIT, description=f"1–{MAX_LIMIT} results"),
) -> dict:
    """Stories matching ``q`` however its words are spelled, best first."""
    if not q.strip():
        raise HttpError(400, "q: type at least one word to search for")
    if len(q) > MAX_QUERY_CHARS:
        raise HttpError(400, f"q: at most {MAX_QUERY_CHARS} characters")
    result = search(q, locale="ur", limit=limit)
    results = []
    for story in stories_for(result):
        url = story.get_full_url(request) or ""
        results.append(
            {
                "uri": story.uri or url,
                "url": url,
                "headline": story.headline,
                "published": story.first_published_at,
                "section": story.section.title if story.section else None,
            }
        )
    return {"results": results, "total": result.total}
