"""Distribution's part of every reader page: metadata and feed links in <head>.

Registered on the newsroom's `akhbar_page_context` hook (see akhbar.newsroom.front), so the
newsroom never imports this app; `base.html` prints each entry of `head_tags`.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks

from akhbar.distribution.structured import head_tags
from akhbar.newsroom.front import cached_part
from akhbar.newsroom.models import EditionPage, SectionPage


@hooks.register("akhbar_page_context")
def add_head_tags(page, context: dict) -> dict:
    """Canonical, hreflang, Open Graph, Twitter, JSON-LD, and the page's feeds."""
    request = context.get("request")
    edition = context.get("edition")
    tags = list(context.get("head_tags") or [])
    def build() -> list:
        return [*head_tags(page, request, edition), *feed_links(page, edition)]

    if page.live and request is not None and not getattr(request, "is_preview", False):
        # The same for every reader until the next publish: built once (see front.cached_part).
        key = f"{page.pk}:{page.live_revision_id}:{request.build_absolute_uri('/')}"
        tags.extend(cached_part("head", key, build))
    else:
        tags.extend(build())
    return {"head_tags": tags}


def feed_links(page, edition: EditionPage | None) -> list:
    """<link rel="alternate"> to the RSS and Atom feeds of the edition (and section)."""
    if edition is None:
        return []
    language = edition.language
    links = [
        (reverse("distribution:edition-rss", kwargs={"language": language}), "rss", edition.title),
        (reverse("distribution:edition-atom", kwargs={"language": language}), "atom",
         edition.title),
    ]
    if isinstance(page, SectionPage):
        kwargs = {"language": language, "section": page.slug}
        title = f"{page.title} · {edition.title}"
        links += [(reverse("distribution:section-rss", kwargs=kwargs), "rss", title),
                  (reverse("distribution:section-atom", kwargs=kwargs), "atom", title)]
    return [
        format_html('<link rel="alternate" type="application/{}+xml" title="{}" href="{}">',
                    kind, title, url)
        for url, kind, title in links
    ]
