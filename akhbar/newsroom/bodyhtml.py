"""Agency HTML → a safe article body (StreamField data), in reading order.

Everything from outside passes through nh3 (the Ammonia sanitizer) first: only the tags
an article body can show survive, links keep http(s)/mailto only, scripts and event
handlers are gone. The clean HTML is then cut into the body's blocks: paragraphs,
subheads and quotes, so editors get the same blocks they would type.
"""

from __future__ import annotations

import html
import re

import nh3
from lxml import html as lxml_html

ALLOWED_TAGS = {
    "p",
    "br",
    "b",
    "strong",
    "i",
    "em",
    "a",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "cite",
    "q",
    "sub",
    "sup",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
INLINE = {
    "b": "b",
    "strong": "b",
    "i": "i",
    "em": "i",
    "a": "a",
    "br": "br",
    "sub": "sub",
    "sup": "sup",
}
MAX_BODY_CHARS = 2_000_000


def clean_html(fragment: str) -> str:
    """Sanitize untrusted HTML down to what an article body may contain."""
    if len(fragment) > MAX_BODY_CHARS:
        raise ValueError(f"body is {len(fragment):,} characters (at most {MAX_BODY_CHARS:,})")
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        clean_content_tags={"script", "style"},
    )


def stream_from_html(fragment: str) -> list[dict]:
    """Sanitized StreamField data for an article body made from untrusted HTML."""
    clean = clean_html(fragment).strip()
    if not clean:
        return []
    blocks: list[dict] = []
    loose: list[str] = []

    def flush_loose() -> None:
        text = "".join(loose).strip()
        loose.clear()
        for part in re.split(r"(?:<br\s*/?>\s*){2,}", text):
            if _plain(part):
                blocks.append({"type": "paragraph", "value": f"<p>{part.strip()}</p>"})

    root = lxml_html.fragment_fromstring(clean, create_parent="div")
    if root.text and root.text.strip():
        loose.append(html.escape(root.text))
    for el in root:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in INLINE:
            loose.append(_inline_html(el))
        else:
            flush_loose()
            if tag == "p":
                inner = _children_html(el).strip()
                if _plain(inner):
                    blocks.append({"type": "paragraph", "value": f"<p>{inner}</p>"})
            elif tag in {"h2", "h3", "h4", "h5", "h6"}:
                text = " ".join(el.text_content().split())
                if text:
                    blocks.append({"type": "subhead", "value": text})
            elif tag == "blockquote":
                cite = el.find(".//cite")
                attribution = " ".join(cite.text_content().split()) if cite is not None else ""
                if cite is not None:
                    cite.drop_tree()
                text = " ".join(el.text_content().split())
                if text:
                    blocks.append(
                        {"type": "quote", "value": {"text": text, "attribution": attribution}}
                    )
            elif tag in {"ul", "ol"}:
                items = "".join(
                    f"<li>{_children_html(li).strip()}</li>" for li in el if li.tag == "li"
                )
                if items:
                    blocks.append({"type": "paragraph", "value": f"<{tag}>{items}</{tag}>"})
            elif _plain(el.text_content()):
                loose.append(html.escape(el.text_content()))
        if el.tail and el.tail.strip():
            loose.append(html.escape(el.tail))
    flush_loose()
    return blocks


def _children_html(el) -> str:
    parts = [html.escape(el.text or "")]
    for child in el:
        parts.append(
            _inline_html(child) if child.tag in INLINE else html.escape(child.text_content())
        )
        parts.append(html.escape(child.tail or ""))
    return "".join(parts)


def _inline_html(el) -> str:
    """Inline markup in Wagtail's rich-text dialect (<b>, <i>, external <a href>)."""
    tag = INLINE[el.tag]
    tail_free = _children_html(el)
    if tag == "br":
        return "<br/>"
    if tag == "a":
        href = el.get("href", "")
        if not href:
            return tail_free
        return f'<a href="{html.escape(href, quote=True)}">{tail_free}</a>'
    return f"<{tag}>{tail_free}</{tag}>"


def _plain(fragment: str) -> str:
    return re.sub(r"<[^>]+>", "", fragment).strip()
