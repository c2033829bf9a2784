"""Every edition the demo ships (Urdu, English, Arabic, Turkish), as `akhbar init` makes them."""

from __future__ import annotations

import pytest


@pytest.fixture
def editions(db):
    from akhbar.newsroom.editions import ensure_editions

    return {e.language: e for e in ensure_editions()}


def write_story(section, headline: str, paragraphs: list[str], *, translation_of=None,
                live: bool = True, **fields):
    """A story in `section`, published, optionally a translation of another story."""
    from akhbar.newsroom.models import ArticlePage

    body = [{"type": "paragraph", "value": f"<p>{p}</p>"} for p in paragraphs]
    page = ArticlePage(headline=headline, body=body, locale=section.locale, **fields)
    if translation_of is not None:
        page.translation_key = translation_of.translation_key
    section.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    page.refresh_from_db()
    return page
