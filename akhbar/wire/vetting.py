"""Vetting an item before it is stored: sanitized body, checked links, a real headline.

Agency HTML goes through the newsroom's nh3 sanitizer (only article tags, http(s)/mailto
links, no scripts or event handlers); links that survive are checked once more here, since
a well-formed https URL can still carry credentials meant to deceive a reader
(`https://bank.example@evil.example/`).
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from urllib.parse import urlsplit

from akhbar.newsroom.bodyhtml import MAX_BODY_CHARS, clean_html
from akhbar.wire.items import WireError, WireItem

_HREF = re.compile(r'href="([^"]*)"')


def safe_url(url: str) -> bool:
    """An absolute http(s) URL with a host, no credentials, no spaces or control characters."""
    if not url or len(url) > 2000 or any(ord(c) < 33 or c in "<>\"'\\`" for c in url):
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and "@" not in parts.netloc


def vet(item: WireItem) -> WireItem:
    """The item with its body sanitized and its links vetted (raises WireError if too large)."""
    if len(item.body_html) > MAX_BODY_CHARS:
        raise WireError(
            "body", f"is {len(item.body_html):,} characters (at most {MAX_BODY_CHARS:,})"
        )

    def keep(match: re.Match) -> str:
        href = html.unescape(match.group(1))
        return match.group(0) if href.startswith("mailto:") or safe_url(href) else 'href="#"'

    body = _HREF.sub(keep, clean_html(item.body_html))
    headline = " ".join(item.headline.split())
    if not headline:
        raise WireError("headline", "the item has no headline")
    return replace(
        item, body_html=body, headline=headline, link=item.link if safe_url(item.link) else ""
    )
