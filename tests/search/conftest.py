"""Search fixtures: stories written for these tests, and the project's demo stories."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation


def search_url(language: str = "ur") -> str:
    """The search page of an edition, as the URL map names it (never a hard-coded path)."""
    with translation.override(language):
        return reverse("search")


def api_url() -> str:
    """GET /api/v1/search, by its name in the read API."""
    return reverse("api-v1:search_stories")


@pytest.fixture
def make_story(edition):
    """Create and publish a story: make_story(headline, standfirst="", body="", section=…)."""
    from akhbar.newsroom.bodyhtml import stream_from_html
    from akhbar.newsroom.models import ArticlePage, SectionPage

    def make(headline: str, standfirst: str = "", body: str = "", *, section: str = "siyasat",
             days_ago: float = 1, publish: bool = True) -> ArticlePage:
        parent = SectionPage.objects.child_of(edition).get(slug=section)
        page = ArticlePage(
            headline=headline,
            standfirst=standfirst,
            body=stream_from_html("".join(f"<p>{p}</p>" for p in body.split("\n") if p)),
            locale=edition.locale,
            live=False,
        )
        parent.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            page.first_published_at = timezone.now() - timedelta(days=days_ago)
            page.save()
            revision.publish()
            page.refresh_from_db()
        return page

    return make


@pytest.fixture
def demo_stories(edition):
    """The 35 demo stories, published: {file stem: ArticlePage}."""
    from akhbar.search.demo import load_demo_stories

    return load_demo_stories(edition)
