"""Deleting or moving a live story reaches readers at once, through the in-process page cache.

Every page that listed the story (home, its section, the feeds, the sitemaps) was cached
before the change; after it, none of them may still show the story, and the story's old
address no longer answers with it.
"""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from django.urls import reverse

from akhbar.newsroom.front import generation
from akhbar.newsroom.models import ArticlePage, SectionPage


def listing_urls(story: ArticlePage) -> list[str]:
    """The cached pages that show `story` while it is live."""
    section = story.get_parent().specific
    edition = section.get_parent().specific
    return [
        edition.url,
        section.url,
        reverse("distribution:edition-rss", kwargs={"language": "ur"}),
        reverse("distribution:edition-atom", kwargs={"language": "ur"}),
        reverse("distribution:section-rss", kwargs={"language": "ur", "section": section.slug}),
        reverse("distribution:sitemap", kwargs={"section": "ur"}),
    ]


def warm(cached, urls: list[str], marker: str) -> None:
    """Cache every URL and check the story is on it: the test starts from a stale risk."""
    for url in urls:
        cached.get(url)
        answer = cached.get(url)
        assert answer.headers["x-page-cache"] == "HIT", url
        assert marker in unquote(answer.text()), url


@pytest.fixture
def other_section(edition) -> SectionPage:
    section = edition.get_children().get(slug="saqafat").specific
    assert section.pk != ArticlePage.objects.get().get_parent().pk
    return section


def test_deleted_story_is_gone_from_every_cached_page_at_once(
    cached, story, django_capture_on_commit_callbacks
):
    story_url, slug = story.url, story.slug
    urls = [story_url, *listing_urls(story)]
    warm(cached, urls, slug)
    before = generation()
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=story.pk).delete()
    assert not ArticlePage.objects.filter(pk=story.pk).exists()
    assert generation() != before  # cached page parts (newest lists, Discover) rebuild
    assert cached.get(story_url).status == 404
    for url in urls[1:]:
        answer = cached.get(url)
        assert answer.headers["x-page-cache"] == "MISS", url
        assert slug not in unquote(answer.text()), url


def test_deleting_a_draft_changes_nothing_readers_see(
    cached, story, edition, django_capture_on_commit_callbacks
):
    section = story.get_parent()
    draft = ArticlePage(headline="ایک مسودہ جو کبھی شائع نہیں ہوا", live=False)
    section.add_child(instance=draft)
    warm(cached, [edition.url], story.slug)
    with django_capture_on_commit_callbacks(execute=True):
        draft.delete()
    assert cached.get(edition.url).headers["x-page-cache"] == "HIT"


def test_purge_urls_are_listed_before_the_rows_go_and_sent_after_commit(
    cached, story, purge_log, django_capture_on_commit_callbacks
):
    story_url = unquote(story.url)
    section_url = story.get_parent().url
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ArticlePage.objects.get(pk=story.pk).delete()
    # Nothing sent while the transaction is open: a reader could cache the old page again.
    assert not purge_log.exists() or story_url not in purge_log.read_text()
    for callback in callbacks:
        callback()
    logged = set(purge_log.read_text().splitlines())
    assert {story_url, section_url} <= logged


def test_deleting_a_section_empties_the_whole_cache(
    cached, story, edition, django_capture_on_commit_callbacks
):
    section = story.get_parent().specific
    warm(cached, [edition.url], story.slug)
    with django_capture_on_commit_callbacks(execute=True):
        SectionPage.objects.get(pk=section.pk).delete()
    answer = cached.get(edition.url)
    assert answer.headers["x-page-cache"] == "MISS"
    assert story.slug not in unquote(answer.text())


