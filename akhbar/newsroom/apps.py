"""App configuration for the newsroom core."""

from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """Registers the newsroom's page models, image model, snippets and signal receivers."""

    name = "akhbar.newsroom"
    label = "newsroom"
    verbose_name = "Newsroom"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_login_failed
        from wagtail.signals import page_published

        from akhbar.newsroom import breaking, security

        page_published.connect(breaking.mark_updated, dispatch_uid="akhbar-mark-updated")
        user_login_failed.connect(security.count_failure, dispatch_uid="akhbar-login-failed")
        user_logged_in.connect(security.clear_failures, dispatch_uid="akhbar-login-ok")
