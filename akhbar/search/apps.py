"""App configuration for search: connects the index to Wagtail's publishing signals."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The search app."""

    name = "akhbar.search"
    label = "search"
    verbose_name = "Search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from akhbar.search.indexing import connect

        connect()
