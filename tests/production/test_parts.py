"""Parts kept per publish: a reader after the first costs no query, and nothing goes stale.

The article page keeps its route, edition, text, pictures and Discover cards per publish
generation (akhbar.newsroom.front, templatetags/parts.py, akhbar.site.serving). These
tests change each thing a reader sees, by each way it can change, and look at the page.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.production.test_queries import render

pytestmark = pytest.mark.django_db


def test_a_warm_article_page_costs_no_query(client, full_story):
    page, _ = full_story
    cold, _ = render(client, page)
    warm, queries = render(client, page)
    assert warm == cold
    assert queries == []


def test_after_any_publish_the_first_reader_builds_it_again_and_the_next_pays_nothing(
    client, full_story, edition
):
    from akhbar.newsroom.models import ArticlePage

    page, _ = full_story
    before, _ = render(client, page)
    other = ArticlePage.objects.live().exclude(pk=page.pk).first()
    other.save_revision().publish()
    after, queries = render(client, page)
    assert queries  # built again from the rows: the publish may have changed any part
    assert after == before
    assert render(client, page)[1] == []


def test_an_edit_is_seen_at_once_in_headline_text_and_card(client, full_story):
    from akhbar.discover.models import DiscoverEntry
    from akhbar.newsroom.models import ArticlePage

    page, _ = full_story
    lister = DiscoverEntry.objects.filter(target_id=page.pk).values_list("article_id", flat=True)
    lister = ArticlePage.objects.get(pk=lister.first())
    render(client, page)
    render(client, lister)
    page = ArticlePage.objects.get(pk=page.pk)
    page.headline = "گوادر میں پانی کا نیا منصوبہ: تازہ ترین"
    page.body = [("paragraph", "<p>یہ جملہ اشاعت کے بعد شامل کیا گیا۔</p>")]
    page.save_revision().publish()
    html, _ = render(client, page)
    assert "تازہ ترین" in html and "یہ جملہ اشاعت کے بعد شامل کیا گیا" in html
    assert "تازہ ترین" in render(client, lister)[0]  # its card in another story's Discover


def test_a_preview_is_never_kept_nor_served_from_what_is_kept(client, full_story):
    page, _ = full_story
    render(client, page)
    draft = page.specific_class.objects.get(pk=page.pk)
    draft.headline = "مسودہ: ابھی شائع نہیں ہوا"
    preview = draft.make_preview_request().content.decode()
    assert "مسودہ: ابھی شائع نہیں ہوا" in preview
    html, _ = render(client, page)
    assert "مسودہ" not in html and page.headline in html


def test_a_new_picture_caption_is_seen_without_a_publish(client, full_story):
    page, _ = full_story
    render(client, page)
    image = page.lead_image
    image.caption = "Desalination plant at dawn"
    image.save()
    assert "Desalination plant at dawn" in render(client, page)[0]


def test_a_new_discover_list_is_seen_at_once(client, full_story):
    from akhbar.discover.models import DiscoverOverride
    from akhbar.newsroom.models import ArticlePage

    page, _ = full_story
    html, _ = render(client, page)
    outsider = ArticlePage.objects.live().exclude(pk=page.pk).order_by("pk").last()
    listed = outsider.headline in html
    # An editor's pin runs the recompute task (immediately, or on the worker).
    action = DiscoverOverride.EXCLUDE if listed else DiscoverOverride.PIN
    DiscoverOverride.objects.create(article=page, story=outsider, action=action, position=0)
    from akhbar.discover.tasks import list_changed

    list_changed.call(page.pk)  # what the worker runs for the queued task
    assert (outsider.headline in render(client, page)[0]) is not listed


def test_audio_that_becomes_ready_shows_its_player_at_once(client, full_story):
    from akhbar.listen.models import Recording

    page, rec = full_story
    rec.status = Recording.Status.FAILED
    rec.save()
    assert 'class="listen__audio"' not in render(client, page)[0]
    rec.status = Recording.Status.READY
    rec.save()
    assert 'class="listen__audio"' in render(client, page)[0]


def test_a_restriction_added_without_a_publish_takes_effect_at_once(client, full_story):
    from wagtail.models import PageViewRestriction

    page, _ = full_story
    assert page.headline in render(client, page)[0]
    PageViewRestriction.objects.create(
        page=page.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(page.url)
    assert page.headline not in response.content.decode()
    assert response.status_code in (200, 302)


def test_a_site_change_is_seen_at_once(client, full_story, edition):
    """Serving keeps the site and edition: a new site name shows on the next view."""
    from wagtail.models import Site

    from akhbar.site.serving import edition_for

    page, _ = full_story
    render(client, page)
    site = Site.objects.get(is_default_site=True)
    site.site_name = "اخبار آزمائشی"
    site.save()
    with CaptureQueriesContext(connection) as ctx:
        client.get(page.url)
    assert any("wagtailcore_site" in q["sql"] for q in ctx.captured_queries)
    from django.test import RequestFactory

    request = RequestFactory().get(page.url, HTTP_HOST="testserver")
    assert edition_for(request)[0].site_name == "اخبار آزمائشی"


def test_hostile_story_paths_are_404_and_not_kept(client, edition):
    from django.core.cache import cache

    for path in ("/ur/a/" + "ب" * 3000 + "/", "/ur/x/%00/", "/ur/%D8/%FF/", "/ur/a/b/c/d/"):
        assert client.get(path).status_code in (400, 404), path
    kept = [k for k in getattr(cache, "_cache", {}) if ":front:route:" in str(k)]
    assert kept == []


def test_parts_move_on_before_a_purged_page_is_rendered_again(
    full_story, monkeypatch, django_capture_on_commit_callbacks
):
    """A reader who rendered during the publish (seeing the old rows, under the
    generation the publish moved to) must not have those parts reused after the purge."""
    from wagtail.signals import page_published

    from akhbar.newsroom.front import generation
    from akhbar.site import purge

    page, _ = full_story
    during, at_purge = [], []
    real_purge = purge.purge_now

    def purge_now(urls):
        at_purge.append(generation())
        real_purge(urls)

    def reader_during_publish(**kwargs):
        during.append(generation())

    monkeypatch.setattr(purge, "purge_now", purge_now)
    page_published.connect(reader_during_publish, dispatch_uid="test-reader-during-publish")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
    finally:
        page_published.disconnect(dispatch_uid="test-reader-during-publish")
    assert during and at_purge
    assert during[-1] not in at_purge


def test_parts_of_an_older_generation_are_let_go(client, full_story):
    """An in-process cache drops expired entries only when full: after a publish the old
    generation's parts are deleted, so memory does not grow with every publish."""
    from django.core.cache import cache

    from akhbar.newsroom.front import bump_generation

    page, _ = full_story
    render(client, page)
    before = {k for k in cache._cache if ":akhbar:front:" in k and ":generation" not in k}
    bump_generation()
    render(client, page)
    after = {k for k in cache._cache if ":akhbar:front:" in k and ":generation" not in k}
    assert before and after
    assert not before & after
