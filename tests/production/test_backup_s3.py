"""`akhbar backup` / `akhbar restore` with media on S3, against a real S3 HTTP server.

moto's server runs in this process on a free port and speaks S3 over HTTP; the site uses
it through django-storages exactly as production does with AKHBAR_S3_BUCKET. The checks
look at the bucket with boto3 directly, not through the storage under test.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from pathlib import Path

import boto3
import pytest
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.management.base import CommandError
from moto.server import ThreadedMotoServer

from akhbar.site import backup as bk
from tests.conftest import make_jpeg

pytestmark = pytest.mark.django_db(transaction=True)

BUCKET = "akhbar-media"
PREFIX = "media"  # AKHBAR_S3_PREFIX's default
KEYS = {"access_key": "moto-test-key", "secret_key": "moto-test-secret"}  # noqa: S105


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3 server, on a free port of the loopback interface, for this module."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings):
    """An empty bucket, and the site's media storage pointed at it as in production."""
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1",
                          aws_access_key_id=KEYS["access_key"],
                          aws_secret_access_key=KEYS["secret_key"])
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET, "endpoint_url": s3_endpoint, "region_name": "us-east-1",
                **KEYS, "location": PREFIX, "querystring_auth": False, "default_acl": None,
                "file_overwrite": False,
            },
        },
    }
    assert type(storages["default"]).__name__ == "S3Storage"
    yield client
    for key in all_keys(client):
        client.delete_object(Bucket=BUCKET, Key=key)
    client.delete_bucket(Bucket=BUCKET)


def all_keys(client) -> list[str]:
    keys = []
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        keys += [entry["Key"] for entry in page.get("Contents", ())]
    return sorted(keys)


def objects(client, prefix: str = f"{PREFIX}/") -> dict[str, str]:
    """SHA-256 of every object under `prefix`, read from the bucket itself."""
    return {
        key: hashlib.sha256(client.get_object(Bucket=BUCKET, Key=key)["Body"].read()).hexdigest()
        for key in all_keys(client) if key.startswith(prefix)
    }


def put(client, key: str, data: bytes) -> None:
    client.put_object(Bucket=BUCKET, Key=key, Body=data)


@pytest.fixture
def newsroom(wagtail_tree, wire_dir, bucket):
    """The project's wire stories imported while media is on S3: the pictures go there."""
    from akhbar.newsroom.editions import ensure_edition
    from akhbar.wire.ingest import ingest_file

    ensure_edition("ur")
    for path in sorted(wire_dir.glob("*.json")):
        ingest_file(path)
    pictures = [k for k in objects(bucket) if k.endswith(".jpg")]
    assert pictures, "the fixture stories bring a picture, stored in the bucket"
    return bucket


def stories() -> list[tuple]:
    from akhbar.newsroom.models import ArticlePage, NewsImage

    return [sorted(ArticlePage.objects.values_list("uri", "headline", "live")),
            sorted(NewsImage.objects.values_list("file", flat=True))]


def test_round_trip_of_media_on_s3(newsroom, tmp_path):
    from akhbar.newsroom.models import ArticlePage

    client = newsroom
    put(client, f"{PREFIX}/documents/سالانہ رپورٹ.pdf", b"%PDF-1.4 " + bytes(range(256)) * 40)
    put(client, f"{PREFIX}/empty.txt", b"")
    put(client, f"{PREFIX}/original_images/second.jpg", make_jpeg(320, 200, "#9b2226"))
    put(client, "elsewhere/not-media.txt", b"another app's object beside the media prefix")
    before_media, before_other = objects(client), objects(client, "elsewhere/")
    before_db = stories()

    archive = tmp_path / "akhbar.tar.gz"
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert names[0] == "manifest.json" and manifest["media"] == "included"
    assert {n for n in names if n.startswith("media/")} == set(before_media)
    assert "elsewhere/not-media.txt" not in json.dumps(manifest, ensure_ascii=False)
    assert f"and {len(before_media)} media file(s)" in out.getvalue()

    # The newsroom moves on: a story goes, pictures are lost or replaced, a stray appears.
    ArticlePage.objects.order_by("pk").first().delete()
    picture = next(k for k in before_media if k.endswith(".jpg") and "second" not in k)
    client.delete_object(Bucket=BUCKET, Key=picture)
    put(client, f"{PREFIX}/original_images/second.jpg", make_jpeg(100, 100, "#005f73"))
    put(client, f"{PREFIX}/empty.txt", b"no longer empty")
    put(client, f"{PREFIX}/stray.txt", b"not in the backup")
    assert objects(client) != before_media and stories() != before_db

    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)
    assert objects(client) == before_media  # same keys, same bytes
    assert objects(client, "elsewhere/") == before_other  # outside the prefix: untouched
    assert stories() == before_db
    safety = Path(out.getvalue().split("kept in ")[1].split()[0])
    with tarfile.open(safety) as tar:  # the replaced state, pictures included
        assert {"media/stray.txt", "media/original_images/second.jpg"} <= set(tar.getnames())


