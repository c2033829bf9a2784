"""App configuration for the newsroom core."""

from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """Registers the newsroom's page models, image model and snippets."""

    name = "akhbar.newsroom"
    label = "newsroom"
    verbose_name = "Newsroom"
    default_auto_field = "django.db.models.BigAutoField"
