"""`akhbar import` across formats: --json lines keep their shape; summary, --desk, --source."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from akhbar.newsroom.models import ArticlePage
from akhbar.wire.models import WireEntry, WireSource

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"


def lines(out: str) -> list[dict]:
    return [json.loads(x) for x in out.splitlines() if x.startswith("{")]


def test_json_lines_for_every_format(edition, wire_dir, capsys):
    shutil.copy(FIXTURES / "flood-newsml.xml", wire_dir)
    shutil.copy(FIXTURES / "science-atom.xml", wire_dir)
    call_command("import", str(wire_dir), "--json")
    got = lines(capsys.readouterr().out)
    assert len(got) == 5 and {g["action"] for g in got} == {"created"}
    for g in got:
        assert set(g) == {"uri", "url", "action", "file"} and g["url"].startswith("/")
    assert ArticlePage.objects.filter(live=True).count() == 5


def test_summary_line_and_rejection_naming_file_and_item(edition, wire_dir, capsys):
    doc = json.loads((wire_dir / "budget-2x.json").read_text())
    (wire_dir / "budget-2x.json").write_text(json.dumps({**doc, "bekaar": 1}))
    with pytest.raises(SystemExit) as exited:
        call_command("import", str(wire_dir))
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert (
        "budget-2x.json [urn:akhbar:test:2025-06-02:budget-debate]: bekaar: is not a ninjs" in err
    )
    assert "3 files: 2 new, 0 updated, 0 duplicate, 1 rejected, 0 unchanged" in err


def test_desk_flag_and_source_option(edition, wire_dir, capsys):
    call_command("import", str(wire_dir / "cricket-1x.json"), "--desk", "--json")
    (line,) = lines(capsys.readouterr().out)
    assert line["action"] == "created" and "url" not in line
    assert not ArticlePage.objects.exists() and WireEntry.objects.get().status == "new"
    WireSource.objects.create(
        name="PPI", kind="folder", location=str(wire_dir), credit="PPI", rule=WireSource.PUBLISH
    )
    call_command("import", str(wire_dir / "budget-2x.json"), "--source", "PPI", "--json")
    (line,) = lines(capsys.readouterr().out)
    story = ArticlePage.objects.get()
    assert line["url"] and sorted(a.name for a in story.agencies.all()) == ["AP", "PPI"]
    assert WireEntry.objects.get(uri=story.uri).source.name == "PPI"
    with pytest.raises(CommandError, match="no wire source"):
        call_command("import", str(wire_dir), "--source", "nobody")
