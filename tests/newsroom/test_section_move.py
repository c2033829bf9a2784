"""A moved story is under its new section everywhere readers and partners look.

Wagtail's move saves a plain Page, so `ArticlePage.section` (read by the story's section
label, the API's section filter, ninjs, feeds, search and Discover) is kept in step by
akhbar.newsroom.sections. Each test moves a story the way editors do (the admin's move
view) or the way code does (`page.move`), then reads what readers and partners get.
"""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

import pytest
from django.urls import reverse
from wagtail.actions.move_page import MovePagePermissionError
from wagtail.models import ReferenceIndex

from akhbar.discover.models import DiscoverDoc
from akhbar.newsroom.editions import ensure_edition
from akhbar.newsroom.models import ArticlePage, SectionPage
from akhbar.newsroom.sections import SectionMoveRefused
from akhbar.search.models import SearchDocument
from tests.newsroom.conftest import make_user, section
from tests.search.conftest import api_url, search_url

HEADLINE = "گوادر میں زعفران کی کاشت کا نیا منصوبہ"
SECTION_LABEL = re.compile(r'<a class="story__section" href="[^"]*">([^<]*)</a>')


@pytest.fixture
def chief(roles):
    from akhbar.newsroom.roles import CHIEF_EDITORS

    return make_user("chief", CHIEF_EDITORS)


@pytest.fixture
def published(politics, write) -> ArticlePage:
    story = write(politics, HEADLINE)
    assert story.live and story.section_id == politics.pk
    return story


def reread(story: ArticlePage) -> ArticlePage:
    return ArticlePage.objects.select_related("section").get(pk=story.pk)


def section_label(client, story: ArticlePage) -> str:
    answer = client.get(story.url)
    assert answer.status_code == 200, story.url
    found = SECTION_LABEL.findall(answer.content.decode())
    assert len(found) == 1, found
    return html.unescape(found[0])


def api_ids(client, section_value: str) -> set[int]:
    answer = client.get("/api/v1/articles", {"section": section_value})
    assert answer.status_code == 200
    return {a["id"] for a in answer.json()["results"]}


def feed(client, slug: str) -> str:
    url = reverse("distribution:section-rss", kwargs={"language": "ur", "section": slug})
    answer = client.get(url)
    assert answer.status_code == 200
    return unquote(answer.content.decode())


def searched(client, slug: str) -> list[str]:
    """Headlines the search page lists for «زعفران» within one section."""
    answer = client.get(search_url(), {"q": "زعفران", "section": slug})
    assert answer.status_code == 200
    found = re.findall(r'<h2 class="card__headline"><a [^>]*>(.*?)</a></h2>',
                       answer.content.decode())
    return [re.sub(r"</?mark>", "", h) for h in found]


def assert_everywhere_under(client, story: ArticlePage, new: SectionPage, old: SectionPage):
    """What readers and partners see of `story` names `new`, and `old` no longer lists it."""
    moved = reread(story)
    assert moved.get_parent().pk == new.pk
    assert moved.section_id == new.pk
    # The story page's section label.
    assert section_label(client, moved) == new.title
    # The read API: the section filter by slug and by id, the story's own section, ninjs.
    assert story.pk in api_ids(client, new.slug) and story.pk in api_ids(client, str(new.pk))
    assert story.pk not in api_ids(client, old.slug) | api_ids(client, str(old.pk))
    detail = client.get(f"/api/v1/articles/{story.pk}").json()
    assert detail["section"]["slug"] == new.slug
    ninjs = client.get(f"/api/v1/articles/{story.pk}.ninjs").json()
    assert ninjs["subjects"][0]["name"] == new.title
    # The section feeds and the section pages' lists.
    assert moved.slug in feed(client, new.slug) and moved.slug not in feed(client, old.slug)
    assert moved.slug in unquote(client.get(new.url).content.decode())
    assert moved.slug not in unquote(client.get(old.url).content.decode())
    # Search: the document, the section filter, and the section the API names.
    assert SearchDocument.objects.get(pk=story.pk).section_id == new.pk
    assert searched(client, new.slug) == [HEADLINE] and searched(client, old.slug) == []
    results = client.get(api_url(), {"q": "زعفران"}).json()["results"]
    assert [r["section"] for r in results] == [new.title]
    # Discover's document (its same-section picks).
    assert DiscoverDoc.objects.get(pk=story.pk).section_id == new.pk


def test_page_move_in_code_puts_the_story_under_its_new_section(
    client, published, politics, sport, chief
):
    assert section_label(client, published) == politics.title  # the page was served before
    published.move(sport, pos="last-child", user=chief)
    assert_everywhere_under(client, published, sport, politics)


def test_admin_move_view_puts_the_story_under_its_new_section(
    client, admin_client, published, politics, sport
):
    assert published.slug in feed(client, politics.slug)  # the feed was made before
    answer = admin_client.post(
        reverse("wagtailadmin_pages:move_confirm", args=[published.pk, sport.pk])
    )
    assert answer.status_code == 302
    assert_everywhere_under(client, published, sport, politics)
    # Wagtail's reference index (the admin's "used by") follows the section too.
    refs = ReferenceIndex.get_references_for_object(reread(published))
    assert {int(r.to_object_id) for r in refs if r.model_path == "section"} == {sport.pk}


