"""A database that is restarting answers 503 "try again shortly", never a 500 with a trace.

While PostgreSQL restarts (or SQLite is locked beyond its timeout) every query raises an
OperationalError/InterfaceError. This middleware turns those into a small 503 page with
Retry-After, and drops the broken connection so the next request opens a fresh one;
CONN_HEALTH_CHECKS does the same for connections kept between requests. When the
database is back, pages are served again without anyone restarting anything.
"""

from __future__ import annotations

import contextlib
import logging

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse

logger = logging.getLogger(__name__)
RETRY_AFTER = 5
PAGE = (
    '<!doctype html><html lang="ur" dir="rtl"><meta charset="utf-8">'
    "<title>تھوڑی دیر بعد</title><h1>خبریں ایک لمحے میں واپس آئیں گی</h1>"
    "<p>ہمارا ڈیٹا بیس دوبارہ چل رہا ہے۔ چند سیکنڈ بعد صفحہ دوبارہ کھولیے۔</p>"
    '<p lang="en" dir="ltr">The newsroom database is restarting; please retry in a few '
    "seconds.</p></html>"
)


def unavailable() -> HttpResponse:
    response = HttpResponse(PAGE, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """503 instead of 500 while the database cannot be reached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        except (OperationalError, InterfaceError) as exc:
            # Raised outside a view (e.g. by a middleware that read the session).
            return self._gone(exc)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            return self._gone(exception)
        return None

    def _gone(self, exc: Exception) -> HttpResponse:
        logger.warning("database unavailable, answering 503: %s", str(exc).strip()[:200])
        for conn in connections.all(initialized_only=True):
            with contextlib.suppress(Exception):  # a dead connection may fail to close
                conn.close()
        return unavailable()
