"""Conditional GET and a body cache for machine-read outputs (feeds, sitemaps).

Feed readers and crawlers poll; most polls should cost one aggregate query. Each output
names its validators (an ETag and a Last-Modified time taken from the list of stories it
is made of, see `stories.fingerprint`): a matching `If-None-Match`/`If-Modified-Since`
gets 304, otherwise the body comes from the cache under a key that includes the ETag,
so an edit, a new story or an unpublished one changes the key and nothing stale is served.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

BODY_TTL = 60 * 60
MAX_AGE = 300
KEY_PREFIX = "akhbar:distribution:"


def cached_output(
    request: HttpRequest,
    key: str,
    etag: str,
    last_modified: datetime | None,
    build: Callable[[], HttpResponse],
    *,
    max_age: int = MAX_AGE,
    use_cache: bool = True,
) -> HttpResponse:
    """Answer 304 when the client is current, else the cached body, else `build()`'s."""
    quoted = quote_etag(etag)
    stamp = int(last_modified.timestamp()) if last_modified else None
    response = get_conditional_response(request, etag=quoted, last_modified=stamp)
    if response is None:
        # Hashed: section slugs are Urdu, and some cache servers take ASCII keys only.
        digest = hashlib.blake2b(f"{key}:{etag}".encode(), digest_size=16).hexdigest()
        full_key = KEY_PREFIX + digest
        hit = cache.get(full_key) if use_cache else None
        if hit is not None:
            body, content_type = hit
            response = HttpResponse(body, content_type=content_type)
        else:
            response = build()
            if response.status_code == 200 and use_cache:
                cache.set(full_key, (response.content, response["Content-Type"]), BODY_TTL)
    response["ETag"] = quoted
    if stamp is not None:
        response["Last-Modified"] = http_date(stamp)
    patch_cache_control(response, public=True, max_age=max_age)
    return response
