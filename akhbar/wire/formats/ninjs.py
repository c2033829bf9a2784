"""IPTC ninjs 1.x, 2.x and 3.x: JSON news items.

Written from IPTC's specification: 1.x uses single strings (`headline`, `body_html`) and
an object of associations; 2.x moved to lists of `headlines`/`descriptions`/`bodies` with
lower-case names; 3.x keeps the lists with camelCase names (`firstCreated`,
`contentType`, `infoSources`, `embargoedUntil`). Keys are matched case-insensitively so
one reader serves all three. Structure is checked field by field and each refusal names
the field, because an editor has to find and fix it in the agency's document.
"""

from __future__ import annotations

import html
import json
import re
from datetime import datetime
from typing import Any

from akhbar.wire.formats import ninjs_schema
from akhbar.wire.items import Subject, WireError, WireItem, WirePicture, raise_first

NAME = "ninjs"
MAX_DEPTH = 64
MAX_URI = 500
ITEM_TYPES = {"text", "picture", "video", "audio", "graphic", "composite", "component", "packaged"}
PUB_STATUSES = {"usable", "withheld", "canceled"}
MEDIATOPIC = re.compile(r"(?:mediatopic[/:]|medtop:)(\d{8})")
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
# Names only ninjs 3.x spells in camelCase, and names only 1.x has: how an undeclared
# document tells its version.
V3_NAMES = {
    "firstCreated",
    "versionCreated",
    "contentCreated",
    "embargoedUntil",
    "pubStatus",
    "copyrightHolder",
    "copyrightNotice",
    "usageTerms",
    "edNote",
    "infoSources",
    "altIds",
    "trustIndicators",
    "rightsInfo",
    "digitalSourceType",
    "eventDetails",
    "plannedCoverage",
    "representationType",
}
V1_NAMES = {
    "headline",
    "body_text",
    "body_html",
    "body_xhtml",
    "description_text",
    "description_html",
    "byline",
    "subject",
    "person",
    "organisation",
    "place",
    "object",
    "event",
    "mimetype",
    "embargoed_until",
}


def sniff(data: bytes) -> bool:
    """True when `data` looks like a ninjs JSON document (an object with a uri)."""
    head = data.lstrip()[:1]
    return head in (b"{", b"[") and b'"uri"' in data[:200_000]


def parse(data: bytes) -> list[WireItem]:
    """Parse one ninjs document (or a JSON list of them) into WireItems.

    Raises WireError naming the field for anything that is not valid ninjs.
    """
    return raise_first(parse_each(data))


def parse_each(data: bytes) -> list[WireItem | WireError]:
    """Each item of the document, or the error that item alone was refused for; a document
    that is not JSON at all still raises."""
    doc = load_json(data)
    docs = doc if isinstance(doc, list) else [doc]
    if not docs:
        raise WireError("", "empty list: no ninjs item in the document")
    out: list[WireItem | WireError] = []
    for i, d in enumerate(docs):
        try:
            out.append(parse_item(d, where=f"[{i}]" if isinstance(doc, list) else ""))
        except WireError as exc:
            out.append(exc)
    return out


