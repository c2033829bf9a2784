"""Shared fixtures of the production tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def full_story(story, edition, wire_dir):
    """The Gwadar story with every part a page can show."""
    from django.core.files.base import ContentFile

    from akhbar.discover.models import DiscoverEntry
    from akhbar.wire.ingest import ingest_file

    for path in sorted(wire_dir.glob("*.json")):
        ingest_file(path)  # the other stories, so Discover has something to list

    from akhbar.listen.models import Recording
    from akhbar.newsroom.models import Agency, ArticlePage, Author

    page = ArticlePage.objects.get(pk=story.pk)
    page.authors.add(Author.objects.create(name="نامہ نگار خصوصی"))
    page.agencies.add(Agency.objects.get_or_create(name="اے پی پی")[0])
    page.tags.add("گوادر", "پانی")
    page.correction_note = "پہلے ورژن میں پلانٹ کی گنجائش غلط لکھی گئی تھی۔"
    page.save_revision().publish()
    page = ArticlePage.objects.get(pk=story.pk)
    rec = Recording(article=page, status=Recording.Status.READY, duration_seconds=12.5)
    rec.mp3.save("story.mp3", ContentFile(b"ID3" + b"\0" * 64), save=False)
    rec.opus.save("story.opus", ContentFile(b"OggS" + b"\0" * 64), save=False)
    rec.save()
    from akhbar.discover.store import index_story

    index_story(page.pk)
    assert DiscoverEntry.objects.filter(article_id=page.pk).exists()
    return page, rec
