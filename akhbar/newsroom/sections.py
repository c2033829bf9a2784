"""A story's section follows the tree: `ArticlePage.section` is always its parent section.

`section` is stored (not read from the tree on every use) so lists, feeds, the API and
Discover can join it in one query. Saving an ArticlePage derives it (`_derive`), but
Wagtail's move saves a plain `Page`, so a moved story kept its old section everywhere it
is read from the row: the story's section label, the API's section filter, ninjs
subjects, feed categories and Discover's same-section picks. This module is the one place
that keeps it in step after a move (Wagtail's `pre_page_move`/`post_page_move`, admin or
`page.move()` alike, including the admin's bulk move):

* a moved story takes its new parent as its section, draft or live;
* a moved section (or edition) keeps its stories' section (their parent did not change),
  but when the move takes it into another edition its stories' Discover documents, which
  carry the edition, are built again;
* a story may only be moved into a section (`ArticlePage.parent_page_types`). Wagtail
  checks that only when a user is given; a move in code with no user into anything else
  is refused here, before anything is changed, with `SectionMoveRefused`.

Copies, aliases and translations need nothing here: Wagtail saves those as ArticlePage,
so `_derive` sets their section from their new parent. Search documents follow moves by
their own receiver (akhbar.search.indexing); Wagtail's own search and reference indexes
and Discover are refreshed here, through their public functions.
"""

from __future__ import annotations

from django.apps import apps
from django.db import transaction
from wagtail.actions.move_page import MovePagePermissionError
from wagtail.models import Page, ReferenceIndex
from wagtail.search import index as wagtail_index
from wagtail.signals import post_page_move, pre_page_move

from akhbar.newsroom.models import ArticlePage, EditionPage
from akhbar.newsroom.models.section import section_of_parent


class SectionMoveRefused(MovePagePermissionError):
    """A story was to be moved under a page that is not a section.

    A MovePagePermissionError (so PermissionDenied) like Wagtail's own refusal of the
    same move by a user: callers that handle one handle both, and the admin answers 403.
    """


def _edition_id(page: Page | None) -> int | None:
    if page is None:
        return None
    return (
        EditionPage.objects.ancestor_of(page, inclusive=True)
        .values_list("pk", flat=True)
        .first()
    )


def sync_section(story_id: int) -> bool:
    """Set a story's section to its parent section; True if it changed.

    An UPDATE of the one column, not a save: a save would run the page's whole save path
    (slug, counts, revisions' bookkeeping) for a value only the tree decides.
    """
    story = ArticlePage.objects.filter(pk=story_id).first()
    if story is None:
        return False
    section_id = section_of_parent(story.get_parent())
    if story.section_id == section_id:
        return False
    ArticlePage.objects.filter(pk=story_id).update(section_id=section_id)
    story.section_id = section_id
    # Wagtail's own indexes read the row through save signals, which an UPDATE does not
    # send: its search index filters on `section` (index.FilterField) and the reference
    # index tells editors which pages point at a section (e.g. before deleting it).
    wagtail_index.insert_or_update_object(story)
    with transaction.atomic():
        ReferenceIndex.create_or_update_for_object(story)
    return True


def refresh_discover(story_ids: list[int], *, left_edition: bool) -> None:
    """Build the Discover documents of moved live stories again (section, edition).

    A story that left its edition is first taken out of the lists it is in there, at once:
    they belong to the old edition's readers, and a task could run after the new index.
    """
    if not story_ids or not apps.is_installed("akhbar.discover"):
        return
    from akhbar.discover import store, tasks

    for story_id in story_ids:
        if left_edition:
            store.remove_story(story_id)
        tasks.story_published.enqueue(story_id)


def refuse_non_section_parent(sender, instance, parent_page_before, parent_page_after,
                              **kwargs) -> None:
    """Receiver for pre_page_move: a story goes only into a section (nothing moved yet)."""
    if not (isinstance(sender, type) and issubclass(sender, ArticlePage)):
        return
    if parent_page_after.pk == parent_page_before.pk:
        return  # reordering in place is left alone, as Wagtail leaves it
    if section_of_parent(parent_page_after) is None:
        raise SectionMoveRefused(
            f"A story can only be moved into a section; «{parent_page_after.title}» "
            f"(page {parent_page_after.pk}) is not one."
        )


def follow_move(sender, instance, parent_page_before, parent_page_after, **kwargs) -> None:
    """Receiver for post_page_move: the moved story's (or section's stories') section."""
    is_story = isinstance(sender, type) and issubclass(sender, ArticlePage)
    if not is_story and not ArticlePage.objects.descendant_of(instance).exists():
        return  # a page with no stories under it: nothing reads a section from it
    left_edition = _edition_id(parent_page_before) != _edition_id(parent_page_after)
    if is_story:
        changed = sync_section(instance.pk)
        if (changed or left_edition) and instance.live:
            refresh_discover([instance.pk], left_edition=left_edition)
        return
    # A section or edition moved: its stories' parent is unchanged, so is their section.
    # Only the edition can change, and Discover keeps it per story.
    if left_edition:
        live = ArticlePage.objects.live().descendant_of(instance).values_list("pk", flat=True)
        refresh_discover(list(live), left_edition=True)


def connect() -> None:
    """Connect the receivers (idempotent: dispatch_uid)."""
    pre_page_move.connect(refuse_non_section_parent, dispatch_uid="akhbar-section-move-check")
    post_page_move.connect(follow_move, dispatch_uid="akhbar-section-follows-move")
