"""Django's real WSGI application with the page cache in front, called in this process."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.handlers.wsgi import WSGIHandler


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    raw_headers: list = field(default_factory=list)

    def text(self) -> str:
        return self.body.decode("utf-8")


class Reader:
    """Calls a WSGI app the way granian would, one request at a time."""

    def __init__(self, app):
        self.app = app

    def get(self, path: str, method: str = "GET", **headers: str) -> Answer:
        raw_path, _, query = path.partition("?")
        from urllib.parse import unquote_to_bytes

        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": unquote_to_bytes(raw_path).decode("latin-1"),
            "QUERY_STRING": query,
            "HTTP_HOST": "testserver",
            "wsgi.input": io.BytesIO(b""),
        }
        for name, value in headers.items():
            environ["HTTP_" + name.upper()] = value
        setup_testing_defaults(environ)
        seen = {}

        def start_response(status, response_headers, exc_info=None):
            seen["status"], seen["headers"] = status, response_headers

        result = self.app(environ, start_response)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        return Answer(
            int(seen["status"][:3]),
            {k.lower(): v for k, v in seen["headers"]},
            body,
            seen["headers"],
        )


@pytest.fixture
def django_wsgi(db):
    """Django's WSGI handler that leaves the test's transaction open between requests.

    Django closes "old" connections at each request's start and end; inside a test's
    transaction that would close the test's own connection (its test client avoids it
    the same way).
    """
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def purge_log(tmp_path, settings):
    settings.AKHBAR_PAGECACHE_LOG = tmp_path / "purges.log"
    return settings.AKHBAR_PAGECACHE_LOG


@pytest.fixture
def cached(django_wsgi, purge_log):
    """A reader in front of the page cache in front of Django."""
    from akhbar.site.pagecache import LocalStore, PageCache

    return Reader(PageCache(django_wsgi, LocalStore(8 << 20, purge_log)))
