"""WSGI entry point for granian (`akhbar serve`) or any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "akhbar.settings.dev")
application = get_wsgi_application()