def test_moved_story_leaves_its_old_section_and_shows_in_the_new_one(
    cached, story, other_section, django_capture_on_commit_callbacks
):
    old_url, slug = story.url, story.slug
    old_listing = listing_urls(story)
    new_section_urls = [
        other_section.url,
        reverse(
            "distribution:section-rss", kwargs={"language": "ur", "section": other_section.slug}
        ),
    ]
    warm(cached, [old_url, *old_listing], slug)
    for url in new_section_urls:
        cached.get(url)
        assert cached.get(url).headers["x-page-cache"] == "HIT"
        assert slug not in unquote(cached.get(url).text())
    before = generation()
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=story.pk).move(other_section, pos="last-child")
    assert generation() != before
    moved = ArticlePage.objects.get(pk=story.pk)
    assert moved.get_parent().pk == other_section.pk
    assert moved.url != old_url
    # The old address no longer serves the story from the cache (404, or a redirect to
    # the new one where the redirects app made one).
    old = cached.get(old_url)
    assert old.headers.get("x-page-cache") != "HIT" and old.status != 200
    old_section, old_section_rss = old_listing[1], old_listing[4]
    for url in (old_section, old_section_rss):
        answer = cached.get(url)
        assert answer.headers["x-page-cache"] == "MISS", url
        assert slug not in unquote(answer.text()), url
    for url in new_section_urls:
        answer = cached.get(url)
        assert answer.headers["x-page-cache"] == "MISS", url
        assert slug in unquote(answer.text()), url
    home = cached.get(old_listing[0])
    assert home.headers["x-page-cache"] == "MISS"
    assert unquote(moved.url) in unquote(home.text())  # home links the new address
    assert cached.get(moved.url).status == 200


def test_moving_a_draft_changes_nothing_readers_see(
    cached, story, edition, other_section, django_capture_on_commit_callbacks
):
    draft = ArticlePage(headline="ایک اور مسودہ", live=False)
    story.get_parent().add_child(instance=draft)
    warm(cached, [edition.url], story.slug)
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=draft.pk).move(other_section, pos="last-child")
    assert cached.get(edition.url).headers["x-page-cache"] == "HIT"


@pytest.fixture
def desk(db):
    from django.contrib.auth import get_user_model
    from django.test import Client

    user = get_user_model().objects.create_superuser("desk", "desk@example.org", "x-pass-1234")
    client = Client()
    client.force_login(user)
    return client


def test_delete_and_move_from_the_admin_reach_readers(
    cached, desk, story, edition, other_section, django_capture_on_commit_callbacks
):
    """The editors' way: Wagtail's admin views, not the model methods."""
    second = ArticlePage(headline="کوئٹہ میں برف باری کا نیا ریکارڈ", live=True)
    story.get_parent().add_child(instance=second)
    second.save_revision().publish()
    warm(cached, [edition.url], story.slug)
    assert second.slug in unquote(cached.get(edition.url).text())

    with django_capture_on_commit_callbacks(execute=True):
        answer = desk.post(reverse("wagtailadmin_pages:delete", args=[second.pk]))
    assert answer.status_code == 302 and not ArticlePage.objects.filter(pk=second.pk).exists()
    home = cached.get(edition.url)
    assert home.headers["x-page-cache"] == "MISS"
    assert second.slug not in unquote(home.text()) and story.slug in unquote(home.text())

    warm(cached, [other_section.url], "")
    with django_capture_on_commit_callbacks(execute=True):
        answer = desk.post(
            reverse("wagtailadmin_pages:move_confirm", args=[story.pk, other_section.pk])
        )
    assert answer.status_code == 302
    assert ArticlePage.objects.get(pk=story.pk).get_parent().pk == other_section.pk
    moved = cached.get(other_section.url)
    assert moved.headers["x-page-cache"] == "MISS" and story.slug in unquote(moved.text())


def test_a_moved_section_purges_its_stories_old_and_new_addresses(
    cached, story, edition, purge_log, django_capture_on_commit_callbacks
):
    section = SectionPage.objects.get(pk=story.get_parent().pk)
    old_story = unquote(story.url)
    target = edition.get_children().get(slug="saqafat")
    with django_capture_on_commit_callbacks(execute=True):
        section.move(target, pos="last-child")
    new_story = unquote(ArticlePage.objects.get(pk=story.pk).url)
    assert new_story != old_story
    logged = set(purge_log.read_text().splitlines())
    assert {old_story, new_story, "*"} <= logged  # "*": the section's title was everywhere
