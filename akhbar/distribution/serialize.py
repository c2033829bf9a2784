"""Model → API response dicts (shaped by akhbar.distribution.schemas)."""

from __future__ import annotations

from django.urls import reverse

from akhbar.distribution.ninjs import body_html
from akhbar.distribution.stories import Urls, lead_rendition
from akhbar.newsroom.models import ArticlePage, EditionPage, SectionPage


def _feeds(urls: Urls, language: str, section: str | None = None) -> dict:
    if section is None:
        rss = reverse("distribution:edition-rss", kwargs={"language": language})
        atom = reverse("distribution:edition-atom", kwargs={"language": language})
    else:
        kwargs = {"language": language, "section": section}
        rss = reverse("distribution:section-rss", kwargs=kwargs)
        atom = reverse("distribution:section-atom", kwargs=kwargs)
    return {"rss": urls.absolute_path(rss), "atom": urls.absolute_path(atom)}


def edition_out(edition: EditionPage, urls: Urls) -> dict:
    return {
        "id": edition.pk,
        "language": edition.language,
        "title": edition.title,
        "tagline": edition.tagline,
        "url": urls.absolute(edition),
        "feeds": _feeds(urls, edition.language),
    }


def section_out(section: SectionPage, edition: EditionPage, urls: Urls) -> dict:
    return {
        "id": section.pk,
        "edition": edition.language,
        "title": section.title,
        "slug": section.slug,
        "description": section.description,
        "iptc_code": section.iptc_code,
        "url": urls.absolute(section),
        "feeds": _feeds(urls, edition.language, section.slug),
    }


def article_summary(article: ArticlePage, urls: Urls) -> dict:
    section = article.section if article.section_id else None
    return {
        "id": article.pk,
        "uri": article.uri,
        "url": urls.absolute(article),
        "headline": article.headline,
        "standfirst": article.standfirst,
        "published": article.first_published_at,
        "updated": article.updated_at or article.last_published_at,
        "language": article.language,
        "section": {"id": section.pk, "title": section.title, "slug": section.slug}
        if section
        else None,
        "reading_minutes": article.reading_minutes,
        "word_count": article.word_count,
    }


def image_out(article: ArticlePage, urls: Urls) -> dict | None:
    image = article.lead_image
    rendition = lead_rendition(image)
    if rendition is None:
        return None
    return {
        "url": urls.absolute_path(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.alt_text,
        "caption": image.caption,
        "caption_language": image.caption_language,
        "credit": image.credit,
    }


def article_detail(article: ArticlePage, urls: Urls, ninjs_url: str) -> dict:
    return {
        **article_summary(article, urls),
        "body_html": body_html(article),
        "paragraphs": article.paragraphs(),
        "authors": [a.name for a in article.authors.all()],
        "agencies": [a.name for a in article.agencies.all()],
        "tags": [t.name for t in article.tags.all()],
        "image": image_out(article, urls),
        "ninjs": ninjs_url,
    }
