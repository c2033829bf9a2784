"""Background tasks (Django's tasks API via django-tasks): voice a story, re-voice by word.

With the default ImmediateBackend a task runs at once in the publishing process, after
the publish transaction has committed (signals.py queues it with ``on_commit``); with
``AKHBAR_TASKS=database`` a ``db_worker`` runs it. Either way a failure is recorded on
the story's ``Recording`` and retried up to ``MAX_ATTEMPTS`` times (after a growing delay
when the backend can defer), and never raises into the code that published.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from akhbar.listen import pipeline
from akhbar.listen.models import Recording
from akhbar.newsroom.models import ArticlePage

logger = logging.getLogger(__name__)

RETRY_DELAY = timedelta(minutes=2)


@task()
def voice_story(article_id: int, force: bool = False) -> str:
    """Voice one live story (no-op when its audio is current); returns the status."""
    article = ArticlePage.objects.live().filter(pk=article_id).first()
    if article is None:
        return "not live"
    rec = pipeline.voice(article, force=force)
    if rec.status == Recording.Status.FAILED and rec.attempts < pipeline.MAX_ATTEMPTS:
        enqueue_voice(article_id, delay=RETRY_DELAY * rec.attempts)
    return rec.status


@task()
def revoice_words(words: list[str]) -> int:
    """Queue every live story containing one of ``words`` (a lexicon entry changed)."""
    ids = pipeline.stories_using(set(words))
    for article_id in ids:
        enqueue_voice(article_id)
    return len(ids)


def enqueue_voice(article_id: int, *, force: bool = False, delay: timedelta | None = None) -> None:
    """Queue ``voice_story``; a backend error is logged, never raised to the publisher."""
    try:
        job = voice_story
        if delay and job.get_backend().supports_defer:
            job = job.using(run_after=timezone.now() + delay)
        job.enqueue(article_id, force)
    except Exception:  # noqa: BLE001 - publishing must not fail because audio could not queue
        logger.exception("could not queue speech for story %s", article_id)


def enqueue_revoice(words: set[str]) -> None:
    """Queue ``revoice_words``; errors are logged, never raised to the editor."""
    try:
        revoice_words.enqueue(sorted(w for w in words if w))
    except Exception:  # noqa: BLE001
        logger.exception("could not queue re-voicing for %s", sorted(words))
