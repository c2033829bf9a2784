"""End to end: `akhbar serve` publishes an embargoed wire story on time, nobody watching.

A real server (granian) with the scheduler `serve` starts; a ninjs story embargoed a few
seconds ahead is imported; the home page is polled until the story shows. The delay from
the embargo time to visibility must stay under a minute. Killing the server must take
the scheduler with it.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
AKHBAR = Path(sys.executable).parent / "akhbar"
TOKEN = "نیلگوں"  # appears only in this test's story
EMBARGO_AHEAD = 20  # seconds (the import itself takes a few)


def environment(home: Path) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    env["AKHBAR_HOME"] = str(home)
    return env


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, ""


def children(pid: int) -> list[int]:
    """Processes whose parent is `pid` (read from /proc; Linux only, as CI is)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_serve_publishes_embargoed_story_within_a_minute(tmp_path):
    home = tmp_path / "home"
    env = environment(home)
    subprocess.run([str(AKHBAR), "init"], env=env, check=True, capture_output=True, timeout=300)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [str(AKHBAR), "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        ready = time.monotonic() + 300  # the first collectstatic compresses every file
        while time.monotonic() < ready:
            try:
                get(base + "/")
                break
            except OSError:
                time.sleep(0.5)
        embargo = (datetime.now(UTC) + timedelta(seconds=EMBARGO_AHEAD)).replace(microsecond=0)
        doc = tmp_path / "story.json"
        doc.write_text(
            json.dumps(
                {
                    "uri": "urn:akhbar:test:serve-embargo",
                    "type": "text",
                    "language": "ur",
                    "versioncreated": datetime.now(UTC).isoformat(),
                    "embargoed": embargo.isoformat(),
                    "headline": f"{TOKEN} آسمان تلے کتاب میلہ سجے گا",
                    "body_html": f"<p>{TOKEN} آسمان تلے میلے میں سو اسٹال ہوں گے۔</p>",
                    "subject": [{"name": "ثقافت", "code": "medtop:01000000"}],
                }
            ),
            "utf-8",
        )
        imported = subprocess.run(
            [str(AKHBAR), "import", "--json", str(doc)], env=env, capture_output=True, text=True
        )
        assert '"created"' in imported.stdout, imported.stdout + imported.stderr

        status, html = get(base + "/")
        assert status == 200
        if datetime.now(UTC) < embargo:
            assert TOKEN not in html, "shown before its embargo"
        seen_at = None
        while datetime.now(UTC) < embargo + timedelta(seconds=75):
            if TOKEN in get(base + "/")[1]:
                seen_at = datetime.now(UTC)
                break
            time.sleep(1)
        assert seen_at is not None, "not published within 75 s of its embargo"
        delay = (seen_at - embargo).total_seconds()
        print(f"embargoed story visible {delay:.1f} s after its time")
        assert delay < 60

        schedulers = [
            pid
            for pid in children(server.pid)
            if b"scheduler" in Path(f"/proc/{pid}/cmdline").read_bytes()
        ]
        assert len(schedulers) == 1, "serve did not start exactly one scheduler"
        os.kill(server.pid, signal.SIGTERM)
        server.wait(20)
        deadline = time.monotonic() + 10
        while alive(schedulers[0]) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not alive(schedulers[0]), "the scheduler outlived the server"
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(20)
