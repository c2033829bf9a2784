"""Metadata in a page's <head>: schema.org JSON-LD, Open Graph, Twitter cards, canonical, hreflang.

Built as plain dicts and lists of (property, value) pairs first and written to HTML last,
so tests can check what is said apart from how it is escaped. JSON inside <script> is
escaped so no headline can end the script early: `<`, `>`, `&` and the two JavaScript
line separators become \\u escapes, which JSON parsers read back as the same characters.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from akhbar.distribution.stories import Urls, lead_rendition, visible
from akhbar.newsroom.models import ArticlePage, EditionPage, SectionPage

OG_LOCALES = {"ur": "ur_PK", "en": "en_GB", "ar": "ar_AR", "tr": "tr_TR"}
JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                0x2028: "\\u2028", 0x2029: "\\u2029"}


def json_ld(data: dict) -> SafeString:
    """A <script type="application/ld+json"> element that is safe whatever the strings hold."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def meta_tags(pairs: list[tuple[str, str]]) -> list[SafeString]:
    """<meta property=…> for og:/article:, <meta name=…> for twitter: (as each spec says)."""
    out = []
    for key, value in pairs:
        if value in (None, ""):
            continue
        attr = "name" if key.startswith("twitter:") else "property"
        out.append(format_html('<meta {}="{}" content="{}">', attr, key, str(value)))
    return out


def _iso(when) -> str | None:
    return when.isoformat() if when else None


def publisher(edition: EditionPage | None, urls: Urls) -> dict:
    """The news organisation behind a page, with the logo Google asks for."""
    logo = getattr(settings, "AKHBAR_PUBLISHER_LOGO", "") or static(
        "distribution/publisher-logo.png"
    )
    name = edition.title if edition else settings.WAGTAIL_SITE_NAME
    data = {
        "@type": "NewsMediaOrganization",
        "name": name,
        "logo": {"@type": "ImageObject", "url": urls.absolute_path(logo), "width": 600,
                 "height": 60},
    }
    home = urls.absolute(edition) if edition else None
    if home:
        data["url"] = home
    return data


def image_object(article: ArticlePage, urls: Urls) -> dict | None:
    """The lead picture (a rendition, not the original) as an ImageObject with caption, credit."""
    image = article.lead_image
    rendition = lead_rendition(image)
    if rendition is None:
        return None
    data = {
        "@type": "ImageObject",
        "url": urls.absolute_path(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
    }
    if image.caption:
        data["caption"] = image.caption
    if image.credit:
        data["creditText"] = image.credit
    if image.alt_text:
        data["description"] = image.alt_text
    return data


def article_data(article: ArticlePage, urls: Urls, edition: EditionPage | None) -> dict:
    """schema.org NewsArticle for one story."""
    canonical = urls.absolute(article)
    authors = [{"@type": "Person", "name": a.name} for a in article.authors.all()]
    if not authors:
        authors = [{"@type": "Organization", "name": a.name} for a in article.agencies.all()]
    if not authors and edition is not None:
        authors = [{"@type": "Organization", "name": edition.title}]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
        "description": article.standfirst or article.search_description or article.headline,
        "datePublished": _iso(article.first_published_at),
        "dateModified": _iso(article.updated_at or article.last_published_at
                             or article.first_published_at),
        "author": authors,
        "publisher": publisher(edition, urls),
        "inLanguage": article.language,
        "wordCount": article.word_count,
        "isAccessibleForFree": True,
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "url": canonical,
    }
    if article.section_id:
        data["articleSection"] = article.section.title
    picture = image_object(article, urls)
    if picture:
        data["image"] = [picture]
    keywords = [t.name for t in article.tags.all()]
    if keywords:
        data["keywords"] = keywords
    return data


def listing_data(page, urls: Urls, edition: EditionPage | None) -> dict:
    """WebSite for an edition's home, CollectionPage for a section."""
    url = urls.absolute(page)
    language = edition.language if edition else "ur"
    if isinstance(page, EditionPage):
        return {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": page.title,
            "description": page.tagline or page.title,
            "url": url,
            "inLanguage": language,
            "publisher": publisher(page, urls),
        }
    data = {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": page.title,
        "description": getattr(page, "description", "") or page.title,
        "url": url,
        "inLanguage": language,
        "publisher": publisher(edition, urls),
    }
    if edition is not None:
        data["isPartOf"] = {"@type": "WebSite", "name": edition.title,
                            "url": urls.absolute(edition)}
    return data


def alternates(page, urls: Urls) -> list[tuple[str, str]]:
    """(language, URL) of the page and its live translations; empty when it has none."""
    translations = visible(page.get_translations(inclusive=False).specific())
    found = [(t.locale.language_code, urls.absolute(t)) for t in translations.select_related(
        "locale")]
    found = [(lang, url) for lang, url in found if url]
    if not found:
        return []
    return [(page.locale.language_code, urls.absolute(page)), *found]


def x_default(alternates: Sequence[tuple[str, str]]) -> str | None:
    """The URL for readers whose language has no edition: the default (Urdu) edition's version.

    None when the story has no version in the default edition: every page of a translation
    cluster must name the same x-default (or none), and "the page itself" would differ from
    page to page. Used by the <head> links and by the sitemap, so the two always agree.
    """
    return dict(alternates).get(settings.LANGUAGE_CODE)


def head_tags(page, request: HttpRequest | None, edition: EditionPage | None) -> list[SafeString]:
    """Everything distribution puts in a reader page's <head>, in order."""
    urls = Urls(request)
    canonical = urls.absolute(page)
    language = getattr(page, "language", None) or (edition.language if edition else "ur")
    site_name = edition.title if edition else settings.WAGTAIL_SITE_NAME
    tags: list[SafeString] = []
    if canonical:
        tags.append(format_html('<link rel="canonical" href="{}">', canonical))
    translations = alternates(page, urls)
    for lang, url in translations:
        tags.append(format_html('<link rel="alternate" hreflang="{}" href="{}">', lang, url))
    default = x_default(translations)
    if default:
        tags.append(format_html('<link rel="alternate" hreflang="x-default" href="{}">', default))
    og = [("og:site_name", site_name), ("og:locale", OG_LOCALES.get(language, language)),
          ("og:url", canonical)]
    if isinstance(page, ArticlePage):
        data = article_data(page, urls, edition)
        picture = (data.get("image") or [None])[0]
        description = data["description"]
        og += [("og:type", "article"), ("og:title", page.headline),
               ("og:description", description)]
        if picture:
            og += [("og:image", picture["url"]), ("og:image:width", picture["width"]),
                   ("og:image:height", picture["height"]),
                   ("og:image:alt", page.lead_image.alt_text)]
        og += [("article:published_time", data["datePublished"]),
               ("article:modified_time", data["dateModified"]),
               ("article:section", data.get("articleSection", ""))]
        og += [("article:tag", k) for k in data.get("keywords", [])]
        og += [("twitter:card", "summary_large_image" if picture else "summary"),
               ("twitter:title", page.headline), ("twitter:description", description)]
        if picture:
            og += [("twitter:image", picture["url"]),
                   ("twitter:image:alt", page.lead_image.alt_text)]
    elif isinstance(page, (EditionPage, SectionPage)):
        data = listing_data(page, urls, edition)
        og += [("og:type", "website"), ("og:title", page.title),
               ("og:description", data["description"]), ("twitter:card", "summary"),
               ("twitter:title", page.title), ("twitter:description", data["description"])]
    else:
        return tags
    tags.extend(meta_tags(og))
    tags.append(json_ld(data))
    return tags
