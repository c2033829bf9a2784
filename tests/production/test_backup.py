"""`akhbar backup` / `akhbar restore`: a round trip, and archives a restore must refuse.

Round trips run on whichever database the run uses (SQLite by default, PostgreSQL when
DATABASE_URL says so); hostile archives are built by hand with tarfile.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from akhbar.site import backup as bk

pytestmark = pytest.mark.django_db(transaction=True)


def media_files() -> dict[str, str]:
    root = Path(settings.MEDIA_ROOT)
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*") if p.is_file()
    }


def newsroom_state() -> tuple:
    from akhbar.newsroom.models import ArticlePage, NewsImage

    return (
        sorted(ArticlePage.objects.values_list("uri", "headline", "live")),
        sorted(NewsImage.objects.values_list("file", flat=True)),
        media_files(),
    )


@pytest.fixture
def newsroom(wagtail_tree, wire_dir):
    """An edition with the project's wire stories (and their picture) imported."""
    from akhbar.newsroom.editions import ensure_edition
    from akhbar.wire.ingest import ingest_file

    ensure_edition("ur")
    for path in sorted(wire_dir.glob("*.json")):
        ingest_file(path)
    assert media_files(), "the fixture stories bring a picture"
    return wire_dir


def test_round_trip_brings_back_database_and_media(newsroom, tmp_path):
    from akhbar.newsroom.models import ArticlePage

    before = newsroom_state()
    archive = tmp_path / "akhbar.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert names[0] == "manifest.json" and any(n.startswith("media/") for n in names)

    # The newsroom moves on: a story goes, a picture file is lost, a stray file appears.
    ArticlePage.objects.order_by("pk").first().delete()
    lost = next(Path(settings.MEDIA_ROOT).rglob("*.jpg"))
    lost.unlink()
    (Path(settings.MEDIA_ROOT) / "stray.txt").write_text("not in the backup")
    assert newsroom_state() != before

    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)
    assert newsroom_state() == before
    safety = Path(out.getvalue().split("kept in ")[1].split()[0])
    assert safety.is_file()  # the state just replaced, kept in case it was the wrong archive
    with tarfile.open(safety) as tar:
        assert "media/stray.txt" in tar.getnames()


