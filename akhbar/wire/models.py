"""What the wire desk remembers about each agency item it has taken in."""

from __future__ import annotations

from django.db import models


class IngestRecord(models.Model):
    """One agency item by its uri: which version we hold and which story it became.

    Keyed by uri so a re-sent item is recognised (unchanged) and a newer version updates
    the same story instead of creating a second one.
    """

    uri = models.CharField(max_length=500, unique=True)
    format = models.CharField(max_length=32)
    version = models.CharField(max_length=40, blank=True)
    content_hash = models.CharField(max_length=64)
    pub_status = models.CharField(max_length=16, default="usable")
    article = models.ForeignKey(
        "newsroom.ArticlePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.uri
