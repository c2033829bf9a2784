"""App configuration for the site layer: templates, static files, the page cache's purges."""

from django.apps import AppConfig


class SiteConfig(AppConfig):
    """Holds the base layout and static assets; no models."""

    name = "akhbar.site"
    label = "akhbar_site"
    verbose_name = "Site"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Locale, PageViewRestriction, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

        from akhbar.listen.models import Recording
        from akhbar.newsroom.front import bump_generation
        from akhbar.newsroom.models import NewsImage
        from akhbar.site.purge import (
            on_move_done,
            on_move_start,
            on_publish_change,
            on_restriction_change,
        )

        page_published.connect(on_publish_change, dispatch_uid="akhbar-purge-published")
        page_unpublished.connect(on_publish_change, dispatch_uid="akhbar-purge-unpublished")
        # A move changes what readers see at two places: purge both once it commits (the
        # old URLs are listed before the move). Deletes need nothing here: Wagtail
        # unpublishes a live page before deleting it, and page_unpublished purges.
        pre_page_move.connect(on_move_start, dispatch_uid="akhbar-purge-move-start")
        post_page_move.connect(on_move_done, dispatch_uid="akhbar-purge-move-done")
        # What readers see also changes without a publish: the site and its editions
        # (serving.py keeps them), a picture's caption or file, a story's audio becoming
        # ready, and who may read a page. Each makes the parts kept per publish stale.
        for model in (Site, Locale, NewsImage, Recording, PageViewRestriction):
            for signal in (post_save, post_delete):
                signal.connect(bump_generation, sender=model,
                               dispatch_uid=f"akhbar-bump-{model.__name__}-{id(signal)}")
        # A restriction must also leave the page caches at once: a story just restricted
        # must not be served to anyone from a copy made while it was public.
        for signal in (post_save, post_delete):
            signal.connect(on_restriction_change, sender=PageViewRestriction,
                           dispatch_uid=f"akhbar-purge-restriction-{id(signal)}")
