"""URL map: admin, read API, each app's reader URLs, then Wagtail's page tree.

Each edition lives under its language prefix (/ur/, /en/, /ar/, /tr/): its pages and its
search page. Feeds, sitemaps, the API, audio and admin stay unprefixed (they name their
language themselves). A request for "/" (or any other unprefixed path that is not one of
those) gets a 404 here and Django's LocaleMiddleware redirects it to the edition the
reader's Accept-Language prefers, Urdu when nothing matches.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from akhbar.api import api
from akhbar.site import serving

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", api.urls),
    path("", include("akhbar.distribution.urls")),
    path("listen/", include("akhbar.listen.urls")),
]

if getattr(settings, "AKHBAR_SERVE_MEDIA", False):
    # Only for tests' live server; `akhbar serve` lets granian serve media, production a CDN.
    urlpatterns.append(
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )

# Wagtail's page URLs, with its serve view wrapped to route from the cached edition
# (akhbar/site/serving.py); the pattern and name stay Wagtail's.
page_urls = [
    re_path(p.pattern.regex.pattern, serving.serve, name=p.name)
    if p.callback is wagtail_views.serve else p
    for p in wagtail_urls.urlpatterns
]

urlpatterns += i18n_patterns(
    path("", include("akhbar.search.urls")),
    path("", include(page_urls)),
    prefix_default_language=True,
)
