"""App configuration for search."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The search app."""

    name = "akhbar.search"
    label = "search"
    verbose_name = "Search"
    default_auto_field = "django.db.models.BigAutoField"
