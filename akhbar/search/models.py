"""The search index: one row per live, public story, holding its folded search terms.

The row is the single source both engines read: SQLite's FTS5 table is an
external-content index over these columns (kept in step by triggers, see
``akhbar.search.query.SQLITE_SCHEMA``), PostgreSQL stores their tsvector in a
generated column with a GIN index (migration 0003). Rows are written only by
``akhbar.search.indexing``, which is called from Wagtail's publish / unpublish / move /
delete signals: a row exists exactly while its story is live and public, so drafts,
embargoed and withdrawn stories are never searchable. The story's original text stays on
the page; highlighting reads it there.
"""

from __future__ import annotations

from django.db import models


class SearchDocument(models.Model):
    """The searchable form of one live story (terms are ``akhbar.text.search_terms``)."""

    page = models.OneToOneField(
        "newsroom.ArticlePage", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    locale = models.CharField(max_length=16, db_index=True, help_text="Language code.")
    edition_id = models.IntegerField(null=True, help_text="Page id of the story's edition.")
    section = models.ForeignKey(
        "newsroom.SectionPage", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published = models.DateTimeField(db_index=True)
    headline_terms = models.TextField()
    standfirst_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    joins_terms = models.TextField(
        blank=True, help_text="Adjacent terms written together, for spacing variants."
    )
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "search document"

    def __str__(self) -> str:
        return f"search document of page {self.page_id}"
