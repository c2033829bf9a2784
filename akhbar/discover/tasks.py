"""Background tasks (Django's tasks API, django-tasks) that keep Discover lists current.

Enqueued from Wagtail's page_published / page_unpublished signals (akhbar.discover.signals)
and from editors' overrides. With the default ImmediateBackend they run at once; with
AKHBAR_TASKS=database a `manage.py db_worker` runs them. Arguments are plain ids, and
each task re-reads the story, so a task that runs late acts on the story as it is then.
"""

from __future__ import annotations

from django.db import transaction
from django_tasks import task
from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

from akhbar.discover import store
from akhbar.discover.models import DiscoverEntry
from akhbar.newsroom.front import bump_generation
from akhbar.newsroom.models import ArticlePage


def _lists_with(article_id: int) -> set[int]:
    """The articles whose stored list shows this story."""
    return set(DiscoverEntry.objects.filter(target_id=article_id).values_list("article_id",
                                                                              flat=True))


def lists_changed(article_ids: set[int]) -> None:
    """Readers see the new lists: parts kept per publish are rebuilt, cached copies of the
    articles showing them are purged (through Wagtail's frontend cache, once committed)."""
    bump_generation()
    if article_ids:
        def purge() -> None:
            purge_pages_from_cache(ArticlePage.objects.live().filter(pk__in=article_ids))

        transaction.on_commit(purge, robust=True)


@task()
def story_published(article_id: int) -> int:
    """Index a published or updated story; returns the length of its new list."""
    before = _lists_with(article_id)
    picks = store.index_story(article_id)
    lists_changed({article_id} | before | _lists_with(article_id))
    return len(picks)


@task()
def story_unpublished(article_id: int) -> None:
    """Take an unpublished story out of every list (and drop its own)."""
    before = _lists_with(article_id)
    store.remove_story(article_id)
    lists_changed(before)


@task()
def list_changed(article_id: int) -> int:
    """Recompute one article's list (an editor pinned or excluded a story)."""
    picks = store.compute_list(article_id)
    lists_changed({article_id})
    return len(picks)
