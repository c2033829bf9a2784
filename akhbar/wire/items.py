"""The one normalized shape every wire format parses into, and the error a bad item raises.

Frozen dataclasses rather than dicts, so a parser cannot forget a field or misspell one,
and an item can be hashed to tell a re-sent copy from a real update.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import datetime


class WireError(ValueError):
    """A document or item we refuse, naming the field at fault so an editor can fix it."""

    def __init__(self, field: str, message: str, uri: str | None = None):
        self.field = field
        self.message = message
        self.uri = uri
        super().__init__(f"{field}: {message}" if field else message)


@dataclass(frozen=True)
class Subject:
    """A subject of a story; `code` is the IPTC media topic code when there is one."""

    name: str
    code: str = ""
    uri: str = ""


@dataclass(frozen=True)
class WirePicture:
    """A picture attached to an item (ninjs featureimage, NewsML remote content …)."""

    uri: str
    href: str
    alt: str = ""
    caption: str = ""
    caption_language: str = ""
    credit: str = ""
    content_type: str = ""
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class WireItem:
    """One story as an agency sent it, normalized across formats."""

    uri: str
    headline: str
    language: str
    format: str
    version: str = "1"
    standfirst: str = ""
    body_html: str = ""
    pub_status: str = "usable"
    first_created: datetime | None = None
    version_created: datetime | None = None
    embargoed_until: datetime | None = None
    subjects: tuple[Subject, ...] = ()
    sources: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    picture: WirePicture | None = None
    link: str = ""
    credit: str = ""
    rights: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def content_hash(self) -> str:
        """A digest of what a reader would see; equal hashes mean nothing to update."""
        return digest_of(item_to_json(self))


def raise_first(results: list[WireItem | WireError]) -> list[WireItem]:
    """The items, or the first per-item error raised (what `parse` does with `parse_each`)."""
    for result in results:
        if isinstance(result, WireError):
            raise result
    return list(results)  # type: ignore[arg-type]


def digest_of(data: dict) -> str:
    """The content hash of an item already turned into `item_to_json` form."""
    blob = json.dumps(
        {k: v for k, v in data.items() if k != "extra"},
        ensure_ascii=False,
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def item_to_json(item: WireItem) -> dict:
    """A JSON-safe dict of the item (dates as ISO 8601), for storing on the desk."""
    data = asdict(item)
    for key in ("first_created", "version_created", "embargoed_until"):
        data[key] = data[key].isoformat() if data[key] else None
    return data


def item_from_json(data: dict) -> WireItem:
    """The WireItem `item_to_json` stored."""
    data = dict(data)
    for key in ("first_created", "version_created", "embargoed_until"):
        data[key] = datetime.fromisoformat(data[key]) if data.get(key) else None
    data["subjects"] = tuple(Subject(**s) for s in data.get("subjects", ()))
    for key in ("sources", "authors", "keywords"):
        data[key] = tuple(data.get(key, ()))
    data["picture"] = WirePicture(**data["picture"]) if data.get("picture") else None
    return WireItem(**data)
