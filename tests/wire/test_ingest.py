"""Importing ninjs into stories: every part kept, idempotent by uri, bad input stores nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from akhbar.newsroom.models import Agency, ArticlePage, NewsImage
from akhbar.wire.ingest import ingest_file
from akhbar.wire.models import WireEntry

pytestmark = pytest.mark.django_db


def rewrite(path: Path, **changes) -> Path:
    data = json.loads(path.read_text())
    data.update(changes)
    path.write_text(json.dumps(data, ensure_ascii=False))
    return path


def test_import_keeps_every_part(story):
    assert story.live
    assert story.section.title == "ماحولیات"
    assert story.headline.startswith("گوادر میں سمندری پانی")
    assert story.standfirst.startswith("حکام کے مطابق")
    kinds = [b.block_type for b in story.body]
    assert kinds == [
        "paragraph",
        "paragraph",
        "subhead",
        "paragraph",
        "quote",
        "paragraph",
        "paragraph",
    ]
    quote = story.body[4].value
    assert quote["attribution"] == "ڈپٹی کمشنر گوادر"
    assert story.first_published_at.isoformat().startswith("2025-04-10T04:30:00")
    assert [a.name for a in story.agencies.all()] == ["APP"]
    assert [a.name for a in story.authors.all()] == ["نمائندہ خصوصی"]
    assert sorted(t.name for t in story.tags.all()) == sorted(["گوادر", "پانی"])
    image = story.lead_image
    assert (image.caption_language, image.credit, image.width) == ("en", "AFP", 640)
    assert image.alt_text.startswith("گوادر کے ساحل")
    assert story.word_count > 200
    assert story.reading_minutes == 2


def test_reimport_is_unchanged_and_changed_text_is_a_new_revision(story, wire_dir):
    (again,) = ingest_file(wire_dir / "port-story-3x.json")
    assert again.action == "unchanged"
    revisions = story.revisions.count()
    rewrite(
        wire_dir / "port-story-3x.json",
        version="2",
        versionCreated="2025-04-10T15:00:00+05:00",
        headlines=[{"role": "main", "value": "گوادر کا پلانٹ: پہلے دن پانی کی فراہمی شروع"}],
    )
    (updated,) = ingest_file(wire_dir / "port-story-3x.json")
    assert updated.action == "updated"
    assert updated.url == again.url
    story.refresh_from_db()
    assert story.headline == "گوادر کا پلانٹ: پہلے دن پانی کی فراہمی شروع"
    assert story.revisions.count() == revisions + 1
    assert ArticlePage.objects.count() == 1
    assert NewsImage.objects.count() == 1
    assert story.is_updated


def test_canceled_item_takes_the_story_down(story, wire_dir):
    rewrite(wire_dir / "port-story-3x.json", pubStatus="canceled")
    (outcome,) = ingest_file(wire_dir / "port-story-3x.json")
    assert outcome.action == "unpublished"
    story.refresh_from_db()
    assert not story.live


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"headlines": []}, "headlines"),
        ({"firstCreated": "not a date"}, "firstCreated"),
        ({"language": "xx"}, "no edition publishes in language 'xx'"),
        (
            {
                "associations": [
                    {
                        "name": "featureimage",
                        "uri": "urn:p",
                        "renditions": [{"name": "original", "href": "missing.jpg"}],
                    }
                ]
            },
            "not found",
        ),
        (
            {
                "associations": [
                    {
                        "name": "featureimage",
                        "uri": "urn:p",
                        "renditions": [{"name": "original", "href": "../../etc/passwd"}],
                    }
                ]
            },
            "outside",
        ),
        (
            {
                "associations": [
                    {
                        "name": "featureimage",
                        "uri": "urn:p",
                        "renditions": [{"name": "original", "href": "file:///etc/passwd"}],
                    }
                ]
            },
            "neither a relative path",
        ),
        (
            {
                "associations": [
                    {
                        "name": "featureimage",
                        "uri": "urn:p",
                        "renditions": [{"name": "original", "href": "notes.txt"}],
                    }
                ]
            },
            "not a readable image",
        ),
    ],
)
def test_refused_item_names_file_and_field_and_stores_nothing(edition, wire_dir, changes, error):
    (wire_dir / "notes.txt").write_text("not a picture")
    path = rewrite(wire_dir / "port-story-3x.json", **changes)
    (outcome,) = ingest_file(path)
    assert outcome.action == "rejected"
    assert outcome.file == str(path)
    assert error in outcome.error
    assert not ArticlePage.objects.exists()
    assert not NewsImage.objects.exists()
    assert not WireEntry.objects.exists()
    assert not Agency.objects.exists()


def test_hostile_body_is_sanitized(edition, wire_dir):
    body = (
        '<p onclick="steal()">سلام <a href="javascript:alert(1)">یہاں</a>'
        '<script>alert(1)</script><img src=x onerror=alert(1)></p><iframe src="https://evil"></iframe>'
    )
    path = rewrite(
        wire_dir / "port-story-3x.json",
        bodies=[{"role": "main", "contentType": "text/html", "value": body}],
    )
    (outcome,) = ingest_file(path)
    assert outcome.action == "created"
    stored = json.dumps(list(ArticlePage.objects.get().body.raw_data), ensure_ascii=False)
    for bad in ("onclick", "javascript:", "<script", "onerror", "iframe", "alert"):
        assert bad not in stored


def test_command_json_lines_and_exit_status(edition, wire_dir, capsys):
    (wire_dir / "broken.json").write_text('{"uri": "urn:broken", "headlines": [}')
    with pytest.raises(SystemExit) as exited:
        call_command("import", str(wire_dir), "--json")
    assert exited.value.code == 1
    lines = [
        json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")
    ]
    by_action = {}
    for line in lines:
        by_action.setdefault(line["action"], []).append(line)
    assert len(by_action["created"]) == 3
    rejected = by_action["rejected"]
    assert len(rejected) == 1 and rejected[0]["file"].endswith("broken.json")
    assert "not valid JSON" in rejected[0]["error"]
    for line in by_action["created"]:
        assert line["url"].startswith("/") and line["uri"].startswith("urn:akhbar:test:")
        assert line["url"].isascii()
    call_command("import", str(wire_dir / "budget-2x.json"), "--json")
    (again,) = [json.loads(x) for x in capsys.readouterr().out.splitlines() if x.startswith("{")]
    assert again["action"] == "unchanged"


def test_sections_by_name_then_iptc_code_then_new(edition, wire_dir):
    rewrite(wire_dir / "budget-2x.json", subjects=[{"name": "کاروبار", "uri": "medtop:04000000"}])
    rewrite(wire_dir / "cricket-1x.json", subject=[{"name": "شوبز"}])
    ingest_file(wire_dir / "budget-2x.json")
    ingest_file(wire_dir / "cricket-1x.json")
    assert ArticlePage.objects.get(uri__endswith="budget-debate").section.title == "معیشت"
    assert ArticlePage.objects.get(uri__endswith="cricket-final").section.title == "شوبز"


def test_embargoed_story_is_scheduled_and_dated_from_its_embargo(edition, wire_dir):
    from datetime import timedelta

    from django.utils import timezone

    until = (timezone.now() + timedelta(hours=3)).replace(microsecond=0)
    path = rewrite(wire_dir / "port-story-3x.json", embargoedUntil=until.isoformat())
    (outcome,) = ingest_file(path)
    assert outcome.action == "created"
    article = ArticlePage.objects.get()
    assert not article.live
    assert article.go_live_at == until
    assert article.first_published_at == until
