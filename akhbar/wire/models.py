"""What the wire desk keeps: sources it reads, every item it took in, and what it refused."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class WireSource(models.Model):
    """An agency feed the desk reads: a watched folder or an HTTP(S) URL polled on a schedule.

    Everything a poll needs lives here, including the validators from the last response
    (ETag / Last-Modified) so the next request is conditional, and the defaults that fill
    what an agency leaves out (section, language, credit). `rule` says whether new copy
    waits on the desk for an editor or is published at once.
    """

    FOLDER, HTTP = "folder", "http"
    DESK, PUBLISH = "desk", "publish"

    name = models.CharField(max_length=100, unique=True)
    kind = models.CharField(
        max_length=10, choices=[(FOLDER, "Watched folder"), (HTTP, "HTTP feed")]
    )
    location = models.CharField(
        max_length=1000, help_text="Folder path, or the feed's http(s) URL."
    )
    enabled = models.BooleanField(default=True)
    internal = models.BooleanField(
        default=False,
        help_text="Allow private, loopback and link-local addresses (only for feeds inside "
        "the newsroom's own network).",
    )
    poll_minutes = models.PositiveIntegerField(default=5)
    timeout_seconds = models.PositiveIntegerField(default=10)
    max_bytes = models.PositiveIntegerField(default=10 * 1024 * 1024)
    default_section = models.ForeignKey(
        "newsroom.SectionPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(max_length=10, default="ur")
    credit = models.CharField(
        max_length=100, blank=True, help_text="Agency credit if the item names none."
    )
    rule = models.CharField(
        max_length=10,
        default=DESK,
        choices=[(DESK, "To the wire desk"), (PUBLISH, "Publish directly")],
    )
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_result = models.CharField(max_length=500, blank=True, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def is_due(self, now=None) -> bool:
        """True when the poll interval has passed since the last poll."""
        now = now or timezone.now()
        return self.last_polled_at is None or (
            (now - self.last_polled_at).total_seconds() >= self.poll_minutes * 60
        )


class WireEntry(models.Model):
    """One agency item by uri/guid: its latest version, parsed, and what became of it.

    Keyed by uri so a re-sent item is recognised and a newer version updates the same
    entry (and story). `group` points at the first entry of a set of near-duplicates, so
    the desk shows that story once; `signature` is its MinHash, `bands` index it.
    """

    NEW, USED, PUBLISHED, WITHDRAWN = "new", "used", "published", "withdrawn"
    STATUSES = [
        (NEW, "New"),
        (USED, "Used (draft story)"),
        (PUBLISHED, "Published"),
        (WITHDRAWN, "Withheld or canceled"),
    ]

    uri = models.CharField(max_length=500, unique=True)
    source = models.ForeignKey(
        WireSource, null=True, blank=True, on_delete=models.SET_NULL, related_name="entries"
    )
    format = models.CharField(max_length=32)
    version = models.CharField(max_length=40, blank=True)
    content_hash = models.CharField(max_length=64)
    pub_status = models.CharField(max_length=16, default="usable")
    status = models.CharField(max_length=10, choices=STATUSES, default=NEW, db_index=True)
    headline = models.TextField()
    standfirst = models.TextField(blank=True)
    body_html = models.TextField(blank=True, help_text="Sanitized.")
    language = models.CharField(max_length=16, blank=True, db_index=True)
    section_name = models.CharField(max_length=200, blank=True, db_index=True)
    credit = models.CharField(max_length=255, blank=True)
    link = models.URLField(max_length=2000, blank=True)
    item = models.JSONField(help_text="The parsed item, to make a story from later.")
    raw = models.TextField(blank=True, help_text="The agency document as received (capped).")
    base_path = models.CharField(
        max_length=1000, blank=True, help_text="Where relative picture paths point."
    )
    search_text = models.TextField(blank=True, help_text="Folded text for the desk's search.")
    signature = models.BinaryField(blank=True, default=b"")
    group = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    article = models.ForeignKey(
        "newsroom.ArticlePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    first_created = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name_plural = "wire entries"

    def __str__(self) -> str:
        return self.headline[:80]


class WireBand(models.Model):
    """One LSH band of an entry's MinHash: entries sharing a band key are duplicate candidates."""

    key = models.BigIntegerField(db_index=True)
    entry = models.ForeignKey(WireEntry, on_delete=models.CASCADE, related_name="bands")

    def __str__(self) -> str:
        return f"{self.key} → {self.entry_id}"


class Quarantine(models.Model):
    """A document or item the desk refused, kept with the reason so an editor can look at it."""

    source = models.ForeignKey(
        WireSource, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    location = models.CharField(max_length=1000, help_text="File path or URL it came from.")
    uri = models.CharField(max_length=500, blank=True)
    reason = models.TextField()
    raw = models.TextField(blank=True, help_text="The start of the refused document.")
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name_plural = "quarantine"

    def __str__(self) -> str:
        return f"{self.location}: {self.reason[:80]}"
