"""Production settings from the environment: S3 media, Redis cache, PostgreSQL, check --deploy.

Each case starts a fresh interpreter with the production settings, because settings are
read once at start-up; nothing here touches the network.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[2]

SHOW = """
import json, django
django.setup()
from django.conf import settings as s
from django.core.files.storage import storages
from django.db import connection
default_storage = storages["default"]
print(json.dumps({
    "storage": type(default_storage).__module__ + "." + type(default_storage).__name__,
    "bucket": getattr(default_storage, "bucket_name", None),
    "endpoint": getattr(default_storage, "endpoint_url", None),
    "location": getattr(default_storage, "location", None),
    "cache": s.CACHES["default"]["BACKEND"],
    "engine": connection.settings_dict["ENGINE"],
    "health": connection.settings_dict["CONN_HEALTH_CHECKS"],
    "sessions": s.SESSION_ENGINE,
}))
"""


def production(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("AKHBAR_", "AWS_"))
           # the browser fixture sets DJANGO_ALLOW_ASYNC_UNSAFE here; a deployment never has it
           and k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(DJANGO_SETTINGS_MODULE="akhbar.settings.production",
               AKHBAR_SECRET_KEY=secrets.token_urlsafe(60),
               AKHBAR_ALLOWED_HOSTS="news.example.org", AKHBAR_HOME=str(tmp_path), **extra)
    return env


def show(env: dict[str, str]) -> dict:
    run = subprocess.run([sys.executable, "-c", SHOW], cwd=CHECKOUT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_embedded_defaults_without_environment(tmp_path):
    seen = show(production(tmp_path))
    assert seen["storage"].endswith("FileSystemStorage")
    assert seen["cache"].endswith("LocMemCache") and seen["engine"].endswith("sqlite3")


def test_s3_bucket_selects_s3_storage(tmp_path):
    seen = show(production(
        tmp_path, AKHBAR_S3_BUCKET="akhbar-media", AKHBAR_S3_ENDPOINT_URL="https://s3.example.org",
        AKHBAR_S3_REGION="eu-central-1", AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test",
    ))
    assert seen["storage"] == "storages.backends.s3.S3Storage"
    assert seen["bucket"] == "akhbar-media" and seen["endpoint"] == "https://s3.example.org"
    assert seen["location"] == "media"


def test_database_and_redis_urls_are_used(tmp_path):
    seen = show(production(tmp_path, DATABASE_URL="postgres://akhbar@db.internal:5432/akhbar",
                           REDIS_URL="redis://cache.internal:6379/1"))
    assert seen["engine"] == "django.db.backends.postgresql"
    assert seen["health"] is True  # a restarted PostgreSQL is noticed, not served stale
    assert seen["cache"] == "django_redis.cache.RedisCache"
    assert seen["sessions"] == "django.contrib.sessions.backends.cached_db"


def test_check_deploy_is_clean_with_every_service_configured(tmp_path):
    env = production(tmp_path, DATABASE_URL="postgres://akhbar@db.internal:5432/akhbar",
                     REDIS_URL="redis://cache.internal:6379/1", AKHBAR_S3_BUCKET="akhbar-media")
    run = subprocess.run(
        [sys.executable, "-m", "akhbar.cli", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=CHECKOUT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no issues" in run.stdout
