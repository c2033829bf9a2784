"""A watched folder: agency documents dropped into it are taken in once, then moved aside.

Processed documents move to `.akhbar-done/`, refused ones to `.akhbar-rejected/` (both
inside the folder), so the next poll sees only new arrivals and nothing is lost; pictures
stay where they are because the documents point at them by relative path.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

DONE = ".akhbar-done"
REJECTED = ".akhbar-rejected"
SUFFIXES = {".json", ".xml", ".rss", ".atom"}


def arrivals(folder: Path) -> Iterator[Path]:
    """Documents waiting in `folder` (not in its done/rejected folders), oldest first."""
    if not folder.is_dir():
        raise FileNotFoundError(f"watched folder {folder} does not exist")
    found = [
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(".")
    ]
    yield from sorted(found, key=lambda p: (p.stat().st_mtime, p.name))


def settle(path: Path, refused: bool) -> Path:
    """Move a processed document aside; returns where it went."""
    target_dir = path.parent / (REJECTED if refused else DONE)
    target_dir.mkdir(exist_ok=True)
    target = target_dir / path.name
    n = 1
    while target.exists():
        n += 1
        target = target_dir / f"{path.stem}.{n}{path.suffix}"
    shutil.move(str(path), target)
    return target
