"""A story as an IPTC ninjs 3.1 document, so akhbar can feed partners as an agency would.

Only properties of the ninjs 3.1 schema are written (it forbids any other). The mapping is
the one akhbar's own wire reader (akhbar.wire.formats.ninjs) reads back, so exporting a
story and importing it elsewhere gives the same story:

- headline → `headlines[role=main]`, standfirst → `descriptions[role=summary]`;
- body → `bodies[role=main]` as HTML: paragraphs as <p>/<ul>/<ol>, subheads as <h2>,
  quotes as <blockquote>…<cite>; inline pictures are left out (they are not text);
- section → first `subjects` entry (name, IPTC media topic URI), tags → further subjects
  with rel "keyword"; agencies → `infoSources`; authors → `people[rel=author]` and `by`;
- first publication → `firstCreated`, last update → `versionCreated`;
- lead picture → `associations[name=featureimage]` with alt (headline role "alt"),
  caption and creditline, and renditions of the original and the web copy.
"""

from __future__ import annotations

import html
import mimetypes
from typing import Any

from wagtail.rich_text import expand_db_html

from akhbar.distribution.stories import Urls, lead_rendition
from akhbar.newsroom.models import ArticlePage

NINJS_VERSION = "3.1"
NINJS_SCHEMA = "https://www.iptc.org/std/ninjs/ninjs-schema_3.1.json"
MEDIATOPIC_URI = "http://cv.iptc.org/newscodes/mediatopic/"
MEDIA_TYPE = "application/ninjs+json"


def story_uri(article: ArticlePage) -> str:
    """The story's identifier: the wire uri it came with, else its Wagtail translation key."""
    return article.uri or f"urn:uuid:{article.translation_key}"


def body_html(article: ArticlePage) -> str:
    """The body's text blocks as plain HTML a wire reader turns back into the same blocks."""
    parts: list[str] = []
    for block in article.body:
        if block.block_type == "paragraph":
            parts.append(expand_db_html(block.value.source))
        elif block.block_type == "subhead":
            parts.append(f"<h2>{html.escape(block.value)}</h2>")
        elif block.block_type == "quote":
            cite = block.value.get("attribution") or ""
            cite_html = f"<cite>{html.escape(cite)}</cite>" if cite else ""
            parts.append(f"<blockquote>{html.escape(block.value['text'])}{cite_html}</blockquote>")
    return "".join(parts)


def _iso(when) -> str | None:
    return when.isoformat() if when else None


def picture(article: ArticlePage, urls: Urls) -> dict | None:
    """The lead picture as a ninjs featureimage association."""
    image = article.lead_image
    if image is None:
        return None
    renditions = [
        {
            "name": "original",
            "href": urls.absolute_path(image.file.url),
            "contentType": mimetypes.guess_type(image.file.name)[0] or "image/jpeg",
            "width": image.width,
            "height": image.height,
        }
    ]
    web = lead_rendition(image)
    if web is not None:
        renditions.append(
            {
                "name": "web",
                "href": urls.absolute_path(web.url),
                "contentType": mimetypes.guess_type(web.file.name)[0] or "image/jpeg",
                "width": web.width,
                "height": web.height,
            }
        )
    descriptions = []
    if image.caption:
        descriptions.append({"role": "caption", "value": image.caption})
    if image.credit:
        descriptions.append({"role": "creditline", "value": image.credit})
    data: dict[str, Any] = {
        "name": "featureimage",
        "uri": image.source_uri or f"{story_uri(article)}:image:{image.pk}",
        "type": "picture",
        "language": image.caption_language or article.language,
        "headlines": [{"role": "alt", "value": image.alt_text or image.title}],
        "renditions": renditions,
    }
    if descriptions:
        data["descriptions"] = descriptions
    if image.credit:
        data["by"] = image.credit
    return data


def to_ninjs(article: ArticlePage, urls: Urls) -> dict:
    """The story as one ninjs 3.1 object (valid under IPTC's JSON schema)."""
    body = body_html(article)
    authors = [a.name for a in article.authors.all()]
    doc: dict[str, Any] = {
        "uri": story_uri(article),
        "type": "text",
        "representationType": "full",
        "version": str(article.latest_revision_id or 1),
        "firstCreated": _iso(article.first_published_at),
        "versionCreated": _iso(
            article.updated_at or article.last_published_at or article.first_published_at
        ),
        "pubStatus": "usable",
        "language": article.language,
        "headlines": [{"role": "main", "value": article.headline}],
    }
    if article.standfirst:
        doc["descriptions"] = [{"role": "summary", "value": article.standfirst}]
    doc["bodies"] = [
        {
            "role": "main",
            "contentType": "text/html",
            "value": body,
            "wordCount": article.word_count,
            "charCount": len(article.body_text()),
        }
    ]
    subjects = []
    if article.section_id:
        section = article.section
        subject = {"name": section.title, "rel": "about"}
        if section.iptc_code:
            subject["uri"] = MEDIATOPIC_URI + section.iptc_code
        subjects.append(subject)
    subjects += [{"name": t.name, "rel": "keyword"} for t in article.tags.all()]
    if subjects:
        doc["subjects"] = subjects
    agencies = [a.name for a in article.agencies.all()]
    if agencies:
        doc["infoSources"] = [{"name": n, "role": "source"} for n in agencies]
    if authors:
        doc["people"] = [{"name": n, "rel": "author"} for n in authors]
        doc["by"] = "، ".join(authors)
    feature = picture(article, urls)
    if feature:
        doc["associations"] = [feature]
    url = urls.absolute(article)
    if url:
        doc["altIds"] = [{"role": "url", "value": url}]
    doc["standard"] = {"name": "ninjs", "version": NINJS_VERSION, "schema": NINJS_SCHEMA}
    return {k: v for k, v in doc.items() if v is not None}
