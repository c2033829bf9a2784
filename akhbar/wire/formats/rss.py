"""RSS 2.0 and Atom feeds, read with feedparser, into WireItems.

Each entry becomes an item: guid (or Atom id, or link) as its uri, title as headline,
`content:encoded` / Atom content as body, summary as standfirst, categories as subjects,
and an image enclosure or `media:content` as its picture. The bytes are checked by
`xmlsafe` first (UTF-8, no entity declarations, no inline DTDs) and handed to feedparser
as a stream, so it never fetches anything.
"""

from __future__ import annotations

import calendar
import html
import io
import re
from datetime import UTC, datetime
from typing import Any

import feedparser

from akhbar.wire.formats.xmlsafe import decode, refuse_dtd
from akhbar.wire.items import Subject, WireError, WireItem, WirePicture, raise_first

NAME = "rss"
_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]")
_MEDTOP = re.compile(r"(?:mediatopic/|medtop:)(\d{8})")


def sniff(data: bytes) -> bool:
    """True for an RSS 2.0 (or RDF) document or an Atom feed."""
    head = data[:4096].lstrip()
    return head.startswith((b"<", b"\xef\xbb\xbf")) and bool(_ROOT.search(head))


def parse(data: bytes) -> list[WireItem]:
    """Every entry of the feed, or WireError for the first one refused."""
    return raise_first(parse_each(data))


def parse_each(data: bytes) -> list[WireItem | WireError]:
    """Every entry of the feed or its error; a feed feedparser cannot read is refused whole."""
    refuse_dtd(decode(data), allow_plain_doctype=True)
    feed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=False)
    if feed.bozo and not feed.entries:
        reason = getattr(feed.get("bozo_exception"), "getMessage", lambda: "")() or str(
            feed.get("bozo_exception", "unreadable feed")
        )
        raise WireError("", f"not a readable RSS/Atom feed: {reason[:200]}")
    if not feed.entries:
        raise WireError("", "the feed has no entries")
    language = (feed.feed.get("language") or "").lower()
    out: list[WireItem | WireError] = []
    for i, entry in enumerate(feed.entries):
        try:
            out.append(_item(entry, i, language))
        except WireError as exc:
            out.append(exc)
    return out


def _item(entry: Any, i: int, feed_language: str) -> WireItem:
    uri = (entry.get("id") or entry.get("link") or "").strip()
    if not uri:
        raise WireError(f"item[{i}].guid", "the entry has neither a guid/id nor a link")
    if len(uri) > 500:
        raise WireError(f"item[{i}].guid", f"is {len(uri)} characters long (at most 500)", uri[:80])
    headline = " ".join(_plain(entry.get("title", "")).split())
    if not headline:
        raise WireError(f"item[{i}].title", "the entry has no title", uri)
    contents = entry.get("content") or []
    html_content = next((c for c in contents if "html" in c.get("type", "")), None)
    body = (html_content or (contents[0] if contents else {})).get("value", "")
    summary = entry.get("summary", "")
    if not body:
        body, summary = summary, ""
    if body and not re.search(r"<[a-zA-Z]", body):
        body = "".join(f"<p>{html.escape(p.strip())}</p>" for p in body.split("\n\n") if p.strip())
    language = entry.get("language") or (html_content or {}).get("language") or feed_language
    return WireItem(
        uri=uri,
        version=dict.get(entry, "updated", "")[:40] or "1",  # dict.get: no feedparser fallback
        format=NAME,
        language=(language or "").lower(),
        headline=headline,
        standfirst=" ".join(_plain(summary).split()),
        body_html=body,
        first_created=_when(
            dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
        ),
        version_created=_when(
            dict.get(entry, "updated_parsed") or dict.get(entry, "published_parsed")
        ),
        subjects=tuple(_subject(t) for t in entry.get("tags", []) if t.get("term")),
        sources=tuple(s for s in [(entry.get("source") or {}).get("title", "")] if s),
        authors=tuple(a.get("name", "") for a in entry.get("authors", []) if a.get("name")),
        picture=_picture(entry, uri),
        link=entry.get("link", "") if entry.get("link", "").startswith(("http:", "https:")) else "",
        credit=_credit(entry),
        rights=entry.get("rights", ""),
    )


def _when(value: Any) -> datetime | None:
    """feedparser's UTC struct_time → an aware datetime."""
    return datetime.fromtimestamp(calendar.timegm(value), tz=UTC) if value else None


def _subject(tag: dict) -> Subject:
    term, scheme = tag.get("term", ""), tag.get("scheme") or ""
    match = _MEDTOP.search(term) or _MEDTOP.search(scheme)
    name = tag.get("label") or ("" if _MEDTOP.fullmatch(term) else term)
    return Subject(
        name=" ".join(name.split())[:200], code=match.group(1) if match else "", uri=scheme[:500]
    )


def _credit(entry: Any) -> str:
    credit = entry.get("media_credit")
    if isinstance(credit, list) and credit:
        return credit[0].get("content", "")
    return credit.get("content", "") if isinstance(credit, dict) else ""


def _picture(entry: Any, uri: str) -> WirePicture | None:
    """The first image among media:content and enclosures."""
    candidates = [
        (m.get("url", ""), m.get("type", ""), m.get("width"), m.get("height"))
        for m in entry.get("media_content", [])
        if m.get("medium") == "image" or m.get("type", "").startswith("image/")
    ]
    candidates += [
        (e.get("href", ""), e.get("type", ""), None, None)
        for e in entry.get("enclosures", [])
        if e.get("type", "").startswith("image/")
    ]
    candidates = [c for c in candidates if c[0]]
    if not candidates:
        return None
    href, kind, width, height = candidates[0]
    caption = _plain(entry.get("media_description", "") or "")
    return WirePicture(
        uri=f"{uri}#picture",
        href=href,
        alt=caption,
        caption=caption,
        credit=_credit(entry),
        content_type=kind,
        width=_size(width),
        height=_size(height),
    )


def _size(raw: Any) -> int | None:
    return int(raw) if isinstance(raw, str) and raw.isdigit() else None


def _plain(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", " ", fragment or "")).strip()
