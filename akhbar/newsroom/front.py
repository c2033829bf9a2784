"""What the reader's pages show beyond the page's own fields: labels, lists and the edition.

Kept apart from the models so the templates get plain values (date label, reading-time
label) computed once per request in the edition's language and numerals.

Feature apps add to a page without the newsroom importing them, through two Wagtail hooks
registered in their `wagtail_hooks.py`:

- `akhbar_article_context(article, context) -> dict | None`: e.g. Discover replaces
  `discover`, Listen sets `listen` ({"template": ..., ...}).
- `akhbar_page_context(page, context) -> dict | None`: every reader page (edition, section,
  article); e.g. distribution appends safe HTML to `head_tags` (JSON-LD, Open Graph).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.functional import SimpleLazyObject
from wagtail import hooks

from akhbar.newsroom.models.article import ArticlePage
from akhbar.newsroom.models.edition import EditionPage
from akhbar.newsroom.models.section import SectionPage
from akhbar.text import format_date, reading_time_label, to_numerals

DISCOVER_SIZE = 15
RAIL_SIZE = 4


def apply_hooks(page, context: dict, *names: str) -> dict:
    """Let feature apps add to (or replace parts of) a page's context, in hook order."""
    context.setdefault("head_tags", [])
    for name in names:
        for fn in hooks.get_hooks(name):
            extra = fn(page, context)
            if extra:
                context.update(extra)
    return context


def edition_of(page) -> EditionPage | None:
    """The edition (home page) a page belongs to."""
    if isinstance(page, EditionPage):
        return page
    return EditionPage.objects.ancestor_of(page).first()


def date_label(when, language: str, numerals: str) -> str:
    """A date as readers of this edition write it, e.g. 22 مارچ 2025."""
    if when is None:
        return ""
    return format_date(when, language=language, numerals=numerals, tz=settings.TIME_ZONE)


def newest_stories(
    edition: EditionPage, exclude: list[int] | None = None, limit: int = DISCOVER_SIZE
):
    """Live stories of an edition, newest first; the fallback Discover list."""
    qs = ArticlePage.objects.live().public().descendant_of(edition).newest_first().for_listing()
    if exclude:
        qs = qs.exclude(pk__in=exclude)
    return list(qs[:limit])


def sections(edition: EditionPage) -> list[SectionPage]:
    """The edition's live sections in navigation order."""
    return list(SectionPage.objects.live().child_of(edition).order_by("order", "title"))


def decorate(stories, language: str, numerals: str) -> list[ArticlePage]:
    """Attach the labels a story card shows."""
    for story in stories:
        story.date_label = date_label(story.first_published_at, language, numerals)
        story.reading_label = reading_time_label(story.reading_minutes, language, numerals)
    return stories


def article_parts(article: ArticlePage) -> dict:
    """Everything an article page shows besides the article's own fields."""
    edition = edition_of(article)
    language = article.language
    numerals = edition.numerals if edition else "ascii"
    # Lazy: a feature app's hook usually replaces it, and then it costs no query.
    discover = SimpleLazyObject(
        lambda: decorate(newest_stories(edition, exclude=[article.pk]) if edition else [],
                         language, numerals)
    )
    return {
        "edition": edition,
        "language": language,
        "numerals": numerals,
        "date_label": date_label(article.first_published_at, language, numerals),
        "updated_label": date_label(article.updated_at, language, numerals)
        if article.is_updated
        else "",
        "reading_label": reading_time_label(article.reading_minutes, language, numerals),
        "discover": discover,
        "nav_sections": sections(edition) if edition else [],
        "to_numerals": to_numerals,
    }


def edition_front(edition: EditionPage) -> dict:
    """The home page: a lead story, the next few, and a rail per section."""
    language, numerals = edition.language, edition.numerals
    nav = sections(edition)
    latest = decorate(newest_stories(edition, limit=7), language, numerals)
    shown = {s.pk for s in latest}
    rails = []
    for section in nav:
        stories = [
            s
            for s in section.stories().for_listing()[: RAIL_SIZE + len(shown)]
            if s.pk not in shown
        ][:RAIL_SIZE]
        if stories:
            rails.append((section, decorate(stories, language, numerals)))
    return {
        "edition": edition,
        "language": language,
        "lead": latest[0] if latest else None,
        "latest": latest[1:],
        "rails": rails,
        "nav_sections": nav,
    }
