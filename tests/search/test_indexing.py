"""The index follows each story's public life: publish, update, unpublish, delete, move."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import PageViewRestriction

from akhbar.search.backends import search
from akhbar.search.indexing import reindex_all
from akhbar.search.models import SearchDocument

pytestmark = pytest.mark.django_db


def found(text: str) -> list[int]:
    return [pk for pk, _ in search(text).hits]


def test_publishing_indexes_the_story_in_folded_form(make_story):
    story = make_story("كراچي ميں بارش", "شہر کیلئے انتباہ", "پاکِسْتان کے ساحلی علاقوں میں")
    doc = SearchDocument.objects.get(pk=story.pk)
    assert doc.headline_terms == "کراچی میں بارش"
    assert "کے لیے" in doc.standfirst_terms
    assert "پاکستان" in doc.body_terms
    assert found("کراچی") == [story.pk]


def test_a_draft_is_never_indexed(make_story):
    draft = make_story("خفیہ مسودہ زیرِ غور", publish=False)
    assert not SearchDocument.objects.filter(pk=draft.pk).exists()
    assert found("مسودہ") == []


def test_unsaved_draft_changes_of_a_live_story_stay_out(make_story):
    story = make_story("پرانی سرخی بارش")
    story.headline = "نئی مسودہ سرخی"
    story.save_revision()  # a draft revision: not published
    assert found("مسودہ") == []
    assert found("بارش") == [story.pk]


def test_republishing_updates_the_index(make_story):
    story = make_story("پہلی سرخی زلزلہ")
    story.headline = "دوسری سرخی سیلاب"
    story.save_revision().publish()
    assert found("سیلاب") == [story.pk]
    assert found("زلزلہ") == []


def test_unpublishing_removes_the_story(make_story):
    story = make_story("واپس لی گئی خبر")
    story.unpublish()
    assert not SearchDocument.objects.filter(pk=story.pk).exists()
    assert found("واپس") == []


def test_unpublishing_a_section_removes_its_stories(make_story, admin_user):
    story = make_story("حصے کی خبر مہنگائی")
    section = story.get_parent().specific
    UnpublishPageAction(section, include_descendants=True, user=admin_user).execute()
    assert found("مہنگائی") == []


def test_deleting_removes_the_story(make_story):
    story = make_story("حذف ہونے والی خبر")
    pk = story.pk
    story.delete()
    assert not SearchDocument.objects.filter(pk=pk).exists()
    assert found("حذف") == []


def test_scheduled_story_is_not_searchable_until_it_goes_live(make_story):
    story = make_story("پابندی والی رپورٹ", publish=False)
    story.go_live_at = timezone.now() + timedelta(days=1)
    story.save_revision().publish()
    story.refresh_from_db()
    assert not story.live
    assert found("رپورٹ") == []


def test_moving_a_story_updates_its_section(make_story, edition):
    from akhbar.newsroom.models import SectionPage

    story = make_story("منتقل ہونے والی خبر ٹیکنالوجی")
    science = SectionPage.objects.child_of(edition).get(slug="science")
    story.move(science, pos="last-child")
    assert SearchDocument.objects.get(pk=story.pk).section_id == science.pk


def test_a_private_story_leaves_the_index(make_story):
    story = make_story("صرف اراکین کے لیے خبر")
    PageViewRestriction.objects.create(page=story, restriction_type="login")
    assert found("اراکین") == []
    PageViewRestriction.objects.filter(page=story).delete()
    assert found("اراکین") == [story.pk]


def test_reindex_all_rebuilds_from_live_stories(make_story):
    live = make_story("زندہ خبر گندم")
    make_story("مسودہ گندم", publish=False)
    SearchDocument.objects.all().delete()
    assert found("گندم") == []
    assert reindex_all() == 1
    assert found("گندم") == [live.pk]


def test_search_reindex_command(make_story, capsys):
    make_story("کپاس کی فصل")
    SearchDocument.objects.all().delete()
    call_command("search_reindex")
    assert "indexed 1 stories" in capsys.readouterr().out
    assert len(found("کپاس")) == 1


def test_embargoed_story_becomes_searchable_when_the_scheduler_publishes_it(make_story):
    from akhbar.newsroom.scheduler import backdate, publish_due

    story = make_story("پابندی ختم ہونے والی خبر زیتون", publish=False)
    story.go_live_at = timezone.now() + timedelta(hours=2)
    story.save_revision().publish()
    publish_due()  # not due yet: still embargoed
    assert found("زیتون") == []
    backdate(story)
    publish_due()
    assert found("زیتون") == [story.pk]


def test_expired_story_leaves_the_index_when_the_scheduler_runs(make_story):
    from akhbar.newsroom.scheduler import publish_due

    story = make_story("میعاد ختم ہونے والی خبر انار")
    assert found("انار") == [story.pk]
    type(story).objects.filter(pk=story.pk).update(expire_at=timezone.now() - timedelta(seconds=1))
    publish_due()
    assert not SearchDocument.objects.filter(pk=story.pk).exists()
    assert found("انار") == []


def test_a_row_that_is_not_live_is_never_returned(make_story):
    """Belt and braces: should a row outlive its story's live state (a signal missed),
    the search still checks the page is live."""
    from wagtail.models import Page

    story = make_story("بچ جانے والی قطار انجیر")
    Page.objects.filter(pk=story.pk).update(live=False)  # no signal
    assert SearchDocument.objects.filter(pk=story.pk).exists()
    assert found("انجیر") == []
