"""App configuration for listen."""

from django.apps import AppConfig


class ListenConfig(AppConfig):
    """The listen app: speech for every story, its player, audio URLs and podcast feed."""

    name = "akhbar.listen"
    label = "listen"
    verbose_name = "Listen"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from akhbar.listen import signals

        signals.connect()
