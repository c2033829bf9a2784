"""Views for feeds, sitemaps and robots.txt: validators, cache and headers around the framework.

Each view names the stories its output is made of, takes their fingerprint (one aggregate
query) and lets `caching.cached_output` answer 304, serve the cached body or build it
with Django's syndication / sitemaps views.
"""

from __future__ import annotations

from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from akhbar.distribution.caching import cached_output
from akhbar.distribution.feeds import AtomStoryFeed, StoryFeed, resolve
from akhbar.distribution.sitemaps import sitemaps_for, structure_stamp, w3c
from akhbar.distribution.stories import Urls, fingerprint, head_fingerprint, published_stories

rss_feed = StoryFeed()
atom_feed = AtomStoryFeed()
NEWS_BUCKET_SECONDS = 600


def _feed_view(feed, kind: str):
    @require_safe
    def view(request: HttpRequest, language: str, section: str | None = None) -> HttpResponse:
        target = resolve(request, language, section)
        etag, last = head_fingerprint(
            published_stories(target.edition, target.section),
            feed.size,
            target.page.last_published_at,
            request.get_host(),
            request.scheme,
        )
        key = f"{kind}:{language}:{section or ''}:{int(target.full)}"
        return cached_output(
            request, key, etag, last, lambda: feed(request, language=language, section=section)
        )

    view.__name__ = f"{kind}_feed"
    return view


edition_rss = _feed_view(rss_feed, "rss")
edition_atom = _feed_view(atom_feed, "atom")


def _site_validators(request: HttpRequest, *extra: object):
    return fingerprint(
        published_stories(), structure_stamp(), request.get_host(), request.scheme, *extra
    )


@require_safe
def sitemap_index(request: HttpRequest) -> HttpResponse:
    """The sitemap index: every edition's story and section maps, and the News map."""
    etag, last = _site_validators(request)

    def build() -> HttpResponse:
        maps = sitemaps_for(Urls(request))
        response = sitemap_views.index(
            request,
            maps,
            template_name="distribution/sitemap_index.xml",
            sitemap_url_name="distribution:sitemap",
        )
        # Dates as W3C date-times in UTC, whatever the active language's date format.
        response.context_data["sitemaps"] = [
            {"location": s.location, "w3c": w3c(s.last_mod)}
            for s in response.context_data["sitemaps"]
        ]
        return response.render()

    return cached_output(request, "sitemap-index", etag, last, build)


@require_safe
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    """One sitemap (one page of it with `?p=`), news in Google's News format."""
    page = request.GET.get("p", "1")
    if not page.isascii() or not page.isdigit() or len(page) > 6:
        raise Http404("no such sitemap page")
    # The News map changes as stories age out of its 48 hours, so its key moves with time.
    bucket = int(timezone.now().timestamp()) // NEWS_BUCKET_SECONDS if section == "news" else 0
    etag, last = _site_validators(request, section, page, bucket)
    template = "distribution/news_sitemap.xml" if section == "news" else "distribution/sitemap.xml"

    def build() -> HttpResponse:
        maps = sitemaps_for(Urls(request))
        response = sitemap_views.sitemap(request, maps, section=section, template_name=template)
        return response.render()

    return cached_output(request, f"sitemap:{section}:{page}", etag, last, build)


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """robots.txt pointing crawlers at the sitemap index and the News sitemap."""
    urls = [
        request.build_absolute_uri(reverse("distribution:sitemap-index")),
        request.build_absolute_uri(reverse("distribution:sitemap", kwargs={"section": "news"})),
    ]
    body = render_to_string("distribution/robots.txt", {"sitemaps": urls})
    response = HttpResponse(body, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response
