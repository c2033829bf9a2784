"""App configuration for discover."""

from django.apps import AppConfig


class DiscoverConfig(AppConfig):
    """The discover app: connects the signals that keep stored lists current."""

    name = "akhbar.discover"
    label = "discover"
    verbose_name = "Discover"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from akhbar.discover import signals

        signals.connect()
