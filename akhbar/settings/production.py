"""The grown-up size: secrets and hosts required, Redis when REDIS_URL is set, secure cookies.

Media goes to S3-compatible storage (AWS S3, MinIO, Cloudflare R2 …) when AKHBAR_S3_BUCKET
is set; credentials come from AKHBAR_S3_ACCESS_KEY/AKHBAR_S3_SECRET_KEY or boto3's own
AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (or an instance role).
"""

from akhbar.settings.base import *  # noqa: F403
from akhbar.settings.env import (
    ConfigError,
    env_bool,
    env_int,
    env_list,
    env_str,
    redis_cache,
)

SECRET_KEY = env_str("AKHBAR_SECRET_KEY")
if len(SECRET_KEY) < 50:
    raise ConfigError("AKHBAR_SECRET_KEY must be set to at least 50 random characters")
ALLOWED_HOSTS = env_list("AKHBAR_ALLOWED_HOSTS", [])
if not ALLOWED_HOSTS:
    raise ConfigError("AKHBAR_ALLOWED_HOSTS must name the hosts this site answers for")
DEBUG = False

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    # A stopped Redis must mean cache misses, not 500s (see env.redis_cache).
    CACHES = {"default": redis_cache(REDIS_URL)}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

S3_BUCKET = env_str("AKHBAR_S3_BUCKET")
if S3_BUCKET:
    STORAGES = {
        **STORAGES,  # noqa: F405
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": S3_BUCKET,
                "endpoint_url": env_str("AKHBAR_S3_ENDPOINT_URL") or None,
                "region_name": env_str("AKHBAR_S3_REGION") or None,
                "access_key": env_str("AKHBAR_S3_ACCESS_KEY") or None,
                "secret_key": env_str("AKHBAR_S3_SECRET_KEY") or None,
                "custom_domain": env_str("AKHBAR_S3_CUSTOM_DOMAIN") or None,
                "location": env_str("AKHBAR_S3_PREFIX", "media"),
                # Published pictures and audio are public; embargoed pictures rely on
                # unguessable names, never on signed URLs that a page cache would keep.
                "querystring_auth": env_bool("AKHBAR_S3_SIGNED_URLS", False),
                "default_acl": None,
                "file_overwrite": False,
            },
        },
    }

# A restarting database answers 503 with Retry-After, never a 500 (see site.dbdown).
MIDDLEWARE = ["akhbar.site.dbdown.DatabaseUnavailableMiddleware", *MIDDLEWARE]  # noqa: F405

SECURE_SSL_REDIRECT = env_bool("AKHBAR_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True

# Admin sessions: cookies never readable by scripts, sent only same-site, and short-lived
# (a newsroom desk logs in each shift); the admin's CSRF token travels in the page, so the
# cookie need not be readable either. Origins behind a TLS proxy are named explicitly.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("AKHBAR_SESSION_SECONDS", 12 * 60 * 60)
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_TRUSTED_ORIGINS = env_list(
    "AKHBAR_CSRF_TRUSTED_ORIGINS",
    [f"https://{host.lstrip('.')}" for host in ALLOWED_HOSTS if host != "*"],
)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# No framing at all; Wagtail's preview views relax this to same-origin for themselves.
X_FRAME_OPTIONS = "DENY"
