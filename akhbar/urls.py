"""URL map: admin, read API, each app's reader URLs, then Wagtail's page tree."""

from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from akhbar.api import api

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", api.urls),
    path("", include("akhbar.distribution.urls")),
    path("", include("akhbar.search.urls")),
    path("listen/", include("akhbar.listen.urls")),
]

if getattr(settings, "AKHBAR_SERVE_MEDIA", False):
    # Only for tests' live server; `akhbar serve` lets granian serve media, production a CDN.
    urlpatterns.append(
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )

urlpatterns.append(path("", include(wagtail_urls)))
