"""ninjs export: read back by akhbar's own ninjs reader, and a story survives export → import."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from akhbar.distribution.ninjs import NINJS_SCHEMA, body_html
from akhbar.newsroom.models import ArticlePage
from akhbar.wire.formats import ninjs as ninjs_format
from akhbar.wire.ingest import ingest_file
from tests.distribution.builders import make_story, picture

pytestmark = pytest.mark.django_db


def export(client, story: ArticlePage) -> dict:
    response = client.get(f"/api/v1/articles/{story.pk}.ninjs")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ninjs+json; charset=utf-8"
    return json.loads(response.content)


def test_export_is_read_by_the_project_ninjs_parser(client, newsroom):
    story = newsroom.featured
    doc = export(client, story)
    assert doc["standard"] == {"name": "ninjs", "version": "3.1", "schema": NINJS_SCHEMA}
    data = json.dumps(doc, ensure_ascii=False).encode()
    assert ninjs_format.sniff(data)
    (item,) = ninjs_format.parse(data)
    assert item.uri == f"urn:uuid:{story.translation_key}"
    assert item.headline == story.headline
    assert item.standfirst == story.standfirst
    assert item.language == "ur"
    assert item.first_created == story.first_published_at
    assert item.subjects[0].name == "معیشت" and item.subjects[0].code == "04000000"
    assert item.sources == ("APP",) and item.authors == ("نمائندہ خصوصی",)
    assert item.picture.caption == "A cargo ship at the Karachi port"
    assert item.picture.credit == "Reuters"
    assert item.picture.alt == story.lead_image.alt_text
    assert item.picture.caption_language == "en"


def test_every_live_story_exports_and_parses(client, newsroom):
    for story in newsroom.live:
        data = json.dumps(export(client, story)).encode()
        (item,) = ninjs_format.parse(data)
        assert item.headline == story.headline


def test_wire_uri_is_kept(client, newsroom):
    story = make_story(newsroom.sections["sehat"], "ہسپتال میں نیا وارڈ",
                       uri="urn:agency:2025:health-ward-7")
    assert export(client, story)["uri"] == "urn:agency:2025:health-ward-7"


def snapshot(story: ArticlePage) -> dict:
    """What a reader sees of a story, for comparing an original with its imported copy."""
    story = ArticlePage.objects.get(pk=story.pk)
    image = story.lead_image
    return {
        "headline": story.headline,
        "standfirst": story.standfirst,
        "paragraphs": story.paragraphs(),
        "blocks": [b.block_type for b in story.body],
        "section": story.section.title,
        "first_published_at": story.first_published_at,
        "updated_at": story.updated_at,
        "agencies": sorted(a.name for a in story.agencies.all()),
        "authors": sorted(a.name for a in story.authors.all()),
        "picture": image and (image.caption, image.credit, image.alt_text, image.caption_language,
                              image.width, image.height),
        "body_html": body_html(story),
    }


def test_round_trip_through_the_wire_importer(client, newsroom, tmp_path: Path):
    story = make_story(
        newsroom.sections["saqafat"], "لاہور میں کتاب میلہ: قارئین کی ریکارڈ آمد",
        image=picture("mela"), authors=("ثقافتی نامہ نگار",), agencies=("APP", "Reuters"),
    )
    story.updated_at = story.first_published_at + timedelta(hours=1)
    story.save_revision().publish()
    before = snapshot(story)
    doc = export(client, story)
    # The receiving side fetches the picture the export links to; here we hand it the same
    # bytes as a file beside the document, as a partner's downloader would.
    original = story.lead_image
    shutil.copy(original.file.path, tmp_path / "picture.jpg")
    feature = doc["associations"][0]
    feature["renditions"] = [{**feature["renditions"][0], "href": "picture.jpg"}]
    (tmp_path / "story.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    # Elsewhere: the story does not exist there yet.
    story.delete()
    original.delete()
    (outcome,) = ingest_file(tmp_path / "story.json")
    assert outcome.action == "created", outcome
    copy = ArticlePage.objects.get(uri=doc["uri"])
    assert copy.live
    assert snapshot(copy) == before
