"""App configuration for the site layer: templates, static files, the page cache's purges."""

from django.apps import AppConfig


class SiteConfig(AppConfig):
    """Holds the base layout and static assets; no models."""

    name = "akhbar.site"
    label = "akhbar_site"
    verbose_name = "Site"

    def ready(self) -> None:
        from wagtail.signals import page_published, page_unpublished

        from akhbar.site.purge import on_publish_change

        page_published.connect(on_publish_change, dispatch_uid="akhbar-purge-published")
        page_unpublished.connect(on_publish_change, dispatch_uid="akhbar-purge-unpublished")
