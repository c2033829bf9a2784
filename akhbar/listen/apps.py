"""App configuration for listen."""

from django.apps import AppConfig


class ListenConfig(AppConfig):
    """The listen app."""

    name = "akhbar.listen"
    label = "listen"
    verbose_name = "Listen"
    default_auto_field = "django.db.models.BigAutoField"
