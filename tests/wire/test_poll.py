"""Polling sources: a real HTTP server on 127.0.0.1 (source marked internal), watched folders."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.management import call_command

from akhbar.newsroom.models import ArticlePage
from akhbar.wire.models import Quarantine, WireEntry, WireSource
from akhbar.wire.poll import due_sources, poll_source, summarize
from akhbar.wire.tasks import poll
from akhbar.wire.transports.http import FetchError, _Redirects, check_address

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"


class FeedHandler(BaseHTTPRequestHandler):
    """Serves the test's routes: /feed with an ETag, /big, /slow, /moved → /feed."""

    routes: dict = {}
    seen: list = []

    def do_GET(self):  # noqa: N802 - http.server's name
        self.seen.append((self.path, self.headers.get("If-None-Match")))
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/feed")
            self.end_headers()
            return
        if self.path == "/slow":
            time.sleep(2)
        body, etag = self.routes.get(self.path, (b"", ""))
        if etag and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    FeedHandler.routes = {
        "/feed": ((FIXTURES / "markets-rss.xml").read_bytes(), '"v1"'),
        "/big": (b"<rss>" + b" " * 300_000 + b"</rss>", ""),
    }
    FeedHandler.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def feed(url: str, **kw) -> WireSource:
    defaults = {
        "name": url,
        "kind": "http",
        "location": url,
        "internal": True,
        "rule": WireSource.DESK,
        "timeout_seconds": 1,
        "max_bytes": 100_000,
    }
    return WireSource.objects.create(**{**defaults, **kw})


def test_feed_then_304_with_etag(edition, server):
    source = feed(f"{server}/feed")
    first = poll_source(source)
    assert [o.action for o in first] == ["created", "created"]
    assert source.etag == '"v1"'
    assert summarize(first) == {"new": 2, "updated": 0, "duplicate": 0, "rejected": 0}
    again = poll_source(source)
    assert again == [] and "not modified" in source.last_result
    assert FeedHandler.seen[-1] == ("/feed", '"v1"')
    assert WireEntry.objects.count() == 2 and not ArticlePage.objects.exists()


def test_redirect_is_followed_for_internal_sources(edition, server):
    assert [o.action for o in poll_source(feed(f"{server}/moved"))] == ["created", "created"]


def test_oversize_feed_is_refused_and_quarantined(edition, server):
    (outcome,) = poll_source(feed(f"{server}/big"))
    assert outcome.action == "rejected" and "at most 100,000" in outcome.error
    assert Quarantine.objects.get().location.endswith("/big")
    assert not WireEntry.objects.exists()


def test_slow_feed_times_out(edition, server):
    (outcome,) = poll_source(feed(f"{server}/slow"))
    assert outcome.action == "rejected" and "timed out" in outcome.error


def test_private_address_refused_unless_internal(edition, server):
    (outcome,) = poll_source(feed(f"{server}/feed", internal=False))
    assert outcome.action == "rejected" and "non-public address 127.0.0.1" in outcome.error
    assert FeedHandler.seen == []  # refused before any connection


@pytest.mark.parametrize(
    "url",
    [
        "http://10.1.2.3/x",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/",
        "http://localhost/",
        "file:///etc/passwd",
        "http://user:pw@example.org/",
    ],
)
def test_addresses_and_redirect_targets_are_vetted(url):
    with pytest.raises(FetchError):
        check_address(url)
    with pytest.raises(FetchError):  # the same check guards every redirect hop
        _Redirects(allow_private=False).redirect_request(None, None, 302, "Found", {}, url)


def test_watched_folder_moves_documents_aside(edition, wire_dir):
    (wire_dir / "broken.json").write_text('{"uri": "urn:x", ')
    source = WireSource.objects.create(
        name="drop", kind="folder", location=str(wire_dir), rule=WireSource.PUBLISH
    )
    counts = summarize(poll_source(source))
    assert counts == {"new": 3, "updated": 0, "duplicate": 0, "rejected": 1}
    assert ArticlePage.objects.filter(live=True).count() == 3
    assert sorted(p.name for p in (wire_dir / ".akhbar-done").iterdir()) == [
        "budget-2x.json",
        "cricket-1x.json",
        "port-story-3x.json",
    ]
    assert [p.name for p in (wire_dir / ".akhbar-rejected").iterdir()] == ["broken.json"]
    assert poll_source(source) == []


def test_command_and_task_poll_due_sources(edition, wire_dir, capsys):
    source = WireSource.objects.create(name="drop", kind="folder", location=str(wire_dir))
    call_command("wire_poll")
    assert "1 sources: 3 new, 0 updated, 0 duplicate, 0 rejected" in capsys.readouterr().out
    assert due_sources() == []  # just polled; not due for poll_minutes
    source.refresh_from_db()
    assert source.last_polled_at is not None
    (wire_dir / "again.json").write_text((FIXTURES / "budget-2x.json").read_text())
    result = poll.enqueue(force=True)
    assert result.return_value == {"new": 0, "updated": 0, "duplicate": 0, "rejected": 0}
