"""Setting up an edition and finding where a story belongs in it.

`akhbar init` calls `ensure_edition`; importers call `section_for` to place a story by
its subject: a section of the same name first (what the agency called it), then one with
the same IPTC media topic code, and only then a new section of that name.
"""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Locale, Page, Site

from akhbar.newsroom.models import EditionPage, SectionPage
from akhbar.text import slugify_headline

# name, ascii slug, IPTC media topic code, order
DEFAULT_SECTIONS: dict[str, list[tuple[str, str, str, int]]] = {
    "ur": [
        ("سیاست", "siyasat", "11000000", 10),
        ("معیشت", "maeeshat", "04000000", 20),
        ("کھیل", "khel", "15000000", 30),
        ("سائنس و ٹیکنالوجی", "science", "13000000", 40),
        ("صحت", "sehat", "07000000", 50),
        ("ثقافت", "saqafat", "01000000", 60),
        ("ماحولیات", "mahoul", "06000000", 70),
    ],
}
EDITION_NAMES = {"ur": ("اخبار", "خبر، جیسے ہے ویسی")}
FALLBACK_SECTION = ("خبریں", "khabrein")


class NoEdition(LookupError):
    """No edition publishes in the language a story is written in."""


def ensure_edition(language: str = "ur") -> EditionPage:
    """The edition for `language`, created with its default sections if missing (idempotent)."""
    with transaction.atomic():
        locale, _ = Locale.objects.get_or_create(language_code=language)
        edition = EditionPage.objects.filter(locale=locale).first()
        root = Page.get_first_root_node()
        if edition is None:
            title, tagline = EDITION_NAMES.get(language, ("akhbar", ""))
            edition = EditionPage(title=title, tagline=tagline, slug=language, locale=locale)
            root.add_child(instance=edition)
            edition.save_revision().publish()
        if language == "ur":
            _make_default_site(edition)
        for name, slug, code, order in DEFAULT_SECTIONS.get(language, []):
            if not SectionPage.objects.child_of(edition).filter(slug=slug).exists():
                section = SectionPage(
                    title=name, slug=slug, iptc_code=code, order=order, locale=locale
                )
                edition.add_child(instance=section)
                section.save_revision().publish()
    return edition


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
    title, slug = (name, slugify_headline(name, 60)) if name else FALLBACK_SECTION
    found = sections.filter(slug=slug).first()
    if found:
        return found
    section = SectionPage(title=title, slug=slug, iptc_code=code, order=200, locale=edition.locale)
    edition.add_child(instance=section)
    section.save_revision().publish()
    return section
