"""IPTC NewsML-G2: a `newsItem`, or a `newsMessage` carrying several, into WireItems.

Read from the G2 specification: `guid`/`version` on the item, `itemMeta` (item class,
pubStatus, versionCreated, firstCreated, embargoed, links), `contentMeta` (language,
headlines by role, descriptions by role, subjects with qcodes such as `medtop:06000000`,
infoSource, creator, by, creditline, keywords), `rightsInfo`, and a `contentSet` holding
inline XHTML, inline text or, for pictures, `remoteContent`. A picture item in the same
message becomes the picture of the text item that links to it (or of the only text item).
Parsing goes through `xmlsafe`: no DTDs, no entities, no network.
"""

from __future__ import annotations

import html
from datetime import datetime

from lxml import etree

from akhbar.wire.formats.xmlsafe import parse_xml
from akhbar.wire.items import Subject, WireError, WireItem, WirePicture, raise_first

NAME = "newsml_g2"
NAR = "http://iptc.org/std/nar/2006-10-01/"
XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
N = {"n": NAR, "h": XHTML}
PUB_STATUS = {
    "usable": "usable",
    "withheld": "withheld",
    "canceled": "canceled",
    "cancelled": "canceled",
}


def sniff(data: bytes) -> bool:
    """True for XML whose root is a NewsML-G2 newsItem or newsMessage."""
    head = data[:4096]
    return (
        head.lstrip().startswith((b"<", b"\xef\xbb\xbf<"))
        and NAR.encode() in head
        and (b"newsItem" in head or b"newsMessage" in head)
    )


def parse(data: bytes) -> list[WireItem]:
    """Every newsItem of the document, or WireError for the first one refused."""
    return raise_first(parse_each(data))


def parse_each(data: bytes) -> list[WireItem | WireError]:
    """Every story newsItem (pictures attached) or the error it alone was refused for."""
    root = parse_xml(data)
    tag = etree.QName(root).localname
    if etree.QName(root).namespace != NAR or tag not in ("newsItem", "newsMessage"):
        raise WireError("", f"root element <{tag}> is not a NewsML-G2 newsItem or newsMessage")
    items = [root] if tag == "newsItem" else root.findall("n:itemSet/n:newsItem", N)
    if not items:
        raise WireError("itemSet", "the message carries no newsItem")
    pictures: dict[str, WirePicture] = {}
    texts: list[etree._Element] = []
    for i, el in enumerate(items):
        where = f"newsItem[{i}]" if tag == "newsMessage" else "newsItem"
        if _item_class(el) in ("picture", "graphic"):
            picture = _picture_item(el, where)
            if picture:
                pictures[picture.uri] = picture
        else:
            texts.append(el)
    if not texts:
        raise WireError("itemSet", "the message carries pictures but no story to attach them to")
    only = next(iter(pictures.values())) if len(pictures) == 1 and len(texts) == 1 else None
    out: list[WireItem | WireError] = []
    for i, el in enumerate(texts):
        try:
            where = f"newsItem[{i}]" if tag == "newsMessage" else "newsItem"
            out.append(_text_item(el, where, pictures, only))
        except WireError as exc:
            out.append(exc)
    return out


def _item_class(el: etree._Element) -> str:
    qcode = el.find("n:itemMeta/n:itemClass", N)
    return (qcode.get("qcode", "") if qcode is not None else "").split(":")[-1]


