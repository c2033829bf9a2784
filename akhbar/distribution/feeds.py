"""RSS 2.0 and Atom feeds of an edition or a section, headlines or full text.

What to publish lives in `StoryFeed` (a Django syndication `Feed`); how to write it lives
in the two generators below, which add what Django's lack: the full body
(`content:encoded` in RSS, `<content>` in Atom), Media RSS for the picture's caption and
credit, and the feed's language from the edition rather than from the request.

Enclosures: the lead picture's rendition; other apps may add theirs (e.g. a spoken
version) through the Wagtail hook `akhbar_feed_enclosures(article, urls) -> list[Enclosure]`.
RSS 2.0 allows one `<enclosure>` per item, so RSS carries the first as `<enclosure>` and
every one as `media:content`; Atom carries all as `rel="enclosure"` links. A feed body is
cached until one of its stories changes (or an hour passes), so an enclosure a hook adds
later shows up within that hour.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.utils import feedgenerator
from wagtail import hooks

from akhbar.distribution.stories import (
    Urls,
    edition_by_language,
    lead_rendition,
    published_sections,
    published_stories,
    rendition_size,
)
from akhbar.newsroom.models import ArticlePage, EditionPage, SectionPage

FEED_SIZE = 50
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
MEDIA_NS = "http://search.yahoo.com/mrss/"


@dataclass
class FeedTarget:
    """One request's feed: whose stories, headlines or full text, and how to make URLs."""

    edition: EditionPage
    section: SectionPage | None
    full: bool
    urls: Urls

    @property
    def page(self):
        return self.section or self.edition


def resolve(request: HttpRequest, language: str, section: str | None = None) -> FeedTarget:
    """The edition (and section) a feed URL names, or 404 for anything else."""
    edition = edition_by_language(language)
    if edition is None:
        raise Http404("no such edition")
    found = None
    if section is not None:
        found = published_sections(edition).filter(slug=section).first()
        if found is None:
            raise Http404("no such section")
    full = request.GET.get("full", "") in ("1", "true", "yes")
    return FeedTarget(edition, found, full, Urls(request))


class RssStories(feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with content:encoded (full text) and Media RSS (picture caption, credit)."""

    def rss_attributes(self) -> dict:
        return {**super().rss_attributes(), "xmlns:content": CONTENT_NS, "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item) -> None:
        enclosures = item["enclosures"]
        item["enclosures"] = enclosures[:1]
        super().add_item_elements(handler, item)
        item["enclosures"] = enclosures
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])
        for enc in enclosures:
            medium = enc.mime_type.split("/")[0]
            handler.startElement(
                "media:content",
                {"url": enc.url, "type": enc.mime_type, "medium": medium, "fileSize": enc.length},
            )
            picture = item.get("picture") or {}
            if medium == "image" and picture.get("caption"):
                handler.addQuickElement("media:description", picture["caption"])
            if medium == "image" and picture.get("credit"):
                handler.addQuickElement("media:credit", picture["credit"])
            handler.endElement("media:content")


class AtomStories(feedgenerator.Atom1Feed):
    """Atom 1.0 with the full body as `<content type="html">`."""

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})


class StoryFeed(Feed):
    """The newest live stories of an edition or a section (RSS 2.0)."""

    feed_type = RssStories
    size = FEED_SIZE

    def get_object(self, request: HttpRequest, language: str, section: str | None = None):
        return resolve(request, language, section)

    def get_feed(self, obj: FeedTarget, request: HttpRequest):
        feed = super().get_feed(obj, request)
        feed.feed["language"] = obj.edition.language
        return feed

    def title(self, obj: FeedTarget) -> str:
        if obj.section:
            return f"{obj.section.title} · {obj.edition.title}"
        return obj.edition.title

    def link(self, obj: FeedTarget) -> str:
        return obj.urls.path(obj.page) or "/"

    def description(self, obj: FeedTarget) -> str:
        if obj.section and obj.section.description:
            return obj.section.description
        return obj.edition.tagline or obj.edition.title

    subtitle = description

    def feed_copyright(self, obj: FeedTarget) -> str:
        return obj.edition.title

    def items(self, obj: FeedTarget) -> list[ArticlePage]:
        qs = (
            published_stories(obj.edition, obj.section)
            .select_related("section", "lead_image")
            .prefetch_related("authors", "agencies", "lead_image__renditions")
        )
        stories = list(qs[: self.size])
        for story in stories:
            # Per-request parts computed here, because Feed's item_* methods see the item only.
            story.feed_link = obj.urls.path(story) or "/"
            story.feed_enclosures = enclosures(story, obj.urls)
            story.feed_content = str(story.body) if obj.full else ""
        return stories

    def item_title(self, item: ArticlePage) -> str:
        return item.headline

    def item_description(self, item: ArticlePage) -> str:
        return item.standfirst or item.search_description or item.headline

    def item_link(self, item: ArticlePage) -> str:
        return item.feed_link

    def item_guid(self, item: ArticlePage) -> str | None:
        return item.uri or None

    def item_guid_is_permalink(self, item: ArticlePage) -> bool:
        return not item.uri

    def item_pubdate(self, item: ArticlePage):
        return item.first_published_at

    def item_updateddate(self, item: ArticlePage):
        return item.updated_at or item.last_published_at or item.first_published_at

    def item_author_name(self, item: ArticlePage) -> str | None:
        names = [a.name for a in item.authors.all()] or [a.name for a in item.agencies.all()]
        return "، ".join(names) or None

    def item_categories(self, item: ArticlePage) -> list[str]:
        return [item.section.title] if item.section else []

    def item_enclosures(self, item: ArticlePage) -> list[feedgenerator.Enclosure]:
        return item.feed_enclosures

    def item_extra_kwargs(self, item: ArticlePage) -> dict:
        image = item.lead_image
        picture = {"caption": image.caption, "credit": image.credit} if image else {}
        return {"content_html": item.feed_content, "picture": picture}


class AtomStoryFeed(StoryFeed):
    """The same stories as Atom 1.0 (`xml:lang` on the feed)."""

    feed_type = AtomStories


def enclosures(story: ArticlePage, urls: Urls) -> list[feedgenerator.Enclosure]:
    """The story's media for feed readers: its picture, then whatever other apps add."""
    out = []
    rendition = lead_rendition(story.lead_image)
    if rendition is not None:
        mime = mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg"
        out.append(
            feedgenerator.Enclosure(
                urls.absolute_path(rendition.url), str(rendition_size(rendition)), mime
            )
        )
    for fn in hooks.get_hooks("akhbar_feed_enclosures"):
        out.extend(fn(story, urls) or [])
    return out