def test_moving_back_restores_the_first_section(client, published, politics, sport, chief):
    published.move(sport, pos="last-child", user=chief)
    fresh = SectionPage.objects.get(pk=politics.pk)  # treebeard reads numchild from it
    reread(published).move(fresh, pos="last-child", user=chief)
    assert_everywhere_under(client, published, politics, sport)


def test_a_moved_draft_gets_its_section_and_keeps_it_when_published(
    admin_client, politics, sport, write, chief
):
    draft = write(politics, "ابھی شائع نہ ہونے والی خبر", publish=False)
    assert not draft.live and draft.section_id == politics.pk
    answer = admin_client.post(
        reverse("wagtailadmin_pages:move_confirm", args=[draft.pk, sport.pk])
    )
    assert answer.status_code == 302
    assert reread(draft).section_id == sport.pk
    assert not DiscoverDoc.objects.filter(pk=draft.pk).exists()  # a draft is not indexed
    # Its latest revision was written under the old section; publishing it must not
    # bring that back.
    reread(draft).get_latest_revision().publish()
    assert reread(draft).live and reread(draft).section_id == sport.pk
    assert DiscoverDoc.objects.get(pk=draft.pk).section_id == sport.pk


def test_reordering_within_the_section_changes_nothing(published, politics, write, chief):
    other = write(politics, "اسی حصے کی دوسری خبر")
    reread(published).move(other, pos="right", user=chief)
    assert reread(published).section_id == politics.pk
    assert DiscoverDoc.objects.get(pk=published.pk).section_id == politics.pk


def test_a_copy_is_under_the_section_it_was_copied_to(published, sport, chief):
    copy = reread(published).copy(
        to=sport, update_attrs={"slug": "copy", "uri": None}, user=chief, keep_live=False
    )
    assert reread(copy).section_id == sport.pk
    assert reread(published).section_id != sport.pk


def test_a_moved_section_keeps_its_stories_section(client, edition, published, politics):
    """A section's stories keep their parent, hence their section, wherever it goes."""
    culture = section(edition, "saqafat")
    politics.move(culture, pos="last-child")
    moved = reread(published)
    assert moved.section_id == politics.pk
    assert section_label(client, moved) == politics.title
    assert DiscoverDoc.objects.get(pk=published.pk).section_id == politics.pk


def test_a_section_moved_into_another_edition_takes_its_stories_discover_along(
    edition, published, politics, chief
):
    english = ensure_edition("en")
    # The admin's way is refused: Wagtail keeps pages in their own language's tree.
    with pytest.raises(MovePagePermissionError):
        SectionPage.objects.get(pk=politics.pk).move(english, pos="last-child", user=chief)
    assert DiscoverDoc.objects.get(pk=published.pk).edition_id == edition.pk
    # In code (no user) Wagtail moves it; the stories' section is unchanged, their edition
    # is the new one in search and in Discover.
    SectionPage.objects.get(pk=politics.pk).move(english, pos="last-child")
    assert reread(published).section_id == politics.pk
    assert SearchDocument.objects.get(pk=published.pk).edition_id == english.pk
    assert DiscoverDoc.objects.get(pk=published.pk).edition_id == english.pk


def test_a_story_moved_under_another_editions_section(published, politics, chief):
    english = ensure_edition("en")
    world = SectionPage.objects.child_of(english).first()
    with pytest.raises(MovePagePermissionError):
        reread(published).move(world, pos="last-child", user=chief)
    assert reread(published).section_id == politics.pk
    reread(published).move(world, pos="last-child")  # in code Wagtail lets it through
    assert reread(published).section_id == world.pk
    doc = DiscoverDoc.objects.get(pk=published.pk)
    assert (doc.section_id, doc.edition_id) == (world.pk, english.pk)
    assert SearchDocument.objects.get(pk=published.pk).section_id == world.pk


def test_a_story_cannot_be_moved_out_of_the_sections(
    client, admin_client, edition, published, politics, chief
):
    """parent_page_types: only a section may hold a story; a refused move changes nothing."""
    before = reread(published)
    # An editor (and the admin's move view, even for a superuser) is refused by Wagtail.
    with pytest.raises(MovePagePermissionError):
        before.move(edition, pos="last-child", user=chief)
    answer = admin_client.post(
        reverse("wagtailadmin_pages:move_confirm", args=[published.pk, edition.pk])
    )
    # Wagtail's admin answers PermissionDenied by sending the user to the dashboard.
    assert answer.status_code == 302 and answer.url == reverse("wagtailadmin_home")
    # Code with no user is refused here, before anything moves: Wagtail would not check.
    with pytest.raises(SectionMoveRefused, match="only be moved into a section"):
        reread(published).move(edition, pos="last-child")
    with pytest.raises(SectionMoveRefused):
        reread(published).move(section(edition, "khel"), pos="left")  # beside, not into
    after = reread(published)
    assert (after.path, after.url_path, after.section_id) == (
        before.path,
        before.url_path,
        politics.pk,
    )
    assert section_label(client, after) == politics.title


def test_the_edition_feed_changes_its_etag_and_address_after_a_move(
    client, published, politics, sport, chief
):
    """A feed reader holding the old ETag gets the new body, not 304 with the old address."""
    url = reverse("distribution:edition-rss", kwargs={"language": "ur"})
    before = client.get(url)
    old_address = unquote(published.url)
    assert old_address in unquote(before.content.decode())
    published.move(sport, pos="last-child", user=chief)
    after = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    body = unquote(after.content.decode())
    assert unquote(reread(published).url) in body and old_address not in body