def test_backup_is_a_consistent_sqlite_snapshot(newsroom, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    archive = tmp_path / "a.tar.gz"
    bk.backup(archive)
    staging = tmp_path / "x"
    staging.mkdir()
    manifest = bk.extract(archive, staging)
    assert manifest["database"]["member"] == bk.DB_SQLITE
    import sqlite3

    db = sqlite3.connect(staging / "database" / "akhbar.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT count(*) FROM newsroom_articlepage").fetchone()[0] >= 2


@pytest.mark.postgres
def test_round_trip_on_postgres(newsroom, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL pointing at PostgreSQL")
    from akhbar.newsroom.models import ArticlePage

    before = newsroom_state()
    archive = tmp_path / "pg.tar.gz"
    result = bk.backup(archive)
    assert result.method in (bk.DB_PGDUMP, bk.DB_JSON)
    ArticlePage.objects.all().delete()
    bk.restore(archive)
    assert newsroom_state() == before


# -- hostile and broken archives ---------------------------------------------------------


def build(path: Path, members: list[tuple[tarfile.TarInfo, bytes | None]]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for info, data in members:
            tar.addfile(info, io.BytesIO(data) if data is not None else None)
    return path


def file_member(name: str, data: bytes) -> tuple[tarfile.TarInfo, bytes]:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    return info, data


def manifest_for(files: dict[str, bytes], **extra) -> tuple[tarfile.TarInfo, bytes]:
    manifest = {
        "format": bk.FORMAT, "version": bk.VERSION, "created": "2025-04-10T00:00:00Z",
        "database": {"vendor": "sqlite", "member": bk.DB_SQLITE}, "media": "included",
        "files": {n: {"size": len(d), "sha256": hashlib.sha256(d).hexdigest()}
                  for n, d in files.items()},
        **extra,
    }
    return file_member("manifest.json", json.dumps(manifest).encode())


@pytest.fixture
def good_archive(newsroom, tmp_path) -> Path:
    archive = tmp_path / "good.tar.gz"
    bk.backup(archive)
    return archive


def refused(archive: Path, fragment: str) -> None:
    before = newsroom_state()
    with pytest.raises(CommandError, match=fragment):
        call_command("restore", str(archive), "--no-safety-copy", stdout=io.StringIO())
    assert newsroom_state() == before  # nothing was touched
    assert not list(Path(settings.MEDIA_ROOT).parent.glob(".akhbar-restore-*"))


def test_refuses_a_truncated_archive(good_archive, tmp_path):
    data = good_archive.read_bytes()
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(data[: len(data) // 2])
    refused(cut, "truncated or corrupt|incomplete")


def test_refuses_flipped_bytes(good_archive, tmp_path):
    data = bytearray(good_archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    bad = tmp_path / "flipped.tar.gz"
    bad.write_bytes(bytes(data))
    refused(bad, "truncated or corrupt|checksum|wrong size|manifest")


def test_refuses_a_foreign_archive(newsroom, tmp_path):
    refused(build(tmp_path / "f.tar.gz", [file_member("etc/passwd", b"root:x:0:0")]),
            "not an akhbar backup")
    other = file_member("manifest.json", json.dumps({"format": "someone-else"}).encode())
    refused(build(tmp_path / "g.tar.gz", [other]), "another format")
    not_gzip = tmp_path / "plain.txt"
    not_gzip.write_text("hello")
    refused(not_gzip, "truncated or corrupt")


def test_refuses_a_path_traversal_member(newsroom, tmp_path):
    evil = {"media/../../escaped.txt": b"x"}
    archive = build(tmp_path / "t.tar.gz", [manifest_for({bk.DB_SQLITE: b"db", **evil}),
                                            file_member(bk.DB_SQLITE, b"db"),
                                            file_member("media/../../escaped.txt", b"x")])
    refused(archive, "unsafe member name")
    archive = build(tmp_path / "abs.tar.gz", [manifest_for({bk.DB_SQLITE: b"db"}),
                                              file_member(bk.DB_SQLITE, b"db"),
                                              file_member("/tmp/abs.txt", b"x")])
    refused(archive, "unsafe member name")
    assert not (tmp_path.parent / "escaped.txt").exists()


def test_refuses_symlink_and_hardlink_members(newsroom, tmp_path):
    for kind in (tarfile.SYMTYPE, tarfile.LNKTYPE):
        link = tarfile.TarInfo("media/link.jpg")
        link.type, link.linkname = kind, "/etc/passwd"
        archive = build(tmp_path / f"l{kind!r}.tar.gz", [
            manifest_for({bk.DB_SQLITE: b"db", "media/link.jpg": b""}),
            file_member(bk.DB_SQLITE, b"db"), (link, None)])
        refused(archive, "link or special file")


def test_refuses_a_wrong_manifest(newsroom, tmp_path):
    # A checksum that does not match the member.
    archive = build(tmp_path / "sum.tar.gz", [manifest_for({bk.DB_SQLITE: b"good"}),
                                              file_member(bk.DB_SQLITE, b"evil")])
    refused(archive, "checksum")
    # A member the manifest does not list.
    archive = build(tmp_path / "extra.tar.gz", [manifest_for({bk.DB_SQLITE: b"db"}),
                                                file_member(bk.DB_SQLITE, b"db"),
                                                file_member("media/extra.jpg", b"x")])
    refused(archive, "not in the manifest")
    # A listed member that is missing.
    archive = build(tmp_path / "missing.tar.gz", [
        manifest_for({bk.DB_SQLITE: b"db", "media/a.jpg": b"x"}),
        file_member(bk.DB_SQLITE, b"db")])
    refused(archive, "incomplete")
    # A manifest naming a place outside database/ and media/.
    archive = build(tmp_path / "where.tar.gz", [
        manifest_for({bk.DB_SQLITE: b"db", "settings.py": b"x"}),
        file_member(bk.DB_SQLITE, b"db")])
    refused(archive, "unexpected member")


def test_refuses_a_database_that_is_not_sqlite(newsroom, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    junk = b"this is not a database file" * 10
    archive = build(tmp_path / "junk.tar.gz", [manifest_for({bk.DB_SQLITE: junk}),
                                               file_member(bk.DB_SQLITE, junk)])
    refused(archive, "database|integrity|not a database")


def test_backup_to_an_unwritable_place_is_a_clear_error(newsroom, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises((CommandError, OSError)):
        call_command("backup", str(blocker / "sub" / "a.tar.gz"), stdout=io.StringIO())
