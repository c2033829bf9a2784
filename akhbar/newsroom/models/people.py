"""Agencies and authors: who a story comes from and who wrote it, as editable snippets."""

from __future__ import annotations

from django.db import models
from wagtail.search import index
from wagtail.snippets.models import register_snippet


@register_snippet
class Agency(index.Indexed, models.Model):
    """A news agency a story cites or comes from (TASS, Reuters, APP …)."""

    name = models.CharField(max_length=255, unique=True)
    url = models.URLField(blank=True)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name


@register_snippet
class Author(index.Indexed, models.Model):
    """A byline: a reporter, correspondent or desk."""

    name = models.CharField(max_length=255, unique=True)
    bio = models.TextField(blank=True)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
