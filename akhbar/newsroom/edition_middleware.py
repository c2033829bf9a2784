"""Which edition a request is for: its URL's language prefix, else the reader's preference.

Django's LocaleMiddleware does the work for edition pages (/ur/…, /en/…) and sends "/"
to the edition the reader's Accept-Language prefers. What it must not do is treat every
unprefixed 404 as a missing prefix: /api/v1/articles/999 or /listen/5.mp3 answer 404
on purpose, and a redirect to /ur/api/… would hide that. Paths that resolve without a
prefix (API, feeds, sitemaps, audio, admin) are served in the default language with no
redirect and no Vary: Accept-Language, exactly as they were before editions had prefixes.
"""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.urls import is_valid_path
from django.utils import translation


class EditionLocaleMiddleware(LocaleMiddleware):
    """LocaleMiddleware, limited to edition pages and the unprefixed paths that lead to them."""

    def process_request(self, request):
        path = request.path_info
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        if translation.get_language_from_path(path) is None and is_valid_path(path, urlconf):
            request.akhbar_unprefixed = True
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
            return None
        return super().process_request(request)

    def process_response(self, request, response):
        if getattr(request, "akhbar_unprefixed", False):
            return response
        return super().process_response(request, response)
