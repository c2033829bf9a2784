"""The distribution part of the read API /api/v1/ (mounted in akhbar/api.py).

Editions, sections and articles, live stories only. The article list is paged with an
opaque cursor (the position after the last story shown, signed with the site's secret),
not page numbers: a partner walking the list while stories are published neither skips
nor repeats one, and a cursor that was altered or truncated is refused with 400.
Each article is also a ninjs 3.1 document: `/articles/{id}.ninjs`, or the detail URL
with `Accept: application/ninjs+json`.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Annotated
from urllib.parse import urlencode

from django.core import signing
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import BeforeValidator

from akhbar.distribution.ninjs import MEDIA_TYPE, to_ninjs
from akhbar.distribution.schemas import (
    ArticleDetail,
    ArticleList,
    EditionOut,
    ErrorOut,
    SectionOut,
    ValidationErrorOut,
)
from akhbar.distribution.serialize import article_detail, article_summary, edition_out, section_out
from akhbar.distribution.stories import (
    Urls,
    edition_by_language,
    published_editions,
    published_sections,
    published_stories,
)

router = Router(tags=["distribution"])

CURSOR_SALT = "akhbar.distribution.api.articles"
MAX_LIMIT = 100
MAX_ID = 2**63 - 1  # the database's integer range; larger ids cannot name a story
ERRORS = {400: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _iso_only(value: object) -> object:
    """Refuse what pydantic would otherwise read as a Unix timestamp ("0.5" → 1970)."""
    if isinstance(value, str) and not ISO_DATE.match(value):
        raise ValueError("expected an ISO 8601 date-time, e.g. 2025-04-10T09:30:00+05:00")
    return value


IsoDateTime = Annotated[datetime, BeforeValidator(_iso_only)]


class ArticleFilters(Schema):
    """Query parameters of the article list (dates without a zone are read as UTC)."""

    edition: str | None = None
    section: str | None = None
    since: IsoDateTime | None = None
    until: IsoDateTime | None = None
    limit: int = 20
    cursor: str | None = None


@router.get("/editions", response={200: list[EditionOut], **ERRORS}, summary="Editions")
def editions(request: HttpRequest):
    urls = Urls(request)
    return [edition_out(e, urls) for e in published_editions()]


@router.get("/sections", response={200: list[SectionOut], **ERRORS}, summary="Sections")
def sections(request: HttpRequest, edition: str | None = None):
    urls = Urls(request)
    if edition is not None:
        found = edition_by_language(edition)
        if found is None:
            raise HttpError(404, "no such edition")
        editions = [found]
    else:
        editions = list(published_editions())
    return [section_out(s, e, urls) for e in editions for s in published_sections(e)]


def encode_cursor(published: datetime, pk: int) -> str:
    """An opaque, signed position: the story after which the next page starts."""
    return signing.dumps([published.isoformat(), pk], salt=CURSOR_SALT, compress=False)


def decode_cursor(token: str) -> tuple[datetime, int]:
    """The position a cursor names, or HttpError 400 for anything not made by encode_cursor."""
    try:
        when, pk = signing.loads(token[:500], salt=CURSOR_SALT)
        published = parse_datetime(when)
    except (signing.BadSignature, ValueError, TypeError, UnicodeError):
        raise HttpError(400, "invalid cursor") from None
    if published is None or not isinstance(pk, int) or not 0 < pk <= MAX_ID:
        raise HttpError(400, "invalid cursor")
    return published, pk


def _aware(when: datetime) -> datetime:
    return when if timezone.is_aware(when) else timezone.make_aware(when, UTC)


def _section_filter(qs, value: str):
    if value.isascii() and value.isdigit():
        number = int(value)
        return qs.filter(section_id=number) if number <= MAX_ID else qs.none()
    return qs.filter(section__slug=value)


@router.get("/articles", response={200: ArticleList, **ERRORS}, summary="Articles, newest first")
def articles(request: HttpRequest, filters: Query[ArticleFilters]):
    if not 1 <= filters.limit <= MAX_LIMIT:
        raise HttpError(400, f"limit must be between 1 and {MAX_LIMIT}")
    edition = None
    if filters.edition is not None:
        edition = edition_by_language(filters.edition)
        if edition is None:
            raise HttpError(404, "no such edition")
    qs = published_stories(edition).select_related("section")
    if filters.section:
        qs = _section_filter(qs, filters.section)
    if filters.since:
        qs = qs.filter(first_published_at__gte=_aware(filters.since))
    if filters.until:
        qs = qs.filter(first_published_at__lt=_aware(filters.until))
    if filters.cursor:
        when, pk = decode_cursor(filters.cursor)
        qs = qs.filter(Q(first_published_at__lt=when) | Q(first_published_at=when, pk__lt=pk))
    page = list(qs[: filters.limit + 1])
    more, page = len(page) > filters.limit, page[: filters.limit]
    urls = Urls(request)
    next_url = None
    if more:
        last = page[-1]
        params = {k: v for k, v in request.GET.items() if k != "cursor"}
        params["cursor"] = encode_cursor(last.first_published_at, last.pk)
        next_url = request.build_absolute_uri(f"{request.path}?{urlencode(params)}")
    return {"results": [article_summary(a, urls) for a in page], "next": next_url}


def _story(article_id: int):
    if not 0 < article_id <= MAX_ID:
        raise HttpError(404, "no such article")
    story = (
        published_stories()
        .select_related("section", "lead_image")
        .prefetch_related("authors", "agencies", "tags")
        .filter(pk=article_id)
        .first()
    )
    if story is None:
        raise HttpError(404, "no such article")
    return story


def ninjs_response(story, urls: Urls) -> HttpResponse:
    body = json.dumps(to_ninjs(story, urls), ensure_ascii=False)
    return HttpResponse(body, content_type=f"{MEDIA_TYPE}; charset=utf-8")


NINJS_CONTENT = {MEDIA_TYPE: {"schema": {"type": "object", "required": ["uri"]}}}


@router.get(
    "/articles/{article_id}.ninjs",
    response={200: dict, **ERRORS},
    summary="Article as ninjs 3.1",
    openapi_extra={"responses": {"200": {"content": NINJS_CONTENT}}},
)
def article_ninjs(request: HttpRequest, article_id: int):
    return ninjs_response(_story(article_id), Urls(request))


@router.get(
    "/articles/{article_id}",
    response={200: ArticleDetail, **ERRORS},
    summary="Article",
    openapi_extra={"responses": {"200": {"content": NINJS_CONTENT}}},
)
def article(request: HttpRequest, response: HttpResponse, article_id: int):
    story = _story(article_id)
    urls = Urls(request)
    # The same URL answers JSON or ninjs by Accept, so caches must key on it.
    response["Vary"] = "Accept"
    if MEDIA_TYPE in request.headers.get("Accept", ""):
        ninjs = ninjs_response(story, urls)
        ninjs["Vary"] = "Accept"
        return ninjs
    ninjs_url = request.build_absolute_uri(
        reverse("api-v1:article_ninjs", kwargs={"article_id": story.pk})
    )
    return article_detail(story, urls, ninjs_url)
