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
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from akhbar.newsroom import breaking, front, sections, security

        sections.connect()  # before the generation bump: parts are rebuilt with the new section
        page_published.connect(breaking.mark_updated, dispatch_uid="akhbar-mark-updated")
        # Cached page parts (navigation, head tags, bylines) follow every publish.
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(front.bump_generation, dispatch_uid=f"akhbar-front-{id(signal)}")
        user_login_failed.connect(security.count_failure, dispatch_uid="akhbar-login-failed")
        user_logged_in.connect(security.clear_failures, dispatch_uid="akhbar-login-ok")
