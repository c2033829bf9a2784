"""The `akhbar` command end to end, as a newcomer runs it: init, import, serve."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
AKHBAR = Path(sys.executable).parent / "akhbar"


def run(home: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    env["AKHBAR_HOME"] = str(home)
    return subprocess.run(
        [str(AKHBAR), *args], env=env, capture_output=True, text=True, timeout=300, check=check
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def test_init_import_serve(tmp_path, wire_dir):
    home = tmp_path / "home"
    first = run(home, "init")
    assert "ready" in first.stdout
    run(home, "init")  # idempotent
    assert (home / "akhbar.sqlite3").exists()

    (wire_dir / "bad.json").write_bytes(b"\x00\x01 not json")
    imported = run(home, "import", "--json", str(wire_dir), check=False)
    assert imported.returncode == 1
    lines = [json.loads(x) for x in imported.stdout.splitlines()]
    actions = sorted(x["action"] for x in lines)
    assert actions == ["created", "created", "created", "rejected"]
    story = next(x for x in lines if x.get("uri", "").endswith("gwadar-desalination"))

    port = free_port()
    env = {
        k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    env["AKHBAR_HOME"] = str(home)
    server = subprocess.Popen(
        [str(AKHBAR), "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        # The first start collects and compresses static files: allow it time on a busy machine.
        deadline = time.monotonic() + 240
        while True:
            assert server.poll() is None, server.stdout.read().decode(errors="replace")[-2000:]
            try:
                get(base + "/")
                break
            except OSError:
                assert time.monotonic() < deadline, "akhbar serve did not answer"
                time.sleep(0.5)
        status, body = get(base + story["url"])
        assert status == 200
        html = body.decode()
        assert "2 منٹ پڑھنے" in html and "10 اپریل 2025" in html
        img = html.split('class="story__figure"')[1].split('src="')[1].split('"')[0]
        assert get(base + img)[0] == 200
        css = html.split('rel="stylesheet" href="')[1].split('"')[0]
        assert get(base + css)[0] == 200
        assert get(base + "/no-such-page/")[0] == 404
    finally:
        os.killpg(server.pid, 15)
        server.wait(10)
