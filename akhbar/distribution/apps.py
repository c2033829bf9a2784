"""App configuration for distribution."""

from django.apps import AppConfig


class DistributionConfig(AppConfig):
    """The distribution app."""

    name = "akhbar.distribution"
    label = "distribution"
    verbose_name = "Distribution"
    default_auto_field = "django.db.models.BigAutoField"
