"""Keeping audio in step: publishing a story or changing the lexicon queues speech.

Handlers only register an ``on_commit`` callback (robust: its errors are logged), so the
speech work starts after the publish has committed and can neither block nor undo it.
Unchanged text costs one hash comparison in the task. Automatic voicing can be turned off
with ``AKHBAR_LISTEN_ON_PUBLISH = False`` (then ``akhbar listen`` does it).
"""

from __future__ import annotations

import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.signals import page_published

from akhbar.listen.models import PronunciationEntry
from akhbar.listen.tasks import enqueue_revoice, enqueue_voice
from akhbar.newsroom.models import ArticlePage

logger = logging.getLogger(__name__)


def _enabled() -> bool:
    return getattr(settings, "AKHBAR_LISTEN_ON_PUBLISH", True)


def story_published(sender, instance, **kwargs) -> None:
    """A story went live (first time or a new revision): voice it once committed."""
    if not isinstance(instance, ArticlePage) or not _enabled():
        return
    transaction.on_commit(partial(enqueue_voice, instance.pk), robust=True)


def remember_old_word(sender, instance: PronunciationEntry, **kwargs) -> None:
    """Keep the word an entry had before an edit: stories with it must be re-voiced too."""
    instance._listen_old_word = (
        PronunciationEntry.objects.filter(pk=instance.pk).values_list("word", flat=True).first()
        if instance.pk else None
    )


def lexicon_changed(sender, instance: PronunciationEntry, **kwargs) -> None:
    """An entry was added, edited or deleted: re-voice the live stories that contain it."""
    if not _enabled():
        return
    words = {instance.word, getattr(instance, "_listen_old_word", None) or ""}
    transaction.on_commit(partial(enqueue_revoice, words), robust=True)


def connect() -> None:
    """Called once from ``ListenConfig.ready``."""
    page_published.connect(story_published, dispatch_uid="listen-story-published")
    pre_save.connect(remember_old_word, sender=PronunciationEntry, dispatch_uid="listen-lex-pre")
    post_save.connect(lexicon_changed, sender=PronunciationEntry, dispatch_uid="listen-lex-save")
    post_delete.connect(lexicon_changed, sender=PronunciationEntry, dispatch_uid="listen-lex-del")
