"""Settings pytest selects explicitly (pyproject.toml): fast hashing, plain static storage."""

import os
import tempfile

# Each test process (and each xdist worker) gets its own throwaway data directory; this
# must happen before `base` reads AKHBAR_HOME.
os.environ["AKHBAR_HOME"] = tempfile.mkdtemp(prefix="akhbar-test-")

from akhbar.settings.base import *  # noqa: E402, F403

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
ALLOWED_HOSTS = ["*"]
AKHBAR_SERVE_MEDIA = True
# Tests see a task's effect at once; tests of the queue itself override this.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
