"""Login rate limiting for the admin: slow down password guessing.

Failed logins are counted in the cache per account name and per client address over a
window; past the limit, login attempts are refused with 429 until the window passes,
whether or not the password is right (so guessing cannot go on in parallel). A good
login clears its account's count. Counting lives in signal receivers (`count_failure`,
`clear_failures`, connected in apps.py), refusing in `LoginRateLimitMiddleware`, which
guards every login form that posts to a path in `LOGIN_PATHS`.

Behind a proxy, REMOTE_ADDR is the proxy: the per-account limit still holds, and the
per-address limit then counts everyone together, so it is set higher.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

PER_ACCOUNT = getattr(settings, "AKHBAR_LOGIN_FAILURES_PER_ACCOUNT", 5)
PER_ADDRESS = getattr(settings, "AKHBAR_LOGIN_FAILURES_PER_ADDRESS", 30)
WINDOW = getattr(settings, "AKHBAR_LOGIN_WINDOW_SECONDS", 15 * 60)
LOGIN_PATHS = ("/admin/login/",)
PREFIX = "akhbar:login-failures:"


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode("utf-8", "replace")).hexdigest()[:32]
    return f"{PREFIX}{kind}:{digest}"


def _address(request: HttpRequest | None) -> str:
    return (request.META.get("REMOTE_ADDR") or "unknown") if request is not None else "unknown"


def _bump(key: str) -> int:
    if cache.add(key, 1, WINDOW):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW)
        return 1


def count_failure(sender, credentials: dict, request: HttpRequest | None = None, **kwargs) -> None:
    """`user_login_failed` receiver: one more failure for this account and this address."""
    username = str(credentials.get("username") or "")
    if username:
        _bump(_key("account", username))
    _bump(_key("address", _address(request)))


def clear_failures(sender, request: HttpRequest | None = None, user=None, **kwargs) -> None:
    """`user_logged_in` receiver: a good login forgives its account's failures."""
    if user is not None:
        cache.delete(_key("account", user.get_username()))


def blocked(request: HttpRequest, username: str) -> bool:
    """Whether this login attempt must be refused."""
    if (cache.get(_key("address", _address(request))) or 0) >= PER_ADDRESS:
        return True
    return bool(username) and (cache.get(_key("account", username)) or 0) >= PER_ACCOUNT


class LoginRateLimitMiddleware:
    """Refuses login POSTs (429, Retry-After) from an address or for an account over limit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method == "POST"
            and request.path in LOGIN_PATHS
            and blocked(request, request.POST.get("username", ""))
        ):
            response = HttpResponse(
                _("Too many failed logins; try again later."),
                status=429,
                content_type="text/plain; charset=utf-8",
            )
            response["Retry-After"] = str(WINDOW)
            return response
        return self.get_response(request)
