"""Serving reader pages: Wagtail's own `serve`, with the site and the edition already known.

For every page Wagtail first finds the site for the request's host, then the site's root
page in the active language (`root_page.localized.specific`): three queries before the
page itself is looked for, and the same answer for every reader until something is
published. Here that answer is kept per publish generation (newsroom.front.cached_part;
site, locale and page changes bump it) and handed to Wagtail the way Wagtail caches it on
the request itself, so `wagtail.views.serve` runs unchanged: hooks, view restrictions,
`before_serve_page`, and every other Wagtail path still apply.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from akhbar.newsroom.front import cached_part, one_generation


def edition_for(request: HttpRequest) -> tuple[Site | None, Page | None]:
    """(site, edition home page in the active language) for this request, or (None, None)."""
    key = f"{request.get_host()}:{request.get_port()}:{translation.get_language()}"

    def build():
        site = Site.find_for_request(request)
        if site is None:
            return (None, None)
        return (site, site.root_page.localized.specific)

    return cached_part("edition", key, build)


def serve(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's serve view, routed from the cached edition, rendered from one generation.

    The response is rendered here rather than by Django after the view returns, so the
    whole page (routing, context, template) reads one publish generation.
    """
    with one_generation():
        site, edition = edition_for(request)
        if site is not None:
            request._wagtail_site = site
            try:
                request._wagtail_route_for_request = edition.route(
                    request, [component for component in path.split("/") if component]
                )
            except Http404:
                request._wagtail_route_for_request = None
        response = wagtail_views.serve(request, path)
        if callable(getattr(response, "render", None)):
            response.render()
    return response
