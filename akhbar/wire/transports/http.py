"""Fetching over HTTP(S) with the limits agency input needs: timeout, size cap, and no
requests to private, loopback or link-local addresses unless a source is marked internal
(a feed URL must never become a way to probe the newsroom's own network)."""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.request
from urllib.parse import urlsplit

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
USER_AGENT = "akhbar-wire/0.1 (+https://github.com/akhbar)"


class FetchError(IOError):
    """A URL we would not or could not fetch, with the reason."""


def check_address(url: str, allow_private: bool = False) -> None:
    """Refuse non-http(s) URLs and hosts that resolve to non-public addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"only http(s) URLs are fetched, not {url[:80]!r}")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve {parts.hostname!r}: {exc}") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise FetchError(f"{parts.hostname} resolves to non-public address {address}; refused")


def fetch(
    url: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
    allow_private: bool = False,
    headers: dict[str, str] | None = None,
) -> bytes:
    """The body at `url`, or FetchError; never more than `max_bytes`."""
    check_address(url, allow_private)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - vetted above
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(f"{url[:80]} is {int(length):,} bytes (at most {max_bytes:,})")
            body = response.read(max_bytes + 1)
    except urllib.error.URLError as exc:
        raise FetchError(f"cannot fetch {url[:80]}: {exc.reason}") from exc
    except (TimeoutError, OSError) as exc:
        raise FetchError(f"cannot fetch {url[:80]}: {exc}") from exc
    if len(body) > max_bytes:
        raise FetchError(f"{url[:80]} is larger than {max_bytes:,} bytes")
    return body
