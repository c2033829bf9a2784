"""What the listen app stores: each story's recording and the editors' pronunciation lexicon."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel

from akhbar.text import normalize


class PronunciationEntry(models.Model):
    """A word and how the voice should say it (شوئیگو → شوئی گو), edited in the admin.

    Applied as a whole-word replacement before a story is spoken. Saving or deleting an
    entry re-voices the live stories that contain the word (see signals.py).
    """

    word = models.CharField(max_length=200, unique=True, help_text="As it is written in stories.")
    spoken = models.CharField(
        max_length=400, help_text="How to say it, written as it sounds (e.g. with spaces)."
    )
    note = models.CharField(max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [FieldPanel("word"), FieldPanel("spoken"), FieldPanel("note")]

    class Meta:
        ordering = ["word"]
        verbose_name = "pronunciation"
        verbose_name_plural = "pronunciation lexicon"

    def __str__(self) -> str:
        return f"{self.word} → {self.spoken}"

    def save(self, *args, **kwargs):
        # Stories are normalized before the lexicon is applied, so the key must be too.
        self.word = normalize(self.word)
        self.spoken = normalize(self.spoken)
        return super().save(*args, **kwargs)

    def clean(self) -> None:
        # Runs before the unique check, so شوئيگو (Arabic yeh) is caught as a duplicate.
        self.word = normalize(self.word)
        self.spoken = normalize(self.spoken)
        if not self.word:
            raise ValidationError({"word": "A word is needed."})
        if not any(c.isalpha() for c in self.spoken):
            raise ValidationError({"spoken": "Write how the word is said."})


def lexicon() -> dict[str, str]:
    """The whole lexicon as {word: spoken}."""
    return dict(PronunciationEntry.objects.values_list("word", "spoken"))


class Recording(models.Model):
    """The spoken version of one story, kept in step with its text.

    ``content_hash`` covers the prepared speech text, the lexicon entries used, the engine
    and the formats: the same hash is never synthesized twice. Audio is served only when
    ``status`` is ready, i.e. it matches the story as last published.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "pending"
        READY = "ready", "ready"
        FAILED = "failed", "failed"
        EMPTY = "empty", "nothing to say"

    article = models.OneToOneField(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="recording"
    )
    content_hash = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    engine = models.CharField(max_length=200, blank=True)
    opus = models.FileField(upload_to="listen/", max_length=200, blank=True)
    opus_bytes = models.PositiveIntegerField(default=0)
    mp3 = models.FileField(upload_to="listen/", max_length=200, blank=True)
    mp3_bytes = models.PositiveIntegerField(default=0)
    duration_seconds = models.FloatField(default=0)
    words = models.PositiveIntegerField(default=0, help_text="Words spoken.")
    lexicon_words = models.JSONField(default=list, blank=True)
    synthesis_seconds = models.FloatField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"recording of {self.article_id} ({self.status})"

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    def file_for(self, ext: str) -> models.fields.files.FieldFile | None:
        """The stored file of a format ("opus" or "mp3"), if there is one."""
        field = {"opus": self.opus, "mp3": self.mp3}.get(ext)
        return field if field else None

    def size_for(self, ext: str) -> int:
        return {"opus": self.opus_bytes, "mp3": self.mp3_bytes}.get(ext, 0)