def _text(el: etree._Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def _by_role(
    parent: etree._Element | None, tag: str, roles: tuple[str, ...], fallback: bool = True
) -> str:
    if parent is None:
        return ""
    found = parent.findall(f"n:{tag}", N)
    for role in roles:
        for el in found:
            if el.get("role", "").split(":")[-1] == role:
                return _text(el)
    if fallback:
        plain = [el for el in found if not el.get("role")] or found
        return _text(plain[0]) if plain else ""
    return ""


def _when(el: etree._Element | None, where: str) -> datetime | None:
    raw = (el.text or "").strip() if el is not None else ""
    if not raw:
        return None
    try:
        value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError as exc:
        raise WireError(where, f"{raw[:40]!r} is not an ISO 8601 date-time") from exc
    if value.tzinfo is None:
        raise WireError(where, f"{raw[:40]!r} has no time zone offset")
    return value


def _guid(el: etree._Element, where: str) -> str:
    guid = (el.get("guid") or "").strip()
    if not guid:
        raise WireError(f"{where}@guid", "is required")
    if len(guid) > 500:
        raise WireError(f"{where}@guid", f"is {len(guid)} characters long (at most 500)")
    return guid


def _text_item(
    el: etree._Element, where: str, pictures: dict[str, WirePicture], only: WirePicture | None
) -> WireItem:
    guid = _guid(el, where)
    try:
        return _build(el, where, guid, pictures, only)
    except WireError as exc:
        exc.uri = guid
        raise


def _build(
    el: etree._Element,
    where: str,
    guid: str,
    pictures: dict[str, WirePicture],
    only: WirePicture | None,
) -> WireItem:
    meta = el.find("n:itemMeta", N)
    content = el.find("n:contentMeta", N)
    status = meta.find("n:pubStatus", N) if meta is not None else None
    raw_status = status.get("qcode", "stat:usable") if status is not None else "stat:usable"
    pub_status = PUB_STATUS.get(raw_status.split(":")[-1].lower())
    if pub_status is None:
        raise WireError(f"{where}.itemMeta.pubStatus", f"{raw_status[:40]!r} is not a status")
    headline = _by_role(content, "headline", ("main", "headline"))
    if not headline:
        raise WireError(f"{where}.contentMeta.headline", "the item has no headline")
    lang_el = content.find("n:language", N) if content is not None else None
    language = (lang_el.get("tag", "") if lang_el is not None else "") or el.get(XML_LANG, "")
    subjects = []
    for s in content.findall("n:subject", N) if content is not None else []:
        qcode = s.get("qcode", "")
        code = qcode.split(":", 1)[1] if qcode.startswith("medtop:") else ""
        uri = s.get("uri", "") or qcode
        if "mediatopic/" in uri:
            code = code or uri.rsplit("/", 1)[-1]
        subjects.append(Subject(name=_text(s.find("n:name", N)), code=code, uri=uri))
    rights = el.find("n:rightsInfo", N)
    linked = (
        {link.get("residref", "") for link in meta.findall("n:link", N)}
        if meta is not None
        else set()
    )
    picture = next((pictures[r] for r in linked if r in pictures), None) or only
    body_html, inline_picture = _content(el, where)
    link = next(
        (
            lk.get("href", "")
            for lk in (meta.findall("n:link", N) if meta is not None else [])
            if lk.get("href", "").startswith(("http://", "https://"))
        ),
        "",
    )
    return WireItem(
        uri=guid,
        version=(el.get("version") or "1")[:40],
        format=NAME,
        language=language.lower(),
        headline=headline,
        standfirst=_by_role(content, "description", ("summary", "abstract")),
        body_html=body_html,
        pub_status=pub_status,
        first_created=_when(
            meta.find("n:firstCreated", N) if meta is not None else None,
            f"{where}.itemMeta.firstCreated",
        ),
        version_created=_when(
            meta.find("n:versionCreated", N) if meta is not None else None,
            f"{where}.itemMeta.versionCreated",
        ),
        embargoed_until=_when(
            meta.find("n:embargoed", N) if meta is not None else None, f"{where}.itemMeta.embargoed"
        ),
        subjects=tuple(subjects),
        sources=tuple(
            _text(s.find("n:name", N)) or s.get("qcode", "")
            for s in (content.findall("n:infoSource", N) if content is not None else [])
            if _text(s.find("n:name", N)) or s.get("qcode")
        ),
        authors=tuple(
            a
            for a in [
                _text(c.find("n:name", N))
                for c in (content.findall("n:creator", N) if content is not None else [])
            ]
            + ([_text(content.find("n:by", N))] if content is not None else [])
            if a
        ),
        keywords=tuple(
            _text(k)
            for k in (content.findall("n:keyword", N) if content is not None else [])
            if _text(k)
        ),
        picture=picture or inline_picture,
        link=link,
        credit=_text(content.find("n:creditline", N)) if content is not None else "",
        rights=_text(rights.find("n:copyrightNotice", N)) if rights is not None else "",
    )


def _content(el: etree._Element, where: str) -> tuple[str, WirePicture | None]:
    """The body (XHTML kept as markup, plain text escaped) and any remote picture."""
    content_set = el.find("n:contentSet", N)
    if content_set is None:
        return "", None
    body = ""
    xml = content_set.find("n:inlineXML", N)
    if xml is not None:
        found = xml.find(".//h:body", N)
        nodes = list(found) if found is not None else list(xml)
        body = "".join(_xhtml(node) for node in nodes)
    else:
        data = content_set.find("n:inlineData", N)
        if data is not None:
            paragraphs = [p.strip() for p in (data.text or "").split("\n\n") if p.strip()]
            body = "".join(f"<p>{html.escape(' '.join(p.split()))}</p>" for p in paragraphs)
    remote = [
        r
        for r in content_set.findall("n:remoteContent", N)
        if r.get("contenttype", "").startswith("image/")
    ]
    picture = _remote_picture(remote, el, where, "", "", "") if remote else None
    return body, picture


def _xhtml(node: etree._Element) -> str:
    """One XHTML element as HTML text without namespaces (the sanitizer does the rest)."""
    copy = etree.fromstring(etree.tostring(node))
    for e in copy.iter():
        if isinstance(e.tag, str):
            e.tag = etree.QName(e).localname
    etree.cleanup_namespaces(copy)
    return etree.tostring(copy, encoding="unicode", method="html", with_tail=False)


def _picture_item(el: etree._Element, where: str) -> WirePicture | None:
    content = el.find("n:contentMeta", N)
    remote = el.findall("n:contentSet/n:remoteContent", N)
    if not remote:
        return None
    caption = _by_role(content, "description", ("caption",)) or _by_role(content, "headline", ())
    alt = _by_role(content, "headline", ("alt",), fallback=False) or caption
    credit = _text(content.find("n:creditline", N)) if content is not None else ""
    return _remote_picture(remote, el, where, alt, caption, credit)


def _remote_picture(
    remote: list[etree._Element],
    el: etree._Element,
    where: str,
    alt: str,
    caption: str,
    credit: str,
) -> WirePicture:
    def size(r: etree._Element, name: str) -> int | None:
        raw = r.get(name)
        if raw is None:
            return None
        if not raw.isdigit():
            raise WireError(f"{where}.remoteContent@{name}", f"{raw[:20]!r} is not a number")
        return int(raw)

    best = max(remote, key=lambda r: size(r, "width") or 0)
    href = best.get("href", "").strip()
    if not href:
        raise WireError(f"{where}.remoteContent@href", "is required")
    content = el.find("n:contentMeta", N)
    lang = content.find("n:language", N) if content is not None else None
    return WirePicture(
        uri=el.get("guid") or href,
        href=href,
        alt=alt,
        caption=caption,
        caption_language=(
            lang.get("tag", "") if lang is not None else el.get(XML_LANG, "")
        ).lower(),
        credit=credit,
        content_type=best.get("contenttype", ""),
        width=size(best, "width"),
        height=size(best, "height"),
    )
