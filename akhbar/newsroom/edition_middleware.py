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
from django.http import Http404
from django.middleware.locale import LocaleMiddleware
from django.urls import is_valid_path
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header
from wagtail.models import Site


def edition_languages() -> set[str]:
    """Languages that have an edition home (from Wagtail's cached site roots: no query)."""
    return {root.language_code for root in Site.get_site_root_paths()}


def preferred_edition(request, available: set[str]) -> str:
    """The first edition in the reader's Accept-Language that exists, else the default."""
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _ in parse_accept_lang_header(header):
        if code == "*":
            break
        try:
            language = translation.get_supported_language_variant(code)
        except LookupError:
            continue
        if language in available:
            return language
    return settings.LANGUAGE_CODE


class EditionLocaleMiddleware(LocaleMiddleware):
    """LocaleMiddleware, limited to edition pages and the unprefixed paths that lead to them."""

    def process_request(self, request):
        path = request.path_info
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        prefix = translation.get_language_from_path(path)
        if prefix is None and is_valid_path(path, urlconf):
            request.akhbar_unprefixed = True
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
            return None
        available = edition_languages()
        if prefix is not None:
            if available and prefix not in available:
                # /en/… on a site without an English edition: not the Urdu pages in English.
                raise Http404("no edition in this language")
            return super().process_request(request)
        # Unprefixed: the redirect goes to an edition that exists.
        language = preferred_edition(request, available) if available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        return None

    def process_response(self, request, response):
        if getattr(request, "akhbar_unprefixed", False):
            return response
        return super().process_response(request, response)
