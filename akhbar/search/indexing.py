"""Keeping the search index in step with what is live: build, update and remove documents.

Wagtail tells us when a story's public life changes, and only then is the index touched:

* ``page_published``  → the story is (re)indexed from its live row;
* ``page_unpublished`` (withdrawn, expired, unpublished with its section) → removed;
* ``post_page_move``   → the moved page's stories are reindexed (edition, section may change);
* ``post_delete``      → removed (the foreign key cascades too);
* a view restriction added or removed → the stories under it are re-checked.

Saving a draft sends none of these, so a draft's text never reaches the index; the live
row is re-read from the database rather than taken from the signal's instance, which may
carry unsaved edits. Scheduled stories (go_live_at in the future) are not live until
Wagtail publishes them, which sends ``page_published``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from akhbar.newsroom.front import edition_of
from akhbar.newsroom.models import ArticlePage, SectionPage
from akhbar.search.models import SearchDocument
from akhbar.text.search_terms import joined_pairs, terms


def document_for(page: ArticlePage) -> SearchDocument:
    """The (unsaved) search document of a live story."""
    headline = terms(page.headline or page.title)
    # Tags (the wire's keywords: کرکٹ, ٹی ٹوئنٹی) weigh like the standfirst: an editor's
    # summary of what the story is about, often in words the text itself never uses.
    standfirst = terms(page.standfirst or "") + terms(" ، ".join(page.tags.names()))
    body = terms(page.body_text())
    parent = page.get_parent()
    section_id = parent.pk if parent and parent.specific_class is SectionPage else page.section_id
    edition = edition_of(page)
    return SearchDocument(
        page_id=page.pk,
        locale=page.locale.language_code if page.locale_id else "ur",
        edition_id=edition.pk if edition else None,
        section_id=section_id,
        published=page.first_published_at or page.last_published_at,
        headline_terms=" ".join(headline),
        standfirst_terms=" ".join(standfirst),
        body_terms=" ".join(body),
        joins_terms=" ".join(
            joined_pairs(headline) + joined_pairs(standfirst) + joined_pairs(body)
        ),
    )


def is_searchable(page: ArticlePage) -> bool:
    """Live, not expired, published at some time, and readable without a login."""
    return bool(
        page.live
        and not page.expired
        and (page.first_published_at or page.last_published_at)
        and not page.get_view_restrictions().exists()
    )


def index_page(page_id: int) -> bool:
    """Bring one story's document in step with its live state; True if it is now indexed."""
    page = ArticlePage.objects.filter(pk=page_id).select_related("locale").first()
    if page is None or not is_searchable(page):
        unindex(page_id)
        return False
    doc = document_for(page)
    with transaction.atomic():
        SearchDocument.objects.filter(pk=page_id).delete()
        doc.save(force_insert=True)
    return True


def unindex(page_id: int) -> None:
    """Remove a story from the index (nothing happens if it was not there)."""
    SearchDocument.objects.filter(pk=page_id).delete()


def reindex_pages(pages: Iterable[Page]) -> int:
    """Re-check every story in or under the given pages; returns how many are indexed."""
    count = 0
    for page in pages:
        ids = ArticlePage.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True)
        count += sum(index_page(pk) for pk in ids)
    return count


def reindex_all(batch: int = 500) -> int:
    """Rebuild the whole index from the live, public stories; returns how many."""
    live = ArticlePage.objects.live().public().filter(expired=False).select_related("locale")
    total = 0
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        docs: list[SearchDocument] = []
        for page in live.iterator(chunk_size=batch):
            if page.first_published_at or page.last_published_at:
                docs.append(document_for(page))
            if len(docs) >= batch:
                SearchDocument.objects.bulk_create(docs)
                total, docs = total + len(docs), []
        SearchDocument.objects.bulk_create(docs)
        total += len(docs)
    return total


# --- signal receivers (connected in SearchConfig.ready) --------------------------------


def _on_published(sender, instance, **kwargs) -> None:
    if isinstance(instance, ArticlePage):
        index_page(instance.pk)


def _on_unpublished(sender, instance, **kwargs) -> None:
    if isinstance(instance, ArticlePage):
        unindex(instance.pk)


def _on_moved(sender, instance, **kwargs) -> None:
    reindex_pages([instance])


def _on_deleted(sender, instance, **kwargs) -> None:
    unindex(instance.pk)


def _on_restriction_changed(sender, instance, **kwargs) -> None:
    if instance.page_id and Page.objects.filter(pk=instance.page_id).exists():
        reindex_pages([instance.page])


def connect() -> None:
    """Connect the receivers (idempotent: dispatch_uid)."""
    page_published.connect(_on_published, dispatch_uid="akhbar.search.published")
    page_unpublished.connect(_on_unpublished, dispatch_uid="akhbar.search.unpublished")
    post_page_move.connect(_on_moved, dispatch_uid="akhbar.search.moved")
    post_delete.connect(_on_deleted, sender=ArticlePage, dispatch_uid="akhbar.search.deleted")
    for signal in (post_save, post_delete):
        signal.connect(
            _on_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"akhbar.search.restriction.{id(signal)}",
        )
