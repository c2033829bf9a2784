"""Setting up the editions and finding where a story belongs in one.

`akhbar init` calls `ensure_editions`; importers call `section_for` to place a story by
its subject: a section of the same name first (what the agency called it), then one with
the same IPTC media topic code, and only then a new section of that name.

Editions are Wagtail locales. Every edition's home is a translation of the Urdu home
(one translation key), which is the default Site's root page, so Wagtail's i18n routing
serves each under its language prefix (/ur/, /en/ …). Sections with the same IPTC code are
translations of each other too, so the language switcher works on section pages.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from akhbar.newsroom.edition_settings import EDITIONS, edition_settings, site_languages
from akhbar.newsroom.models import EditionPage, SectionPage
from akhbar.text import slugify_headline

# Kept for callers that read them; the table in edition_settings is the source.
DEFAULT_SECTIONS: dict[str, list[tuple[str, str, str, int]]] = {
    code: list(config.sections) for code, config in EDITIONS.items()
}
EDITION_NAMES = {code: (config.title, config.tagline) for code, config in EDITIONS.items()}
FALLBACK_SECTION = EDITIONS["ur"].fallback_section


class NoEdition(LookupError):
    """No edition publishes in the language a story is written in."""


def ensure_edition(language: str = "ur") -> EditionPage:
    """The edition for `language`, created with its default sections if missing (idempotent).

    The first edition made is the default language's (Urdu): other editions hang their
    translation key on it, so asking for English on an empty site makes Urdu first.
    """
    config = edition_settings(language)
    language = config.language
    with transaction.atomic():
        home = None
        if language != settings.LANGUAGE_CODE:
            home = ensure_edition(settings.LANGUAGE_CODE)
        locale, _ = Locale.objects.get_or_create(language_code=language)
        edition = EditionPage.objects.filter(locale=locale).first()
        root = Page.get_first_root_node()
        if edition is None:
            edition = EditionPage(
                title=config.title,
                tagline=config.tagline,
                slug=language,
                locale=locale,
                numerals=config.numerals,
            )
            if home is not None:
                edition.translation_key = home.translation_key
            root.add_child(instance=edition)
            edition.save_revision().publish()
        if home is None:
            _make_default_site(edition)
        for name, slug, code, order in config.sections:
            if not SectionPage.objects.child_of(edition).filter(slug=slug).exists():
                section = SectionPage(
                    title=name, slug=slug, iptc_code=code, order=order, locale=locale
                )
                twin = _section_twin(home, code) if home is not None else None
                if twin is not None:
                    section.translation_key = twin.translation_key
                edition.add_child(instance=section)
                section.save_revision().publish()
    return edition


def ensure_editions() -> list[EditionPage]:
    """Every configured edition (LANGUAGES × the editions table), default language first."""
    languages = site_languages()
    languages.sort(key=lambda code: code != settings.LANGUAGE_CODE)
    return [ensure_edition(code) for code in languages]


def link_translation(page: Page, original: Page) -> Page:
    """Make `page` a translation of `original` (same translation key), in another edition.

    Refused when both are in one edition, or when the original already has a translation
    in the page's edition (a story has one version per language).
    """
    if page.locale_id == original.locale_id:
        raise ValueError("a translation must be in another edition")
    clash = (
        type(original).objects.filter(translation_key=original.translation_key,
                                      locale_id=page.locale_id).exclude(pk=page.pk)
    )
    if clash.exists():
        raise ValueError("the story already has a translation in that edition")
    if page.translation_key != original.translation_key:
        page.translation_key = original.translation_key
        page.save(update_fields=["translation_key"])
    return page


def _section_twin(home: EditionPage, code: str) -> SectionPage | None:
    """The default edition's section with this IPTC code, if it has one not yet twinned."""
    if not code:
        return None
    return SectionPage.objects.child_of(home).filter(iptc_code=code).order_by("order").first()


def _make_default_site(edition: EditionPage) -> None:
    """Point the default site at the Urdu edition and drop Wagtail's welcome page."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=edition,
            is_default_site=True,
            site_name=edition.title,
        )
    elif site.root_page_id != edition.pk:
        old = site.root_page
        site.root_page = edition
        site.site_name = edition.title
        site.save()
        if old.specific_class is Page and old.depth == 2 and not old.get_children().exists():
            old.delete()


def edition_for(language: str) -> EditionPage:
    """The edition publishing in `language`, or NoEdition."""
    edition = EditionPage.objects.filter(locale__language_code=language).first()
    if edition is None:
        raise NoEdition(f"no edition publishes in language {language!r}")
    return edition


def section_for(edition: EditionPage, name: str, code: str) -> SectionPage:
    """Where a story with this subject goes: same name, else same IPTC code, else a new section."""
    sections = SectionPage.objects.child_of(edition)
    name = " ".join(name.split())
    if name:
        found = sections.filter(title=name).first()
        if found:
            return found
    if code:
        found = sections.filter(iptc_code=code).order_by("order").first()
        if found:
            return found
    fallback = edition_settings(edition.language).fallback_section
    title, slug = (name, slugify_headline(name, 60)) if name else fallback
    found = sections.filter(slug=slug).first()
    if found:
        return found
    section = SectionPage(title=title, slug=slug, iptc_code=code, order=200, locale=edition.locale)
    edition.add_child(instance=section)
    section.save_revision().publish()
    return section
