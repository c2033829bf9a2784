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

Media is in the archive wherever it is kept: read from MEDIA_ROOT when it is on this
machine, else through Django's default storage (listdir/open: S3 in production when
AKHBAR_S3_BUCKET is set), each object copied once into the temporary folder the archive
is written from (so a backup needs free space for the media twice: copies and archive).
Restoring it depends on the storage:

- on this machine (FileSystemStorage): the files go to a staging folder next to
  MEDIA_ROOT and are swapped in by renaming, after the database has been restored; the
  folder it replaces is kept until the swap succeeded;
- anywhere else (S3 and other object stores, which cannot rename a folder): every file
  is written back under its own name before the database is restored (so a picture the
  restored database names is there when it is), and objects the archive does not hold
  are deleted after it. Each object is replaced whole, never half-written.
Before every restore the current state is itself backed up (see `restore`), so a restore
never loses anything, even when it was the wrong archive.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import logging
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
from django.core.exceptions import SuspiciousOperation
from django.core.files import File
from django.core.files.storage import Storage, storages
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
log = logging.getLogger(__name__)


class BackupError(Exception):
    """The archive cannot be made or must not be restored; the message says why."""


@dataclass
class Result:
    path: Path
    method: str
    files: int
    bytes: int
    skipped: tuple[str, ...] = ()  # stored names no archive can hold (e.g. with "..")


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


def _media_storage() -> Storage:
    """The storage media lives in (S3 in production when AKHBAR_S3_BUCKET is set)."""
    return storages["default"]


def _stored_names(storage: Storage) -> tuple[list[str], list[str]]:
    """Every file in `storage` by the name the storage knows it by, sorted; and the
    names left out because no archive can hold them.

    Object stores have keys, not folders: a key like "a/../b" or "a//b" lists as a folder
    named ".." or "." that the storage would resolve elsewhere (listing "a/../" lists the
    top again, for ever). Such folders and file names are not followed but reported.
    """
    found: list[str] = []
    odd: list[str] = []
    folders = [""]
    while folders:
        folder = folders.pop()
        dirs, files = storage.listdir(folder)
        for name in files:
            (found if _is_safe(f"{folder}{name}") else odd).append(f"{folder}{name}")
        for name in dirs:
            if name in ("", ".", "..") or "/" in name or "\\" in name:
                odd.append(f"{folder}{name}/")
            else:
                folders.append(f"{folder}{name}/")
    return sorted(found), sorted(odd)


def _is_safe(name: str) -> bool:
    try:
        _safe_name(name)
    except BackupError:
        return False
    return True


def _fetch_media(storage: Storage, folder: Path) -> tuple[list[tuple[str, Path]], list[str]]:
    """Copy every stored media file into `folder`; returns (members, names skipped).

    The copies are what the archive holds and what its checksums are taken from, so
    each object is read once even when the tar is written after the manifest.
    """
    members: list[tuple[str, Path]] = []
    names, skipped = _stored_names(storage)
    for name in skipped:
        # Such a key can exist in a bucket; restore would refuse the whole archive for
        # it, so it is left out and reported instead.
        log.warning("backup leaves out %r: not a plain relative file name", name)
    for name in names:
        target = folder.joinpath(MEDIA, *name.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with storage.open(name, "rb") as src, target.open("wb") as dst:
                while chunk := src.read(CHUNK):
                    dst.write(chunk)
        except FileNotFoundError:  # deleted since it was listed: it is gone anyway
            target.unlink(missing_ok=True)
            continue
        except OSError as exc:
            raise BackupError(f"could not read media file {name!r}: {exc}") from exc
        except Exception as exc:  # boto3's ClientError and kin are not OSErrors
            raise BackupError(f"could not read media file {name!r} from "
                              f"{type(storage).__name__}: {exc}") from exc
        members.append((f"{MEDIA}/{name}", target))
    return members, skipped


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
        skipped: list[str] = []
        media = _media_root()
        if media is not None:
            # On this machine the files are added from where they are: no copy.
            if media.is_dir():
                for file in sorted(media.rglob("*")):
                    if file.is_file() and not file.is_symlink():
                        rel = file.relative_to(media).as_posix()
                        members.append((f"{MEDIA}/{rel}", file))
        else:
            fetched, skipped = _fetch_media(_media_storage(), folder)
            members += fetched
        files = {}
        for name, source in members:
            files[name] = {"size": source.stat().st_size, "sha256": _sha256(source)}
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "database": {"vendor": connection.vendor, "member": db_member},
            "media": "included",
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
    return Result(path, db_member, len(files), total, tuple(skipped))


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


def _put_media(storage: Storage, staged: Path, names: list[str]) -> None:
    """Write each staged media file to `storage` under exactly its archived name."""
    for name in names:
        source = staged.joinpath(*name.split("/"))
        try:
            with source.open("rb") as fh:
                # Storage.save() would pick another name when this one is taken (S3 is
                # set not to overwrite); _save() is the storage's own write-at-this-name,
                # and on S3 an upload that fails leaves the old object as it was.
                written = storage._save(name, File(fh, name=name))
        except SuspiciousOperation as exc:  # the storage's own check: outside its prefix
            raise BackupError(f"refusing archive: {name!r} leaves the media storage") from exc
        except Exception as exc:
            raise BackupError(f"could not write media file {name!r}; the database is "
                              f"unchanged, files written so far stay: {exc}") from exc
        if written != name:
            raise BackupError(f"the media storage stored {name!r} as {written!r}")


def _drop_strays(storage: Storage, keep: set[str]) -> None:
    """Delete stored files the archive does not hold, as the folder swap does locally."""
    # Names that are not plain ("a/../b") are not listed: to the storage's delete they
    # could mean another object, even one just restored (backup leaves them out too).
    for name in _stored_names(storage)[0]:
        if name not in keep:
            try:
                storage.delete(name)
            except Exception:  # the newsroom is restored; a leftover file harms nothing
                log.exception("restore could not delete %r from the media storage", name)


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
        with_media = manifest.get("media") == "included"
        remote = _media_storage() if with_media and media is None else None
        archived = sorted(n[len(MEDIA) + 1:] for n in manifest["files"]
                          if n.startswith(f"{MEDIA}/"))
        if remote is not None:
            _put_media(remote, staging / MEDIA, archived)
        if connection.vendor == "sqlite":
            _restore_sqlite(source)
        else:
            _restore_postgres(source, member)
        if remote is not None:
            _drop_strays(remote, set(archived))
        elif with_media:
            _swap_media(staging / MEDIA)
        return manifest
    finally:
        shutil.rmtree(staging, ignore_errors=True)
