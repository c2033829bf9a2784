"""Settings shared by every environment; defaults give the embedded size (SQLite, in-process).

No secret lives here: `dev` and `test` set throwaway keys, `production` demands one.
"""

from __future__ import annotations

import dj_database_url

from akhbar.settings.env import CHECKOUT, akhbar_home, env_bool, env_int, env_list, env_str

AKHBAR_HOME = akhbar_home()
BASE_DIR = CHECKOUT

DEBUG = env_bool("AKHBAR_DEBUG", False)
ALLOWED_HOSTS = env_list("AKHBAR_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

INSTALLED_APPS = [
    "akhbar.site",
    "akhbar.newsroom",
    "akhbar.wire",
    "akhbar.search",
    "akhbar.discover",
    "akhbar.listen",
    "akhbar.distribution",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "akhbar.site.pagecache.CachePolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages are compressed here; static files never reach it (whitenoise answers them
    # above with its own precompressed copies, and woff2 is compressed already).
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The edition is the URL's language prefix; "/" goes to the reader's Accept-Language.
    "akhbar.newsroom.edition_middleware.EditionLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "akhbar.newsroom.security.LoginRateLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "akhbar.urls"
WSGI_APPLICATION = "akhbar.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{AKHBAR_HOME / 'akhbar.sqlite3'}"),
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the web server read while a worker or import writes; a busy timeout
    # turns short write contention into a wait instead of "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Urdu is the first language; the others are editions added by configuration.
LANGUAGE_CODE = "ur"
LANGUAGES = [("ur", "اردو"), ("en", "English"), ("ar", "العربية"), ("tr", "Türkçe")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
TIME_ZONE = env_str("AKHBAR_TIME_ZONE", "Asia/Karachi")
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [CHECKOUT / "akhbar" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = AKHBAR_HOME / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = AKHBAR_HOME / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0

# Per process in the embedded size. Each story read keeps about ten entries per publish
# generation (its route, parts and picture renditions, see newsroom/front.py); Django's
# default of 300 entries would evict a busy edition's stories before their next reader.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "akhbar",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}

# The reader's page cache (akhbar/site/pagecache.py): anonymous pages kept in each web
# process, purged on publish (akhbar/site/purge.py). Shared caches (nginx, a CDN) keep
# them AKHBAR_PAGECACHE_SECONDS too; browsers revalidate after the browser lifetime.
AKHBAR_PAGECACHE = env_bool("AKHBAR_PAGECACHE", True)
AKHBAR_PAGECACHE_BYTES = env_int("AKHBAR_PAGECACHE_MB", 64) * 1024 * 1024
AKHBAR_PAGECACHE_LOG = AKHBAR_HOME / "pagecache-purges.log"
AKHBAR_PAGECACHE_SECONDS = env_int("AKHBAR_PAGECACHE_SECONDS", 60)
AKHBAR_PAGECACHE_BROWSER_SECONDS = env_int("AKHBAR_PAGECACHE_BROWSER_SECONDS", 0)
AKHBAR_PAGECACHE_STALE_SECONDS = 30
# nginx on this machine serves stored pages as plain files from here (deploy/nginx.conf).
AKHBAR_PAGECACHE_DIR = env_str("AKHBAR_PAGECACHE_DIR") or None
WAGTAILFRONTENDCACHE = {"pagecache": {"BACKEND": "akhbar.site.purge.PageCacheBackend"}}
if env_str("AKHBAR_NGINX_REFRESH_URL"):
    # nginx in front (deploy/nginx.conf): its loopback refresh listener replaces cached pages.
    WAGTAILFRONTENDCACHE["nginx"] = {
        "BACKEND": "akhbar.site.purge.NginxRefreshBackend",
        "LOCATION": env_str("AKHBAR_NGINX_REFRESH_URL"),
        "HOSTS": env_list("AKHBAR_PUBLIC_HOSTS", []),
        "SCHEME": env_str("AKHBAR_PUBLIC_SCHEME", "https"),
    }
# Editions are separate page trees, not one page per language prefix.
WAGTAILFRONTENDCACHE_LANGUAGES: list[str] = []

TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if env_str("AKHBAR_TASKS", "database") == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# Listen: the speech engine (a key of akhbar.listen.engines.ENGINES or a dotted path).
AKHBAR_SPEECH_ENGINE = env_str("AKHBAR_SPEECH_ENGINE", "espeak")
# Voice each story when it is published (off: `akhbar listen --missing` does it later).
AKHBAR_LISTEN_ON_PUBLISH = env_bool("AKHBAR_LISTEN_ON_PUBLISH", True)

WAGTAIL_SITE_NAME = env_str("AKHBAR_SITE_NAME", "اخبار")
WAGTAILADMIN_BASE_URL = env_str("AKHBAR_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "newsroom.NewsImage"
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English"), ("ur", "اردو")]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("AKHBAR_LOG_LEVEL", "WARNING")},
}
