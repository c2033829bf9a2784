"""App configuration for the site layer (templates and static files only)."""

from django.apps import AppConfig


class SiteConfig(AppConfig):
    """Holds the base layout and static assets; no models."""

    name = "akhbar.site"
    label = "akhbar_site"
    verbose_name = "Site"
