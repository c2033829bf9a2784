"""App configuration for discover."""

from django.apps import AppConfig


class DiscoverConfig(AppConfig):
    """The discover app."""

    name = "akhbar.discover"
    label = "discover"
    verbose_name = "Discover"
    default_auto_field = "django.db.models.BigAutoField"
