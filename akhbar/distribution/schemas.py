"""Every schema of the distribution API in one module (request filters and responses).

Field names are the API's contract with partner apps; the OpenAPI document at
/api/v1/openapi.json is generated from these classes, and the fuzz tests hold the
responses to it.
"""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema


class ErrorOut(Schema):
    """A refused request (bad cursor, unknown edition …)."""

    detail: str


class ValidationErrorOut(Schema):
    """A query parameter of the wrong type (django-ninja's own validation error body)."""

    detail: list[dict]


class FeedLinks(Schema):
    rss: str
    atom: str


class EditionOut(Schema):
    """One language edition of the site."""

    id: int
    language: str = Field(examples=["ur"])
    title: str
    tagline: str
    url: str | None
    feeds: FeedLinks


class SectionRef(Schema):
    id: int
    title: str
    slug: str


class SectionOut(Schema):
    """A section of an edition (سیاست, کھیل …) with its IPTC media topic."""

    id: int
    edition: str = Field(description="Language code of the section's edition.")
    title: str
    slug: str
    description: str
    iptc_code: str
    url: str | None
    feeds: FeedLinks


class ImageOut(Schema):
    """The lead picture as published: a web rendition with alt text, caption and credit."""

    url: str
    width: int
    height: int
    alt: str
    caption: str
    caption_language: str
    credit: str


class ArticleSummary(Schema):
    """A story in a list."""

    id: int
    uri: str | None = Field(description="ninjs/NewsML uri when the story came from a wire.")
    url: str | None
    headline: str
    standfirst: str
    published: datetime
    updated: datetime | None
    language: str
    section: SectionRef | None
    reading_minutes: int
    word_count: int


class ArticleList(Schema):
    """A page of stories, newest first; `next` is the URL of the following page or null."""

    results: list[ArticleSummary]
    next: str | None


class ArticleDetail(ArticleSummary):
    """One story in full."""

    body_html: str
    paragraphs: list[str]
    authors: list[str]
    agencies: list[str]
    tags: list[str]
    image: ImageOut | None
    ninjs: str = Field(description="URL of this story as an IPTC ninjs 3.1 document.")
