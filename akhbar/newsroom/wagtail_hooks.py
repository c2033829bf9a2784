"""The newsroom's admin and page hooks.

- Editor: Urdu content is edited right to left in Nastaliq, by the page's language
  (adminforms.py marks the fields; the CSS and JS here style and complete them).
- Edition home page: the breaking-news banner (`akhbar_page_context`).
"""

from __future__ import annotations

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from akhbar.newsroom.breaking import breaking_stories
from akhbar.newsroom.models import EditionPage


@hooks.register("insert_global_admin_css")
def content_direction_css() -> str:
    return format_html(
        '<link rel="stylesheet" href="{}">', static("newsroom/admin/content-direction.css")
    )


@hooks.register("insert_editor_js")
def content_direction_js() -> str:
    return format_html(
        '<script src="{}" defer></script>', static("newsroom/admin/content-direction.js")
    )


@hooks.register("akhbar_page_context")
def breaking_banner(page, context: dict) -> dict | None:
    """The edition's home page gets its current breaking stories."""
    if isinstance(page, EditionPage):
        return {"breaking": breaking_stories(page)}
    return None
