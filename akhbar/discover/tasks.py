"""Background tasks (Django's tasks API, django-tasks) that keep Discover lists current.

Enqueued from Wagtail's page_published / page_unpublished signals (akhbar.discover.signals)
and from editors' overrides. With the default ImmediateBackend they run at once; with
AKHBAR_TASKS=database a `manage.py db_worker` runs them. Arguments are plain ids, and
each task re-reads the story, so a task that runs late acts on the story as it is then.
"""

from __future__ import annotations

from django_tasks import task

from akhbar.discover import store


@task()
def story_published(article_id: int) -> int:
    """Index a published or updated story; returns the length of its new list."""
    return len(store.index_story(article_id))


@task()
def story_unpublished(article_id: int) -> None:
    """Take an unpublished story out of every list (and drop its own)."""
    store.remove_story(article_id)


@task()
def list_changed(article_id: int) -> int:
    """Recompute one article's list (an editor pinned or excluded a story)."""
    return len(store.compute_list(article_id))
