"""One-file backups of a newsroom: the database and the media, with a checksummed manifest.

An archive is a gzip'd tar holding `manifest.json` first, then `database/…` and `media/…`.
The manifest lists every other member with its size and SHA-256, so a restore can refuse
an archive that is truncated, altered, or not ours before it touches anything.

The database part depends on the engine:

- SQLite: SQLite's online backup API copies a consistent snapshot while the site keeps
  serving and writing (WAL), and restores the same way *into* the live database, in one
  step, so readers see either the old or the restored newsroom, never half of each.
- PostgreSQL: `pg_dump --format=custom` when the client tools are installed (fast, exact,
  and `pg_restore --single-transaction --clean` restores all or nothing). Without them,
  or when pg_dump refuses the server (an older client than the server), Django's
  `dumpdata`/`loaddata` inside one transaction: slower, but needs nothing but Python.

Media goes to a staging folder next to MEDIA_ROOT and is swapped in by renaming, after
the database has been restored; the folder it replaces is kept until the swap succeeded.
Before every restore the current state is itself backed up (see `restore`), so a restore
never loses anything, even when it was the wrong archive.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction

FORMAT = "akhbar-backup"
VERSION = 1
MANIFEST = "manifest.json"
DB_SQLITE = "database/akhbar.sqlite3"
DB_PGDUMP = "database/akhbar.pgdump"
DB_JSON = "database/akhbar.json"
MEDIA = "media"
CHUNK = 1 << 20
MAX_MANIFEST = 16 << 20


class BackupError(Exception):
    """The archive cannot be made or must not be restored; the message says why."""


@dataclass
class Result:
    path: Path
    method: str
    files: int
    bytes: int


# -- making an archive -----------------------------------------------------------------


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _dump_sqlite(target: Path) -> None:
    """A consistent copy of the live database, taken while it keeps serving."""
    connection.ensure_connection()
    dest = sqlite3.connect(target)
    try:
        connection.connection.backup(dest)
    finally:
        dest.close()


def _pg_env() -> tuple[list[str], dict[str, str]]:
    """libpq connection arguments and environment for the current database."""
    s = connection.settings_dict
    args = ["--dbname", s["NAME"]]
    if s.get("HOST"):
        args += ["--host", s["HOST"]]
    if s.get("PORT"):
        args += ["--port", str(s["PORT"])]
    if s.get("USER"):
        args += ["--username", s["USER"]]
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = s["PASSWORD"]
    return args, env


def _dump_postgres(folder: Path) -> str:
    """Dump with pg_dump when it can; else dumpdata. Returns the member name written."""
    if shutil.which("pg_dump"):
        args, env = _pg_env()
        target = folder / Path(DB_PGDUMP).name
        done = subprocess.run(  # noqa: S603 - fixed program, arguments from settings
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
             "--file", str(target), *args],
            env=env, capture_output=True, text=True, check=False,
        )
        if done.returncode == 0:
            return DB_PGDUMP
        target.unlink(missing_ok=True)
    target = folder / Path(DB_JSON).name
    with target.open("w", encoding="utf-8") as fh:
        call_command("dumpdata", natural_foreign=False, indent=None, stdout=fh,
                     exclude=["sessions"])
    return DB_JSON


def _media_root() -> Path | None:
    """MEDIA_ROOT when media is kept on this machine (not on S3)."""
    backend = settings.STORAGES.get("default", {}).get("BACKEND", "")
    if not backend.endswith("FileSystemStorage"):
        return None
    return Path(settings.MEDIA_ROOT)


def backup(path: Path | str) -> Result:
    """Write a backup archive to `path` (replacing it only once complete)."""
    path = Path(path).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="akhbar-backup-", dir=path.parent) as tmp:
        folder = Path(tmp)
        if connection.vendor == "sqlite":
            db_member = DB_SQLITE
            _dump_sqlite(folder / Path(DB_SQLITE).name)
        elif connection.vendor == "postgresql":
            db_member = _dump_postgres(folder)
        else:
            raise BackupError(f"cannot back up a {connection.vendor} database")
        members: list[tuple[str, Path]] = [(db_member, folder / Path(db_member).name)]
        media = _media_root()
        if media is not None and media.is_dir():
            for file in sorted(media.rglob("*")):
                if file.is_file() and not file.is_symlink():
                    rel = file.relative_to(media).as_posix()
                    members.append((f"{MEDIA}/{rel}", file))
        files = {}
        for name, source in members:
            files[name] = {"size": source.stat().st_size, "sha256": _sha256(source)}
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "database": {"vendor": connection.vendor, "member": db_member},
            "media": "included" if media is not None else "external",
            "files": files,
        }
        partial = folder / "archive.partial"
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(time.time())
            tar.addfile(info, io.BytesIO(data))
            for name, source in members:
                tar.add(source, arcname=name, recursive=False)
        os.replace(partial, path)
    total = sum(f["size"] for f in files.values())
    return Result(path, db_member, len(files), total)


# -- checking and restoring --------------------------------------------------------------


def _safe_name(name: str) -> str:
    """The member name if it is a plain relative path inside the archive, else refuse."""
    pure = PurePosixPath(name)
    if (not name or name.startswith("/") or "\\" in name or pure.is_absolute()
            or any(part in ("", ".", "..") for part in name.split("/"))):
        raise BackupError(f"refusing archive: unsafe member name {name!r}")
    return name


def _read_manifest(tar: tarfile.TarFile) -> dict:
    first = tar.next()
    if first is None or first.name != MANIFEST or not first.isfile():
        raise BackupError("not an akhbar backup: the archive does not start with manifest.json")
    if first.size > MAX_MANIFEST:
        raise BackupError("refusing archive: manifest.json is implausibly large")
    try:
        manifest = json.loads(tar.extractfile(first).read())
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError(f"not an akhbar backup: manifest.json is not JSON ({exc})") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("not an akhbar backup: manifest.json names another format")
    if manifest.get("version") != VERSION:
        raise BackupError(f"backup format version {manifest.get('version')!r} is not "
                          f"{VERSION}; use the akhbar release that wrote it")
    files = manifest.get("files")
    db = manifest.get("database") or {}
    if not isinstance(files, dict) or db.get("member") not in files:
        raise BackupError("refusing archive: the manifest lists no database")
    if db["member"] not in (DB_SQLITE, DB_PGDUMP, DB_JSON):
        raise BackupError(f"refusing archive: unknown database member {db['member']!r}")
    for name, entry in files.items():
        _safe_name(name)
        if not (name.startswith(f"{MEDIA}/") or name == db["member"]):
            raise BackupError(f"refusing archive: unexpected member {name!r} in the manifest")
        if (not isinstance(entry, dict) or not isinstance(entry.get("size"), int)
                or not isinstance(entry.get("sha256"), str)):
            raise BackupError(f"refusing archive: bad manifest entry for {name!r}")
    return manifest


def extract(path: Path, staging: Path) -> dict:
    """Check the whole archive against its manifest while unpacking it into `staging`.

    Only regular files named in the manifest, with matching size and checksum, are
    written; anything else (links, devices, `..`, extra or missing members, a truncated
    or corrupt stream) raises BackupError and leaves nothing outside `staging`.
    """
    seen: set[str] = set()
    try:
        with tarfile.open(path, "r:gz") as tar:
            manifest = _read_manifest(tar)
            files = manifest["files"]
            while (member := tar.next()) is not None:
                name = _safe_name(member.name)
                if member.isdir():
                    continue
                if not member.isfile():
                    raise BackupError(f"refusing archive: {name!r} is a link or special file")
                if name not in files or name in seen:
                    raise BackupError(f"refusing archive: {name!r} is not in the manifest "
                                      "or appears twice")
                entry = files[name]
                if member.size != entry["size"]:
                    raise BackupError(f"refusing archive: {name!r} has the wrong size")
                target = staging.joinpath(*name.split("/"))
                if staging.resolve() not in target.resolve().parents:
                    raise BackupError(f"refusing archive: {name!r} leaves the staging folder")
                target.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                with tar.extractfile(member) as src, target.open("wb") as dst:
                    while chunk := src.read(CHUNK):
                        digest.update(chunk)
                        dst.write(chunk)
                if digest.hexdigest() != entry["sha256"]:
                    raise BackupError(f"refusing archive: {name!r} does not match its checksum")
                seen.add(name)
    except (tarfile.TarError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise BackupError(f"the archive is truncated or corrupt ({exc})") from exc
    missing = set(files) - seen
    if missing:
        raise BackupError(f"the archive is incomplete: {len(missing)} file(s) missing, "
                          f"e.g. {sorted(missing)[0]!r}")
    return manifest


def _restore_sqlite(source: Path) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        try:
            ok = src.execute("PRAGMA integrity_check").fetchone()[0]
            src.execute("SELECT count(*) FROM django_migrations").fetchone()
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"the archived database is not a usable akhbar database "
                              f"({exc}); nothing was changed") from exc
        if ok != "ok":
            raise BackupError(f"the archived database fails SQLite's integrity check: {ok}")
        connection.ensure_connection()
        # One backup step copies every page under a write lock: all or nothing.
        src.backup(connection.connection)
    finally:
        src.close()


def _restore_postgres(source: Path, member: str) -> None:
    if member == DB_PGDUMP:
        if not shutil.which("pg_restore"):
            raise BackupError("this archive holds a pg_dump file; install pg_restore "
                              "(postgresql-client) to restore it")
        args, env = _pg_env()
        connection.close()
        done = subprocess.run(  # noqa: S603 - fixed program, arguments from settings
            ["pg_restore", "--single-transaction", "--clean", "--if-exists", "--no-owner",
             "--no-privileges", "--exit-on-error", *args, str(source)],
            env=env, capture_output=True, text=True, check=False,
        )
        if done.returncode != 0:
            raise BackupError(f"pg_restore failed; the database is unchanged:\n{done.stderr}")
        return
    with transaction.atomic():
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        call_command("loaddata", str(source), verbosity=0)


def _swap_media(staged: Path | None) -> None:
    media = _media_root()
    if media is None:
        return
    staged = staged if staged is not None and staged.is_dir() else None
    old = media.with_name(f"{media.name}.replaced-{time.time_ns()}")
    if media.exists():
        os.replace(media, old)
    if staged is not None:
        os.replace(staged, media)
    else:
        media.mkdir(parents=True)
    shutil.rmtree(old, ignore_errors=True)


def restore(path: Path | str, *, safety_copy: Path | None = None) -> dict:
    """Replace this newsroom's database and media with the archive's.

    The archive is checked in full before anything changes. When `safety_copy` is given,
    the current state is backed up there first.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} is not a file")
    media = _media_root()
    parent = media.parent if media is not None else Path(settings.AKHBAR_HOME)
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".akhbar-restore-", dir=parent))
    try:
        manifest = extract(path, staging)
        db = manifest["database"]
        member = db["member"]
        if (member == DB_SQLITE) != (connection.vendor == "sqlite"):
            raise BackupError(f"this archive holds a {db.get('vendor')} database; this "
                              f"akhbar uses {connection.vendor}")
        if safety_copy is not None:
            backup(safety_copy)
        source = staging.joinpath(*member.split("/"))
        if connection.vendor == "sqlite":
            _restore_sqlite(source)
        else:
            _restore_postgres(source, member)
        if manifest.get("media") == "included":
            _swap_media(staging / MEDIA)
        return manifest
    finally:
        shutil.rmtree(staging, ignore_errors=True)
