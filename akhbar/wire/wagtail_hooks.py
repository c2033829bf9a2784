"""The wire desk's place in the Wagtail admin: the desk, the sources, and each story's origin."""

from __future__ import annotations

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button

from akhbar.wire import desk
from akhbar.wire.models import WireSource


class WireSourceViewSet(ModelViewSet):
    """Agency sources: watched folders and HTTP feeds, with their limits, defaults and rule."""

    model = WireSource
    icon = "globe"
    menu_label = "Wire sources"
    add_to_admin_menu = True
    menu_order = 251
    list_display = ["name", "kind", "location", "rule", "enabled", "last_polled_at", "last_result"]
    list_filter = ["kind", "rule", "enabled"]
    search_fields = ["name", "location"]
    form_fields = [
        "name",
        "kind",
        "location",
        "enabled",
        "internal",
        "poll_minutes",
        "timeout_seconds",
        "max_bytes",
        "default_section",
        "language",
        "credit",
        "rule",
    ]


@hooks.register("register_admin_viewset")
def register_sources():
    return WireSourceViewSet("wire_sources")


@hooks.register("register_admin_urls")
def register_desk_urls():
    return [path("wire-desk/", include((desk.urlpatterns, "wire_desk"), namespace="wire_desk"))]


@hooks.register("register_admin_menu_item")
def register_desk_menu_item():
    return MenuItem(
        "Wire desk", reverse("wire_desk:index"), icon_name="doc-full-inverse", order=250
    )


@hooks.register("register_page_header_buttons")
def wire_origin_button(page, user, view_name, next_url=None):
    """A story taken from the wire says so in its admin header, linking to the entry."""
    entry = desk.origin_of(page)
    if entry is not None:
        label = (
            f"From the wire: {entry.source.name if entry.source else entry.credit or entry.format}"
        )
        yield Button(
            label, reverse("wire_desk:detail", args=[entry.pk]), icon_name="globe", priority=90
        )
