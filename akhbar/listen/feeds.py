"""A podcast feed of spoken stories per edition: /listen/feed.xml (Urdu), /listen/<lang>/feed.xml.

Django's syndication ``Feed`` decides *what* is published (the edition's newest stories
with ready audio); ``PodcastFeed`` adds the iTunes podcast namespace podcast clients read
(duration, author, category, explicit). Enclosures are the MP3 files, the format every
podcast client plays, with their exact length in bytes.
"""

from __future__ import annotations

import copy

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed

from akhbar.listen.models import Recording
from akhbar.newsroom.models import ArticlePage, EditionPage

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
FEED_SIZE = 50
TITLES = {"ur": ("سنیے", "اخبار کی خبریں، اردو آواز میں")}


def clock(seconds: float) -> str:
    """itunes:duration as H:MM:SS."""
    total = round(seconds)
    return f"{total // 3600}:{total % 3600 // 60:02d}:{total % 60:02d}"


class PodcastFeed(Rss201rev2Feed):
    """RSS 2.0 with the iTunes podcast elements."""

    def rss_attributes(self) -> dict:
        return {**super().rss_attributes(), "xmlns:itunes": ITUNES}

    def add_root_elements(self, handler) -> None:
        super().add_root_elements(handler)
        handler.addQuickElement("itunes:author", self.feed.get("author_name") or "")
        handler.addQuickElement("itunes:explicit", "false")
        handler.addQuickElement("itunes:type", "episodic")
        handler.addQuickElement("itunes:category", "", {"text": "News"})
        handler.addQuickElement("itunes:summary", self.feed.get("description") or "")

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        handler.addQuickElement("itunes:duration", item["duration"])
        handler.addQuickElement("itunes:explicit", "false")
        if item.get("summary"):
            handler.addQuickElement("itunes:summary", item["summary"])


class EditionPodcast(Feed):
    """The spoken stories of one edition, newest first."""

    feed_type = PodcastFeed
    language = "ur"

    def __call__(self, request: HttpRequest, *args, **kwargs):
        # URLconf holds one instance for all requests: per-request state goes on a copy.
        view = copy.copy(self)
        view.request = request
        return Feed.__call__(view, request, *args, **kwargs)

    def get_object(self, request: HttpRequest, language: str = "ur") -> EditionPage:
        edition = EditionPage.objects.live().filter(locale__language_code=language).first()
        if edition is None:
            raise Http404("no such edition")
        self.language = edition.language  # Feed reads `language` as a plain attribute
        return edition

    def title(self, edition: EditionPage) -> str:
        suffix = TITLES.get(edition.language, ("Listen", ""))[0]
        return f"{edition.title} — {suffix}"

    def description(self, edition: EditionPage) -> str:
        return TITLES.get(edition.language, ("", f"{edition.title} (audio)"))[1]

    def link(self, edition: EditionPage) -> str:
        return edition.get_full_url(self.request) or "/"

    def feed_url(self, edition: EditionPage) -> str:
        return self.request.build_absolute_uri()

    def author_name(self, edition: EditionPage) -> str:
        return edition.title

    def items(self, edition: EditionPage):
        return (
            ArticlePage.objects.live().public().descendant_of(edition)
            .filter(recording__status=Recording.Status.READY).exclude(recording__mp3="")
            .select_related("recording").order_by("-first_published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item: ArticlePage) -> str:
        return item.headline

    def item_description(self, item: ArticlePage) -> str:
        return item.standfirst or item.headline

    def item_link(self, item: ArticlePage) -> str:
        return item.get_full_url(self.request) or ""

    def item_guid(self, item: ArticlePage) -> str:
        return f"akhbar-listen-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: ArticlePage):
        return item.first_published_at

    def item_updateddate(self, item: ArticlePage):
        return item.updated_at or item.last_published_at

    def item_enclosure_url(self, item: ArticlePage) -> str:
        path = reverse("listen:audio", kwargs={"article_id": item.pk, "ext": "mp3"})
        return self.request.build_absolute_uri(path)

    def item_enclosure_length(self, item: ArticlePage) -> int:
        return item.recording.mp3_bytes

    def item_enclosure_mime_type(self, item: ArticlePage) -> str:
        return "audio/mpeg"

    def item_extra_kwargs(self, item: ArticlePage) -> dict:
        return {"duration": clock(item.recording.duration_seconds), "summary": item.standfirst}
