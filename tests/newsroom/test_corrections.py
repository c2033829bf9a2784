"""Corrections, "Updated" times, revisions in the admin, and the breaking-news banner."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from akhbar.newsroom.breaking import breaking_stories
from akhbar.newsroom.models import ArticlePage

pytestmark = pytest.mark.django_db


def republish(page: ArticlePage, user, **changes) -> ArticlePage:
    page = ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    for key, value in changes.items():
        setattr(page, key, value)
    page.save_revision(user=user, log_action=True).publish(user=user, log_action=True)
    return ArticlePage.objects.get(pk=page.pk)


def test_correction_note_and_updated_time_show_on_the_page(staff, politics, write, client):
    page = write(politics, "گندم کی امدادی قیمت کا اعلان")
    ArticlePage.objects.filter(pk=page.pk).update(
        first_published_at=timezone.now() - timedelta(hours=3)
    )
    page = republish(page, staff["editor"], correction_note="پہلے ورژن میں قیمت غلط لکھی گئی تھی۔")
    assert page.updated_at and page.is_updated
    html = client.get(page.url).content.decode()
    assert "story__correction" in html and "قیمت غلط لکھی گئی" in html
    assert "story__updated" in html


def test_import_and_scheduler_do_not_stamp_updates(politics, write):
    page = write(politics, "خودکار اشاعت")
    assert not ArticlePage.objects.get(pk=page.pk).is_updated


def test_revisions_compare_and_restore_in_the_admin(staff, politics, write, client):
    page = write(politics, "پہلی سرخی", owner=staff["editor"])
    first = page.get_latest_revision()
    page = republish(page, staff["editor"], headline="دوسری سرخی")
    second = page.get_latest_revision()
    client.force_login(staff["editor"])
    history = client.get(f"/admin/pages/{page.pk}/history/")
    assert history.status_code == 200
    compare = client.get(f"/admin/pages/{page.pk}/revisions/compare/{first.pk}...{second.pk}/")
    assert compare.status_code == 200
    body = compare.content.decode()
    assert "پہلی سرخی" in body and "دوسری سرخی" in body
    revert = client.get(f"/admin/pages/{page.pk}/revisions/{first.pk}/revert/")
    assert revert.status_code == 200 and "پہلی سرخی" in revert.content.decode()


def test_breaking_banner_until_it_expires(staff, edition, politics, write, client):
    page = write(politics, "زلزلے کے جھٹکے محسوس کیے گئے")
    page = republish(
        page, staff["chief"], is_breaking=True, breaking_until=timezone.now() + timedelta(hours=1)
    )
    html = client.get(edition.url).content.decode()
    assert 'class="breaking"' in html and "زلزلے کے جھٹکے" in html
    assert breaking_stories(edition, now=timezone.now() + timedelta(hours=2)) == []
    ArticlePage.objects.filter(pk=page.pk).update(
        breaking_until=timezone.now() - timedelta(seconds=1)
    )
    assert 'class="breaking"' not in client.get(edition.url).content.decode()


def test_breaking_without_end_comes_down_after_six_hours(edition, politics, write):
    page = write(politics, "فوری خبر")
    ArticlePage.objects.filter(pk=page.pk).update(is_breaking=True)
    assert [s.pk for s in breaking_stories(edition)] == [page.pk]
    assert breaking_stories(edition, now=timezone.now() + timedelta(hours=6, minutes=1)) == []


def test_unpublished_or_embargoed_breaking_story_shows_no_banner(edition, politics, write):
    draft = write(politics, "ابھی شائع نہیں", publish=False)
    ArticlePage.objects.filter(pk=draft.pk).update(is_breaking=True)
    assert breaking_stories(edition) == []
