"""Shared fixtures: an Urdu edition, the project's own wire documents, and a picture."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

FIXTURES = Path(__file__).parent / "wire" / "fixtures"


def make_jpeg(width: int = 640, height: int = 360, colour: str = "#2a6f97") -> bytes:
    """A small real JPEG (not a stub): a coloured field with a shape on it."""
    im = Image.new("RGB", (width, height), colour)
    ImageDraw.Draw(im).ellipse((width // 4, height // 4, width // 2, height // 2), fill="#f4a261")
    out = io.BytesIO()
    im.save(out, "JPEG", quality=80)
    return out.getvalue()


@pytest.fixture
def edition(db):
    """The Urdu edition with its default sections, as `akhbar init` makes it."""
    from akhbar.newsroom.editions import ensure_edition

    return ensure_edition("ur")


@pytest.fixture
def wire_dir(tmp_path: Path) -> Path:
    """A folder of the project's own ninjs documents with the picture they point to."""
    for doc in FIXTURES.glob("*.json"):
        shutil.copy(doc, tmp_path / doc.name)
    (tmp_path / "picture.jpg").write_bytes(make_jpeg())
    return tmp_path


@pytest.fixture
def story(edition, wire_dir):
    """The Gwadar story (ninjs 3.1, with picture, English caption) imported and published."""
    from akhbar.newsroom.models import ArticlePage
    from akhbar.wire.ingest import ingest_file

    (outcome,) = ingest_file(wire_dir / "port-story-3x.json")
    assert outcome.action == "created", outcome
    return ArticlePage.objects.get(uri="urn:akhbar:test:2025-04-10:gwadar-desalination")