def load_json(data: bytes) -> Any:
    """Decode strict UTF-8 JSON, refusing documents nested deeper than any real news item."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise WireError("", f"not UTF-8 text (invalid byte at position {exc.start})") from exc
    depth = _max_depth(text)
    if depth > MAX_DEPTH:
        raise WireError("", f"JSON nested {depth} levels deep (at most {MAX_DEPTH})")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise WireError(
            "", f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from exc
    except RecursionError as exc:  # pragma: no cover - guarded by _max_depth
        raise WireError("", "JSON nested too deeply") from exc


def _max_depth(text: str) -> int:
    """Bracket depth outside strings, measured before json.loads can recurse."""
    depth = best = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > best:
                best = depth
                if best > MAX_DEPTH:
                    return best
        elif ch in "]}":
            depth -= 1
    return best


class _Doc:
    """Case-insensitive, type-checked access to one JSON object, with a path for errors."""

    def __init__(self, obj: Any, path: str):
        if not isinstance(obj, dict):
            raise WireError(path or "item", f"must be a JSON object, not {type(obj).__name__}")
        self.obj = {str(k).lower(): v for k, v in obj.items()}
        self.path = path

    def field(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def get(self, *names: str) -> Any:
        for name in names:
            if name.lower() in self.obj:
                return self.obj[name.lower()]
        return None

    def string(self, *names: str, required: bool = False, limit: int | None = None) -> str:
        value = self.get(*names)
        if value is None:
            if required:
                raise WireError(self.field(names[0]), "is required")
            return ""
        if not isinstance(value, str):
            raise WireError(self.field(names[0]), f"must be a string, not {type(value).__name__}")
        if limit and len(value) > limit:
            raise WireError(
                self.field(names[0]), f"is {len(value)} characters long (at most {limit})"
            )
        return value.strip()

    def items(self, *names: str) -> list[_Doc]:
        value = self.get(*names)
        if value is None:
            return []
        if isinstance(value, dict):  # ninjs 1.x keyed objects
            return [
                _Doc(
                    {**v, "name": v.get("name", k)} if isinstance(v, dict) else v,
                    self.field(f"{names[0]}.{k}"),
                )
                for k, v in value.items()
            ]
        if not isinstance(value, list):
            raise WireError(self.field(names[0]), f"must be a list, not {type(value).__name__}")
        return [_Doc(v, self.field(f"{names[0]}[{i}]")) for i, v in enumerate(value)]

    def strings(self, *names: str) -> list[str]:
        value = self.get(*names)
        if value is None:
            return []
        if isinstance(value, str):
            return [value.strip()] if value.strip() else []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise WireError(self.field(names[0]), "must be a list of strings")
        return [v.strip() for v in value if v.strip()]

    def when(self, *names: str) -> datetime | None:
        raw = self.string(*names)
        if not raw:
            return None
        try:
            value = datetime.fromisoformat(raw)
        except ValueError as exc:
            raise WireError(
                self.field(names[0]), f"{raw[:40]!r} is not an ISO 8601 date-time"
            ) from exc
        if value.tzinfo is None:
            raise WireError(self.field(names[0]), f"{raw[:40]!r} has no time zone offset")
        return value


def _by_role(entries: list[_Doc], roles: tuple[str, ...], default_first: bool = True) -> str:
    """The value of the first entry whose role is wanted (ninjs 2.x/3.x role lists)."""
    for role in roles:
        for entry in entries:
            if entry.string("role").lower() == role:
                return entry.string("value")
    if default_first:
        for entry in entries:
            if not entry.string("role"):
                return entry.string("value")
        return entries[0].string("value") if entries else ""
    return ""


def major_version(obj: dict) -> int:
    """The ninjs major version of a document: told by its names, else declared, else 2.

    camelCase names exist only in 3.x and 1.x-only names only in 1.x, so they outrank a
    `standard.version` that agencies copy from old templates.
    """
    if V3_NAMES & obj.keys():
        return 3
    if V1_NAMES & obj.keys() or isinstance(obj.get("associations"), dict):
        return 1
    standard = obj.get("standard")
    declared = standard.get("version") if isinstance(standard, dict) else None
    if isinstance(declared, str) and declared[:1] in ("1", "2", "3"):
        return int(declared[0])
    return 2


def validate(obj: Any, where: str = "", major: int | None = None) -> int:
    """Check one item's structure against its ninjs version; returns that major version.

    2.x and 3.x are checked against the specification (akhbar.wire.formats.ninjs_schema);
    1.x, which nobody has produced for years, is read leniently by `parse_item`. `major`
    overrides detection (IPTC's test suite names the version by folder).
    """
    if not isinstance(obj, dict):
        raise WireError(where or "item", f"must be a JSON object, not {type(obj).__name__}")
    major = major or major_version(obj)
    if major >= 2:
        ninjs_schema.validate(obj, min(major, 3), where)
    return major


def parse_item(obj: Any, where: str = "") -> WireItem:
    """One ninjs item object → WireItem, after its structure is validated."""
    uri = obj.get("uri") if isinstance(obj, dict) else None
    try:
        validate(obj, where)
    except WireError as exc:
        exc.uri = uri if isinstance(uri, str) else None
        raise
    doc = _Doc(obj, where)
    uri = doc.string("uri", required=True, limit=MAX_URI)
    if not uri:
        raise WireError(doc.field("uri"), "must not be empty")
    try:
        return _parse_item(doc, uri)
    except WireError as exc:
        exc.uri = uri
        raise


def _parse_item(doc: _Doc, uri: str) -> WireItem:
    item_type = doc.string("type") or "text"
    if item_type not in ITEM_TYPES:
        raise WireError(doc.field("type"), f"{item_type!r} is not a ninjs item type")
    pub_status = (doc.string("pubStatus") or "usable").lower()
    if pub_status not in PUB_STATUSES:
        raise WireError(
            doc.field("pubStatus"), f"{pub_status!r} is not usable, withheld or canceled"
        )
    language = doc.string("language")
    if language and not LANGUAGE_TAG.match(language):
        raise WireError(doc.field("language"), f"{language[:20]!r} is not a language tag")

    headline = doc.string("headline") if isinstance(doc.get("headline"), str) else ""
    headline = headline or _by_role(doc.items("headlines"), ("main", "headline"))
    if not headline.strip():
        raise WireError(doc.field("headlines"), "the item has no headline")

    standfirst = doc.string("description_text") or _plain(doc.string("description_html"))
    standfirst = standfirst or _by_role(
        doc.items("descriptions"), ("summary", "description", "abstract")
    )

    body_html = doc.string("body_html") or _text_to_html(doc.string("body_text"))
    if not body_html:
        bodies = doc.items("bodies")
        chosen = next((b for b in bodies if b.string("role").lower() in ("main", "")), None)
        chosen = chosen or (bodies[0] if bodies else None)
        if chosen is not None:
            value = chosen.string("value")
            kind = chosen.string("contentType", "contenttype").lower()
            body_html = (
                value
                if "html" in kind or not kind and value.lstrip().startswith("<")
                else _text_to_html(value)
            )

    subjects = []
    for s in doc.items("subjects", "subject"):
        name, suri, code = s.string("name"), s.string("uri"), s.string("code")
        match = MEDIATOPIC.search(suri) or MEDIATOPIC.search(code)
        subjects.append(Subject(name=name, code=match.group(1) if match else "", uri=suri))

    sources = [s.string("name") for s in doc.items("infoSources", "infosources")]
    sources += doc.strings("source") if isinstance(doc.get("source"), str) else []
    authors = [a.string("name") for a in doc.items("authors")]
    authors += [
        p.string("name")
        for p in doc.items("people")
        if p.string("rel").lower() in ("author", "byline")
    ]
    if not authors and isinstance(doc.get("by", "byline"), str):
        authors = [doc.string("by", "byline")]
    embargo = doc.when("embargoedUntil", "embargoed")
    return WireItem(
        uri=uri,
        version=str(doc.get("version") or "1")[:40],
        format=NAME,
        language=language.lower(),
        headline=" ".join(headline.split()),
        standfirst=" ".join(standfirst.split()),
        body_html=body_html,
        pub_status=pub_status,
        first_created=doc.when("firstCreated", "firstcreated"),
        version_created=doc.when("versionCreated", "versioncreated"),
        embargoed_until=embargo,
        subjects=tuple(subjects),
        sources=tuple(s for s in sources if s),
        authors=tuple(a for a in authors if a),
        keywords=tuple(doc.strings("keywords")),
        credit=doc.string("copyrightHolder", "copyrightholder"),
        rights=doc.string("copyrightNotice", "usageTerms"),
        picture=_feature_picture(doc, language),
        link=_first_link(doc),
    )


def _feature_picture(doc: _Doc, language: str) -> WirePicture | None:
    associations = doc.items("associations")
    chosen = next((a for a in associations if a.string("name").lower() == "featureimage"), None)
    chosen = chosen or next((a for a in associations if a.string("type") == "picture"), None)
    if chosen is None:
        return None
    renditions = chosen.items("renditions")
    if not renditions:
        raise WireError(chosen.field("renditions"), "the picture has no rendition to fetch")
    best = next(
        (r for r in renditions if r.string("name").lower() in ("original", "baseimage")), None
    )
    best = best or max(renditions, key=lambda r: _int(r, "width") or 0)
    href = best.string("href", required=True, limit=2000)
    headlines, descriptions = chosen.items("headlines"), chosen.items("descriptions")
    caption = _by_role(descriptions, ("caption",), default_first=False) or chosen.string(
        "description_text"
    )
    return WirePicture(
        uri=chosen.string("uri") or href,
        href=href,
        alt=_by_role(headlines, ("alt",), default_first=False)
        or chosen.string("headline")
        or caption,
        caption=caption,
        caption_language=(chosen.string("language") or language).lower(),
        credit=_by_role(descriptions, ("creditline", "credit"), default_first=False)
        or chosen.string("byline"),
        content_type=best.string("contentType", "mimetype"),
        width=_int(best, "width"),
        height=_int(best, "height"),
    )


def _int(doc: _Doc, name: str) -> int | None:
    value = doc.get(name)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise WireError(doc.field(name), "must be a non-negative integer")
    return value


def _first_link(doc: _Doc) -> str:
    for link in doc.items("links"):
        href = link.string("href")
        if href.startswith(("http://", "https://")):
            return href
    return ""


def _plain(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", " ", fragment)).strip()


def _text_to_html(text: str) -> str:
    """Plain text with blank lines between paragraphs → <p> paragraphs, escaped."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    return "".join(f"<p>{html.escape(' '.join(p.split()))}</p>" for p in paragraphs)
