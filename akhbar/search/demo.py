"""Loading the demo stories straight into pages, for the search tests and the evaluation.

The 35 demo stories (``akhbar/newsroom/demo/stories``, ninjs) are the project's own
fixture corpus. This loader reads only the parts search looks at (headline, summary,
body, subject, date) and publishes them through Wagtail, so the index is filled by the
same ``page_published`` signal as in production, without depending on the wire app's
picture handling.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from akhbar.newsroom.bodyhtml import stream_from_html
from akhbar.newsroom.demo import STORIES_DIR
from akhbar.newsroom.editions import section_for
from akhbar.newsroom.models import ArticlePage, EditionPage


def _first(items: list[dict], role: str) -> str:
    for item in items or []:
        if item.get("role", role) == role:
            return item.get("value", "")
    return ""


def publish_story(edition: EditionPage, doc: dict) -> ArticlePage:
    """Publish one ninjs document as a story of ``edition`` (existing uri: returned as is)."""
    found = ArticlePage.objects.filter(uri=doc["uri"]).first()
    if found is not None:
        return found
    subject = (doc.get("subjects") or [{}])[0]
    code = subject.get("uri", "").rstrip("/").rsplit("/", 1)[-1]
    section = section_for(edition, subject.get("name", ""), code)
    page = ArticlePage(
        headline=_first(doc.get("headlines"), "main"),
        standfirst=_first(doc.get("descriptions"), "summary"),
        body=stream_from_html(_first(doc.get("bodies"), "main")),
        locale=edition.locale,
        uri=doc["uri"],
        live=False,
    )
    section.add_child(instance=page)
    page.tags.add(*[k[:100] for k in doc.get("keywords", [])])
    page.first_published_at = datetime.fromisoformat(doc["firstCreated"])
    page.save()
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def load_demo_stories(edition: EditionPage, folder: Path = STORIES_DIR) -> dict[str, ArticlePage]:
    """Publish every demo story: {file stem: page}."""
    out = {}
    for path in sorted(folder.glob("*.json")):
        out[path.stem] = publish_story(edition, json.loads(path.read_text(encoding="utf-8")))
    return out
