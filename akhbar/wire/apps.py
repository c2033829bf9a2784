"""App configuration for the wire desk."""

from django.apps import AppConfig


class WireConfig(AppConfig):
    """Ingest records and, later, sources and the desk."""

    name = "akhbar.wire"
    label = "wire"
    verbose_name = "Wire"
    default_auto_field = "django.db.models.BigAutoField"
