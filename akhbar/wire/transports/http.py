"""Fetching over HTTP(S) with the limits agency input needs: timeout, size cap, conditional
requests, and no requests to private, loopback or link-local addresses unless a source is
marked internal (a feed URL must never become a way to probe the newsroom's own network).

The address is checked twice: by name before connecting (a clear error), and on the
connected socket's peer address, which also covers every redirect hop and a name that
resolves differently the second time (DNS rebinding).
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 5
USER_AGENT = "akhbar-wire/0.1 (+https://github.com/akhbar)"


class FetchError(IOError):
    """A URL we would not or could not fetch, with the reason."""


@dataclass
class Response:
    """A fetched body, or `status` 304 with no body when the feed has not changed."""

    status: int
    body: bytes
    etag: str = ""
    last_modified: str = ""


def _refuse_address(host: str, address: str) -> None:
    ip = ipaddress.ip_address(address.split("%")[0])
    if not ip.is_global:
        raise FetchError(f"{host} resolves to non-public address {ip}; refused")


def check_address(url: str, allow_private: bool = False) -> None:
    """Refuse non-http(s) URLs and hosts that resolve to non-public addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"only http(s) URLs are fetched, not {url[:80]!r}")
    if "@" in parts.netloc:
        raise FetchError(f"URLs with credentials are not fetched: {url[:80]!r}")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve {parts.hostname!r}: {exc}") from exc
    for info in infos:
        _refuse_address(parts.hostname, info[4][0])


class _PeerCheck:
    """Mixin for http.client connections: refuse the socket if its peer is not public."""

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        _refuse_address(self.host, self.sock.getpeername()[0])  # type: ignore[attr-defined]


class _GuardedHTTP(_PeerCheck, http.client.HTTPConnection):
    pass


class _GuardedHTTPS(_PeerCheck, http.client.HTTPSConnection):
    pass


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_GuardedHTTP, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_GuardedHTTPS, req, context=self._context)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow at most MAX_REDIRECTS redirects, each to an http(s) URL that passes the check."""

    max_redirections = MAX_REDIRECTS

    def __init__(self, allow_private: bool):
        self.allow_private = allow_private

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_address(newurl, self.allow_private)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener(allow_private: bool) -> urllib.request.OpenerDirector:
    handlers: list = [_Redirects(allow_private)]
    if not allow_private:
        handlers += [_HTTPHandler(), _HTTPSHandler()]
    return urllib.request.build_opener(*handlers)


def fetch_conditional(
    url: str,
    *,
    etag: str = "",
    last_modified: str = "",
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
    allow_private: bool = False,
) -> Response:
    """GET `url` with If-None-Match / If-Modified-Since; never more than `max_bytes`, never
    longer than about `timeout` seconds in all (a slow drip is cut off too)."""
    check_address(url, allow_private)
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    deadline = time.monotonic() + timeout
    try:
        with _opener(allow_private).open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(f"{url[:80]} is {int(length):,} bytes (at most {max_bytes:,})")
            chunks, size = [], 0
            while chunk := response.read(65536):
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"{url[:80]} is larger than {max_bytes:,} bytes")
                if time.monotonic() > deadline:
                    raise FetchError(f"{url[:80]} took longer than {timeout:g} s")
                chunks.append(chunk)
            return Response(
                200,
                b"".join(chunks),
                response.headers.get("ETag", ""),
                response.headers.get("Last-Modified", ""),
            )
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Response(
                304,
                b"",
                exc.headers.get("ETag", etag),
                exc.headers.get("Last-Modified", last_modified),
            )
        raise FetchError(f"cannot fetch {url[:80]}: HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise FetchError(f"cannot fetch {url[:80]}: {exc.reason}") from exc
    except (TimeoutError, OSError) as exc:
        if isinstance(exc, FetchError):
            raise
        raise FetchError(f"cannot fetch {url[:80]}: {exc}") from exc


def fetch(
    url: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
    allow_private: bool = False,
) -> bytes:
    """The body at `url`, or FetchError; never more than `max_bytes`."""
    return fetch_conditional(
        url, max_bytes=max_bytes, timeout=timeout, allow_private=allow_private
    ).body
