"""Parsing agency XML without letting the document reach anything but its own bytes.

Wire XML never needs a DTD, so any document type declaration with an internal subset or
an entity declaration is refused before a parser sees it: that closes external entities
(XXE), entity expansion bombs (billion laughs) and DTD fetches at once. The lxml parser
is configured the same way as a second wall (no entity resolution, no network, no DTD
loading, no huge trees), so a trick that slips past the scan still expands nothing.
"""

from __future__ import annotations

import re

from lxml import etree

from akhbar.wire.items import WireError

MAX_XML_BYTES = 20 * 1024 * 1024
MAX_XML_DEPTH = 200
_DECLARATION = re.compile(rb"<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']", re.I)
_ENTITY = re.compile(r"<!ENTITY", re.I)
_DOCTYPE_SUBSET = re.compile(r"<!DOCTYPE[^>\[]*\[", re.I)
_DOCTYPE = re.compile(r"<!DOCTYPE", re.I)


def decode(data: bytes) -> str:
    """The document as text: UTF-8 only (as NewsML-G2 and nearly every feed send it)."""
    if len(data) > MAX_XML_BYTES:
        raise WireError("", f"document is {len(data):,} bytes (at most {MAX_XML_BYTES:,})")
    declared = _DECLARATION.search(data[:200])
    if declared and declared.group(1).lower().replace(b"_", b"-") not in (
        b"utf-8",
        b"utf8",
        b"us-ascii",
        b"ascii",
    ):
        raise WireError("", f"declared encoding {declared.group(1).decode()!r} is not UTF-8")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise WireError("", f"not UTF-8 text (invalid byte at position {exc.start})") from exc


def refuse_dtd(text: str, *, allow_plain_doctype: bool = False) -> None:
    """Refuse entity declarations and DTD internal subsets (and any DOCTYPE unless allowed)."""
    if _ENTITY.search(text):
        raise WireError(
            "",
            "the document declares XML entities (refused: entity expansion "
            "and external entities are never allowed)",
        )
    if _DOCTYPE_SUBSET.search(text):
        raise WireError("", "the document carries an inline DTD (refused)")
    if not allow_plain_doctype and _DOCTYPE.search(text):
        raise WireError("", "the document has a DOCTYPE declaration (refused: no DTDs)")


def parse_xml(data: bytes) -> etree._Element:
    """The root element of a hardened parse of `data`, or WireError with the reason."""
    text = decode(data)
    refuse_dtd(text)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
        remove_comments=True,
        collect_ids=False,
    )
    try:
        root = etree.fromstring(text.lstrip().encode("utf-8"), parser=parser)
    except etree.XMLSyntaxError as exc:
        raise WireError("", f"not well-formed XML: {exc.msg}") from exc
    if root.getroottree().docinfo.internalDTD is not None:  # pragma: no cover - scanned above
        raise WireError("", "the document carries a DTD (refused)")
    for el in root.iter():
        if isinstance(el, etree._Entity):  # pragma: no cover - scanned above
            raise WireError("", "the document uses XML entities (refused)")
    _check_depth(root)
    return root


def _check_depth(root: etree._Element) -> None:
    """Refuse absurdly nested documents, which no news item needs."""
    stack = [(root, 1)]
    while stack:
        el, depth = stack.pop()
        if depth > MAX_XML_DEPTH:
            raise WireError("", f"XML nested more than {MAX_XML_DEPTH} levels deep")
        stack.extend((child, depth + 1) for child in el)
