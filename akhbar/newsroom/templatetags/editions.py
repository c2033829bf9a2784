"""Template tags for an edition's look and its links to the other editions.

- ``{% edition_style language as style %}``: direction, script (font stack) and digits.
- ``{% edition_links page as links %}``: one link per other edition for the language
  switcher: the page's own translation when it has a live one, else that edition's home.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.conf import settings
from wagtail.models import Page

from akhbar.newsroom.edition_settings import EditionSettings, edition_settings, site_languages

register = template.Library()


@dataclass(frozen=True)
class EditionLink:
    """Where the switcher sends a reader of another edition."""

    language: str
    name: str
    url: str
    direction: str
    translated: bool


@register.simple_tag
def edition_style(language: str | None) -> EditionSettings:
    return edition_settings(language or settings.LANGUAGE_CODE)


@register.simple_tag(takes_context=True)
def edition_links(context, page: Page | None) -> list[EditionLink]:
    """The other editions, in LANGUAGES order; translations of `page` where they are live.

    The same for every reader of a published page until the next publish, so it is built
    once per publish (front.cached_part) instead of costing three queries per view.
    """
    request = context.get("request")
    live = isinstance(page, Page) and page.live and page.live_revision_id
    if not live or request is None or getattr(request, "is_preview", False):
        return _links(request, page)
    from akhbar.newsroom.front import cached_part

    key = f"{page.pk}:{page.live_revision_id}:{request.build_absolute_uri('/')}"
    return cached_part("editions", key, lambda: _links(request, page))


def _links(request, page: Page | None) -> list[EditionLink]:
    names = dict(settings.LANGUAGES)
    current = getattr(getattr(page, "locale", None), "language_code", None)
    wanted = [code for code in site_languages() if code != current]
    if page is None or not wanted:
        return []
    found: dict[str, Page] = {}
    if getattr(page, "translation_key", None):
        for other in (
            Page.objects.live().public().filter(translation_key=page.translation_key)
            .exclude(pk=page.pk).select_related("locale")
        ):
            found[other.locale.language_code] = other
    missing = [code for code in wanted if code not in found]
    homes: dict[str, Page] = {}
    if missing:
        from akhbar.newsroom.models import EditionPage

        for home in EditionPage.objects.live().filter(
            locale__language_code__in=missing
        ).select_related("locale"):
            homes.setdefault(home.locale.language_code, home)
    links = []
    for code in wanted:
        target = found.get(code) or homes.get(code)
        url = target.get_url(request=request) if target is not None else None
        if url:
            links.append(
                EditionLink(code, names.get(code, code), url,
                            edition_settings(code).direction, code in found)
            )
    return links


@register.filter(is_safe=True)
def isolate_in(value: object, direction: str = ""):
    """`isolate_latin` on right-to-left pages; on left-to-right ones Latin is the text itself.

    Without a direction (a block rendered outside a page) it isolates, as before editions.
    """
    from django.utils.html import conditional_escape

    from akhbar.site.templatetags.bidi import isolate_latin

    if direction == "ltr":
        return conditional_escape(value if value is not None else "")
    return isolate_latin(value)


@register.filter
def digits(value: object, numerals: str = "ascii") -> str:
    """A number written in the edition's digits (ASCII, Urdu ۰–۹ or Arabic ٠–٩)."""
    from akhbar.text import to_numerals

    return to_numerals(str(value), numerals or "ascii")


@register.simple_tag(takes_context=True)
def bidi_text(context, value: object):
    """`isolate_in` with the page's own direction (`style` from base.html), when there is one."""
    style = context.get("style")
    return isolate_in(value, getattr(style, "direction", ""))