def test_a_bucket_key_no_archive_can_hold_is_reported_and_left_alone(newsroom, tmp_path):
    client = newsroom
    odd = f"{PREFIX}/x/../original_images/odd.jpg"  # S3 keys may hold "..", paths may not
    put(client, odd, b"odd")
    if odd not in all_keys(client):
        pytest.skip("this S3 server normalises '..' in keys")
    result = bk.backup(tmp_path / "a.tar.gz")  # and does not list "x/../" for ever
    assert result.skipped == ("x/../",)
    before = objects(client)
    bk.restore(tmp_path / "a.tar.gz")
    assert objects(client) == before  # restorable, and the odd key was not deleted


def build(path: Path, members: dict[str, bytes], listed: dict[str, bytes]) -> Path:
    """An archive whose manifest lists `listed` (checksums right) and holds `members`."""
    manifest = {
        "format": bk.FORMAT, "version": bk.VERSION, "created": "2025-04-10T00:00:00Z",
        "database": {"vendor": "sqlite", "member": bk.DB_SQLITE}, "media": "included",
        "files": {n: {"size": len(d), "sha256": hashlib.sha256(d).hexdigest()}
                  for n, d in listed.items()},
    }
    with tarfile.open(path, "w:gz") as tar:
        for name, data in [("manifest.json", json.dumps(manifest).encode()), *members.items()]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


@pytest.mark.parametrize("evil", [
    "media/../escaped.txt",
    "media/../../escaped.txt",
    "media/original_images/../../elsewhere/not-media.txt",
    "/media/escaped.txt",
    "media\\..\\escaped.txt",
])
def test_a_path_traversal_archive_writes_nothing_to_the_bucket(newsroom, tmp_path, evil):
    client = newsroom
    put(client, "elsewhere/not-media.txt", b"must stay")
    before = objects(client, "")
    db = b"db"
    files = {bk.DB_SQLITE: db, evil: b"planted"}
    archive = build(tmp_path / "evil.tar.gz", files, files)
    with pytest.raises(CommandError, match="unsafe member name|unexpected member"):
        call_command("restore", str(archive), "--no-safety-copy", stdout=io.StringIO())
    assert objects(client, "") == before  # not one object added, changed or removed
    # Listed once, present twice under the evil name: refused all the same.
    archive = build(tmp_path / "evil2.tar.gz", files, {bk.DB_SQLITE: db})
    with pytest.raises(CommandError):
        call_command("restore", str(archive), "--no-safety-copy", stdout=io.StringIO())
    assert objects(client, "") == before


def test_the_storage_refuses_a_name_outside_its_prefix_too(newsroom, tmp_path):
    """Second line of defence: should a name get past the archive checks, the write
    through the storage is refused, not made beside the media prefix."""
    client = newsroom
    staged = tmp_path / "staged"
    (staged / "x").mkdir(parents=True)
    (staged / "planted.txt").write_bytes(b"planted")
    before = objects(client, "")
    with pytest.raises(bk.BackupError, match="leaves the media storage"):
        bk._put_media(storages["default"], staged / "x", ["../planted.txt"])
    assert objects(client, "") == before
