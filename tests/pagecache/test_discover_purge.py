"""A story's card in other stories' Discover lists changes at once in their cached pages."""

from __future__ import annotations

from akhbar.discover.models import DiscoverEntry
from akhbar.newsroom.models import ArticlePage
from akhbar.wire.ingest import ingest_file


def listing_article(story, wire_dir) -> ArticlePage:
    for path in sorted(wire_dir.glob("*.json")):
        ingest_file(path)  # the other stories, whose lists may show this one
    lister = (DiscoverEntry.objects.filter(target_id=story.pk).exclude(article_id=story.pk)
              .values_list("article_id", flat=True).first())
    assert lister is not None, "no other story lists the Gwadar story"
    return ArticlePage.objects.get(pk=lister)


def test_an_edited_headline_leaves_cached_lists_at_once(
    cached, story, wire_dir, django_capture_on_commit_callbacks
):
    lister = listing_article(story, wire_dir)
    cached.get(lister.url)
    assert cached.get(lister.url).headers["x-page-cache"] == "HIT"
    page = ArticlePage.objects.get(pk=story.pk)
    page.headline = "گوادر کا پلانٹ: شہر کو پہلی بار صاف پانی ملا"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    answer = cached.get(lister.url)
    assert answer.headers["x-page-cache"] == "MISS"
    assert "شہر کو پہلی بار صاف پانی ملا" in answer.text()


def test_an_unpublished_story_leaves_cached_lists_at_once(
    cached, story, wire_dir, django_capture_on_commit_callbacks
):
    lister = listing_article(story, wire_dir)
    assert story.headline in cached.get(lister.url).text()
    assert cached.get(lister.url).headers["x-page-cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=story.pk).unpublish()
    answer = cached.get(lister.url)
    assert answer.status == 200 and story.headline not in answer.text()
