"""Lists stay whole as stories come and go: withdrawals refill, locales stay apart, editors act."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from akhbar.discover import engine, store
from akhbar.discover.models import DiscoverDoc, DiscoverEntry, DiscoverOverride
from tests.discover.conftest import STORIES

pytestmark = pytest.mark.django_db

# Words to compose filler stories that share no phrasing with each other or the fixtures.
_WORD_TEXT = (
    "باغ کتاب دریا پہاڑ شہر گاؤں بازار مسجد سکول ہسپتال ریل سڑک پل کسان مزدور استاد طالب علم "
    "عدالت پولیس بارش دھوپ سردی گرمی فصل گندم چاول کپاس بجلی گیس پانی تیل سونا چاندی قیمت "
    "منڈی جہاز بندرگاہ ساحل جنگل درخت پرندے مچھلی میلہ کھانا لباس رنگ فلم گانا شاعر ادیب"
)
WORDS = _WORD_TEXT.split()


def add_filler(edition, n: int, hours_ago: float):
    """A story of its own (random words, seeded by n) in the 'mahoul' section."""
    rng = random.Random(n)
    headline = " ".join(rng.sample(WORDS, 6))
    body = " ".join(rng.choice(WORDS) for _ in range(60))
    from akhbar.newsroom.models import ArticlePage, SectionPage

    section = SectionPage.objects.child_of(edition).get(slug="mahoul")
    page = ArticlePage(headline=headline, standfirst=headline, live=False)
    page.body = [("paragraph", f"<p>{body}</p>")]
    section.add_child(instance=page)
    page.first_published_at = timezone.now() - timedelta(hours=hours_ago)
    page.save()
    page.save_revision().publish()
    return ArticlePage.objects.get(pk=page.pk)


def entries(article) -> list[tuple[int, str]]:
    return list(
        DiscoverEntry.objects.filter(article=article)
        .order_by("rank")
        .values_list("target_id", "reason")
    )


@pytest.fixture
def full(edition, stories):
    """The four stories and 16 fillers: every list is full (15 entries)."""
    fillers = [add_filler(edition, n, hours_ago=40 + n) for n in range(16)]
    for article in [*stories.values(), *fillers]:
        store.compute_list(article.pk)
    return stories, fillers


def test_lists_are_full_to_start_with(full):
    stories, fillers = full
    assert len(entries(stories["match"])) == engine.SIZE
    assert len(entries(fillers[0])) == engine.SIZE


def test_unpublished_related_story_leaves_and_the_list_refills(full):
    stories, _ = full
    match, squad = stories["match"], stories["squad"]
    assert (squad.pk, "related") in entries(match)
    squad.unpublish()  # e.g. an embargo put back on: Wagtail's page_unpublished → task
    after = entries(match)
    assert squad.pk not in [t for t, _ in after]
    assert len(after) == engine.SIZE
    assert len({t for t, _ in after}) == engine.SIZE
    assert not DiscoverEntry.objects.filter(target_id=squad.pk).exists()


def test_unpublished_fresh_story_is_replaced_in_every_list(full):
    stories, fillers = full
    lists_with = {
        a
        for a, r in DiscoverEntry.objects.filter(target_id=stories["flood"].pk).values_list(
            "article_id", "reason"
        )
    }
    assert len(lists_with) > 5
    stories["flood"].unpublish()
    for article_id in lists_with:
        listed = [t for t, _ in entries(type(stories["flood"])(pk=article_id))]
        assert stories["flood"].pk not in listed
        assert len(listed) == len(set(listed)) == engine.SIZE, article_id


def test_republished_story_comes_back(full):
    stories, _ = full
    match, squad = stories["match"], stories["squad"]
    squad.unpublish()
    squad.save_revision().publish()
    assert (squad.pk, "related") in entries(match)


def test_other_locale_never_enters_the_list(edition, stories):
    """A story in another language, even under this edition's pages, is not a candidate."""
    from wagtail.models import Locale

    from akhbar.newsroom.editions import ensure_edition
    from akhbar.newsroom.models import ArticlePage, SectionPage

    english = ensure_edition("en")
    _, headline, text = STORIES["squad"]
    strays = []
    for parent, locale in (
        (SectionPage.objects.child_of(english).first(), english.locale),
        (
            SectionPage.objects.child_of(edition).get(slug="khel"),
            Locale.objects.get(pk=english.locale_id),
        ),
    ):
        page = ArticlePage(
            headline=headline + " مزید", standfirst=headline, live=False, locale=locale
        )
        page.body = [("paragraph", f"<p>{text} مزید تفصیلات</p>")]
        parent.add_child(instance=page)
        page.save_revision().publish()
        strays.append(page.pk)
    assert set(DiscoverDoc.objects.filter(pk__in=strays).values_list("locale_id", flat=True)) == {
        english.locale_id
    }
    store.compute_list(stories["match"].pk)
    shown = set(
        DiscoverEntry.objects.filter(article=stories["match"]).values_list("target_id", flat=True)
    )
    assert stories["squad"].pk in shown  # the Urdu story still is
    assert not shown & set(strays)
    stray_list = set(
        DiscoverEntry.objects.filter(article_id=strays[1]).values_list("target_id", flat=True)
    )
    assert not stray_list & {s.pk for s in stories.values()}


def test_editor_pins_and_excludes_through_the_admin(admin_client, stories):
    match, budget, squad = stories["match"], stories["budget"], stories["squad"]
    add = "/admin/snippets/discover/discoveroverride/add/"
    for story, action in ((budget, "pin"), (squad, "exclude")):
        response = admin_client.post(
            add, {"article": match.pk, "story": story.pk, "action": action, "position": 0}
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    assert DiscoverOverride.objects.filter(article=match).count() == 2
    listed = entries(match)
    assert listed[0] == (budget.pk, "pinned")
    assert squad.pk not in [t for t, _ in listed]
