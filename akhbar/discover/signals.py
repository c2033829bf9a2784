"""Wagtail and Django signals that enqueue Discover's tasks (connected in apps.ready).

Tasks are enqueued where the signal fires, inside the publishing transaction: with the
database backend the task row commits (or rolls back) with the publish itself.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.signals import page_published, page_unpublished

from akhbar.discover import store, tasks
from akhbar.discover.models import DiscoverOverride
from akhbar.newsroom.models import ArticlePage


def on_published(sender, instance, **kwargs) -> None:
    tasks.story_published.enqueue(instance.pk)


def on_unpublished(sender, instance, **kwargs) -> None:
    tasks.story_unpublished.enqueue(instance.pk)


def on_deleted(sender, instance, **kwargs) -> None:
    # Synchronous: the doc (with the vocabulary to take out of the document frequencies)
    # is deleted by cascade right after this signal, before any task could read it.
    store.remove_story(instance.pk)


def on_override(sender, instance, **kwargs) -> None:
    tasks.list_changed.enqueue(instance.article_id)


def connect() -> None:
    """Connect the receivers (idempotent: each has a dispatch_uid)."""
    page_published.connect(on_published, sender=ArticlePage, dispatch_uid="discover-published")
    page_unpublished.connect(on_unpublished, sender=ArticlePage, dispatch_uid="discover-unpub")
    pre_delete.connect(on_deleted, sender=ArticlePage, dispatch_uid="discover-deleted")
    post_save.connect(on_override, sender=DiscoverOverride, dispatch_uid="discover-override")
    post_delete.connect(on_override, sender=DiscoverOverride, dispatch_uid="discover-override-del")
