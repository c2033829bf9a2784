"""Faults: Redis stopped and started again, PostgreSQL restarted under load.

Both use PRIVATE servers started here on free ports in temporary folders (never the
machine's own Redis or PostgreSQL), and skip with the reason when the binaries are
missing. PostgreSQL's tools refuse to run as root, so as root they run as `postgres`.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest

CHECKOUT = Path(__file__).resolve().parents[2]
AKHBAR = Path(sys.executable).parent / "akhbar"
PG_BIN = Path(os.environ.get("AKHBAR_PG_BIN", "/usr/lib/postgresql/15/bin"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, timeout: float = 60, up: bool = True) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                if up:
                    return
        except OSError:
            if not up:
                return
        time.sleep(0.1)
    pytest.fail(f"port {port} did not go {'up' if up else 'down'}")


# -- Redis ---------------------------------------------------------------------------------


class PrivateRedis:
    """A redis-server of our own: no persistence, one port, stopped and started at will."""

    def __init__(self, folder: Path):
        self.folder, self.port, self.process = folder, free_port(), None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        wait_port(self.port)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)  # as abrupt as a crash
            self.process.wait(timeout=10)
        wait_port(self.port, up=False)

    def keys(self) -> int:
        import redis

        return redis.Redis(port=self.port, socket_timeout=2).dbsize()


@pytest.fixture
def private_redis(tmp_path):
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.mark.redis
@pytest.mark.django_db
def test_pages_survive_redis_stopping_and_use_it_again_when_back(
    client, settings, private_redis, story
):
    from django.core.cache import cache

    from akhbar.settings.env import redis_cache

    settings.CACHES = {"default": redis_cache(f"redis://127.0.0.1:{private_redis.port}/0")}
    assert client.get(story.url).status_code == 200
    assert private_redis.keys() > 0  # the page's parts went to Redis

    private_redis.stop()
    for _ in range(3):
        started = time.monotonic()
        response = client.get(story.url)
        assert response.status_code == 200, response.status_code
        assert story.headline in response.content.decode()
        assert time.monotonic() - started < 5  # misses, not waits on a dead socket
    assert cache.get("anything") is None

    private_redis.start()  # empty, as a restarted Redis without persistence is
    assert private_redis.keys() == 0
    deadline = time.monotonic() + 10
    while private_redis.keys() == 0 and time.monotonic() < deadline:
        assert client.get(story.url).status_code == 200
    assert private_redis.keys() > 0  # used again, without restarting the site


# -- PostgreSQL ----------------------------------------------------------------------------


def as_postgres(*argv: str) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else list(argv)


class PrivatePostgres:
    """An initdb'd cluster in a temporary folder on a free port, trust auth on loopback."""

    def __init__(self, folder: Path):
        self.folder, self.port = folder, free_port()
        self.data, self.log = folder / "data", folder / "pg.log"

    def pg(self, tool: str, *args: str, timeout: float = 120) -> None:
        done = subprocess.run(as_postgres(str(PG_BIN / tool), *args), capture_output=True,
                              text=True, timeout=timeout, check=False)
        assert done.returncode == 0, done.stdout + done.stderr

    def init(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self.pg("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
                "--encoding=UTF8", "--locale=C.UTF-8")

    def start(self) -> None:
        self.pg("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-o",
                f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
                "-c fsync=off", "start")

    def stop(self) -> None:
        self.pg("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"


@pytest.fixture
def private_postgres(tmp_path_factory):
    if not (PG_BIN / "initdb").exists() or (os.geteuid() == 0 and not shutil.which("runuser")):
        pytest.skip(f"PostgreSQL server binaries not found in {PG_BIN}")
    folder = Path(tempfile_dir()) / f"akhbar-pg-{secrets.token_hex(4)}"
    server = PrivatePostgres(folder)
    server.init()
    server.start()
    yield server
    with contextlib.suppress(AssertionError):  # already stopped by a failed test
        server.stop()
    shutil.rmtree(folder, ignore_errors=True)


def tempfile_dir() -> str:
    """/tmp, which the postgres user can enter (pytest's tmp_path may be private to root)."""
    return "/tmp"  # noqa: S108


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:  # noqa: S310 - loopback
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")
    except OSError as e:
        return 0, str(e)


SETUP = """
from pathlib import Path
from akhbar.newsroom.editions import ensure_edition
from akhbar.newsroom.models import ArticlePage
from akhbar.wire.ingest import ingest_file
ensure_edition("ur")
ingest_file(Path({doc!r}))
print(ArticlePage.objects.get(uri="urn:akhbar:test:2025-04-10:gwadar-desalination").url)
"""


@pytest.mark.postgres
@pytest.mark.slow
def test_postgres_restart_under_load_fails_cleanly_and_recovers(private_postgres, wire_dir,
                                                                tmp_path):
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items()
           if k not in ("DJANGO_SETTINGS_MODULE", "REDIS_URL")}
    env.update(AKHBAR_HOME=str(home), DATABASE_URL=private_postgres.url, PYTHONPATH=str(CHECKOUT),
               DJANGO_SETTINGS_MODULE="akhbar.settings.production",
               AKHBAR_SECRET_KEY=secrets.token_urlsafe(60), AKHBAR_ALLOWED_HOSTS="127.0.0.1",
               AKHBAR_SSL_REDIRECT="0", AKHBAR_TASKS="immediate", AKHBAR_LISTEN_ON_PUBLISH="0",
               AKHBAR_PAGECACHE="0")
    for argv in (["migrate", "--noinput"], ["shell", "-c", SETUP.format(
            doc=str(wire_dir / "port-story-3x.json"))]):
        done = subprocess.run([str(AKHBAR), *argv], env=env, capture_output=True, text=True,
                              timeout=600, check=False)
        assert done.returncode == 0, done.stderr[-3000:]
    path = done.stdout.strip().splitlines()[-1]
    port = free_port()
    server = subprocess.Popen(
        [str(AKHBAR), "serve", "--port", str(port), "--workers", "2", "--no-worker",
         "--no-scheduler"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    # The story page, once read, is served from parts kept per publish with no query;
    # search asks the database every time, so the readers' mix always meets the gap.
    urls = [f"http://127.0.0.1:{port}{path}",
            f"http://127.0.0.1:{port}/ur/search/?q={quote('گوادر پانی')}"]
    try:
        wait_port(port, timeout=300)
        assert all(get(url)[0] == 200 for url in urls)
        seen: list[tuple[float, int, str]] = []
        stop = threading.Event()

        def reader() -> None:
            n = 0
            while not stop.is_set():
                status, body = get(urls[n % len(urls)])
                seen.append((time.monotonic(), status, body))
                n += 1

        readers = [threading.Thread(target=reader) for _ in range(4)]
        for r in readers:
            r.start()
        time.sleep(2)
        down_at = time.monotonic()
        private_postgres.stop()
        time.sleep(3)  # the gap
        private_postgres.start()
        up_at = time.monotonic()
        time.sleep(8)
        stop.set()
        for r in readers:
            r.join()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    statuses = Counter(status for _, status, _ in seen)
    assert set(statuses) <= {200, 503}, statuses  # never a 500 or a dropped connection
    assert statuses[503] > 0, "the gap was not seen; the test proved nothing"
    failed = [body for _, status, body in seen if status == 503]
    assert all("Traceback" not in body and "OperationalError" not in body for body in failed)
    # Back by itself: the last few seconds are all pages again.
    after = [status for when, status, _ in seen if when > up_at + 3]
    assert after and set(after) == {200}, Counter(after)
    assert any(when > down_at for when, status, _ in seen if status == 503)
