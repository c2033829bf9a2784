"""WSGI entry point of `akhbar serve`: Django with the reader's page cache in front."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "akhbar.settings.dev")

from akhbar.site.pagecache import wrap  # noqa: E402 - needs the settings chosen above

application = wrap(get_wsgi_application())
