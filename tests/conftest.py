"""Shared fixtures: an Urdu edition, the project's own wire documents, and a picture."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

FIXTURES = Path(__file__).parent / "wire" / "fixtures"
CHROMIUM = os.environ.get("AKHBAR_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def make_jpeg(width: int = 640, height: int = 360, colour: str = "#2a6f97") -> bytes:
    """A small real JPEG (not a stub): a coloured field with a shape on it."""
    im = Image.new("RGB", (width, height), colour)
    ImageDraw.Draw(im).ellipse((width // 4, height // 4, width // 2, height // 2), fill="#f4a261")
    out = io.BytesIO()
    im.save(out, "JPEG", quality=80)
    return out.getvalue()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache.

    Page parts are cached by page id and revision, and a rolled-back test hands the same
    ids to the next one, so parts cached by one test must not be read by another.
    """
    from django.core.cache import cache

    cache.clear()


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


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright: one for the whole run.

    Playwright's sync API keeps an event loop running in this thread from here on, so
    Django's async guard is told that the ORM calls tests make around it are synchronous.
    """
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--autoplay-policy=no-user-gesture-required",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def artifacts() -> Path:
    """Where browser tests leave screenshots for people to look at (git ignores it)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def wagtail_tree(transactional_db):
    """Wagtail's initial rows (root page, root collection, default locale).

    A transactional test's flush empties every table, including the rows Wagtail's own
    migrations create, so browser tests lay them again before building an edition.
    """
    from wagtail.models import Collection, Locale, Page

    locale, _ = Locale.objects.get_or_create(language_code="ur")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
