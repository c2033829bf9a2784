"""Discover's stored state: story features, term postings, the lists, and editors' choices.

Lists are computed in background tasks and stored, so an article page reads its list in
one query (DiscoverEntry joined to the stories) instead of scoring on every request.
The postings (DiscoverTerm) and document frequencies (DiscoverTermStat) let a publish
find the stories a new one is related to without reading the whole edition.
"""

from __future__ import annotations

from django.db import models
from wagtail.admin.panels import FieldPanel, PageChooserPanel

REASON_CHOICES = [
    ("pinned", "pinned by an editor"),
    ("related", "related"),
    ("section", "same section"),
    ("fresh", "fresh"),
]


class DiscoverDoc(models.Model):
    """Discover's view of one live, public story: what scoring needs, as of its publish.

    `data` holds the weighted terms, tags, agencies, MinHash signature, shingle count and
    the story's whole vocabulary (to take it back out of the document frequencies).
    """

    article = models.OneToOneField(
        "newsroom.ArticlePage", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    edition_id = models.IntegerField(db_index=True)
    # The story's Wagtail locale: candidates are the same edition's stories in the same
    # locale, so a translation or another language's edition never enters a list.
    locale_id = models.IntegerField(null=True)
    section_id = models.IntegerField(null=True)
    published_at = models.DateTimeField(db_index=True)
    cluster = models.IntegerField(default=0, help_text="First story of its near-duplicate group.")
    data = models.JSONField(default=dict)

    class Meta:
        indexes = [
            models.Index(fields=["edition_id", "-published_at"], name="discover_doc_newest"),
        ]

    def __str__(self) -> str:
        return f"discover doc {self.article_id}"


class DiscoverTerm(models.Model):
    """A posting: story `doc` has `term` among its heaviest terms, with this weight."""

    term = models.CharField(max_length=100)
    doc = models.ForeignKey(DiscoverDoc, on_delete=models.CASCADE, related_name="postings")
    weight = models.FloatField()

    class Meta:
        indexes = [models.Index(fields=["term", "-doc"], name="discover_term_doc")]

    def __str__(self) -> str:
        return f"{self.term} → {self.doc_id}"


class DiscoverTermStat(models.Model):
    """How many indexed stories use a term (its document frequency, for IDF)."""

    term = models.CharField(max_length=100, primary_key=True)
    df = models.IntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.term}: {self.df}"


class DiscoverEntry(models.Model):
    """One story in an article's stored Discover list, with why it was picked."""

    article = models.ForeignKey(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="discover_entries"
    )
    target = models.ForeignKey("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField(default=0.0)
    reason = models.CharField(max_length=10, choices=REASON_CHOICES)

    class Meta:
        ordering = ["article", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["article", "target"], name="discover_entry_once")
        ]
        indexes = [models.Index(fields=["article", "rank"], name="discover_entry_rank")]
        verbose_name_plural = "discover entries"

    def __str__(self) -> str:
        return f"{self.article_id} → {self.target_id} ({self.reason})"


class DiscoverOverride(models.Model):
    """An editor's choice for one article's list: always show a story, or never show it."""

    PIN = "pin"
    EXCLUDE = "exclude"

    article = models.ForeignKey(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="discover_overrides"
    )
    story = models.ForeignKey("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="+")
    action = models.CharField(max_length=10, choices=[(PIN, "pin"), (EXCLUDE, "exclude")])
    position = models.PositiveSmallIntegerField(default=0, help_text="Order among pinned stories.")

    panels = [
        PageChooserPanel("article", "newsroom.ArticlePage"),
        PageChooserPanel("story", "newsroom.ArticlePage"),
        FieldPanel("action"),
        FieldPanel("position"),
    ]

    class Meta:
        ordering = ["article", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "story"], name="discover_override_once")
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.story_id} under {self.article_id}"
