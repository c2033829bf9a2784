"""The reader's search page, /search/?q=…: ranked stories in the edition's language.

Query parameters: ``q``; ``section`` (a section's slug); ``from`` / ``to`` (YYYY-MM-DD,
inclusive, in the site's time zone); ``sort`` (relevance | newest); ``page``. A filter
value that cannot be understood is ignored and the page says so: the reader still gets
results, never an error page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext
from wagtail.models import Site

from akhbar.newsroom.front import decorate, newest_stories, sections
from akhbar.newsroom.models import ArticlePage, EditionPage, SectionPage
from akhbar.search.backends import SearchResult, search
from akhbar.search.highlight import highlight
from akhbar.text import to_numerals

PAGE_SIZE = 10
MAX_PAGE = 500
MAX_QUERY_CHARS = 1000


@dataclass
class Request:
    """The search a reader asked for, after checking every parameter."""

    text: str = ""
    section: SectionPage | None = None
    since: date | None = None
    until: date | None = None
    sort: str = "relevance"
    page: int = 1
    notes: list[str] = field(default_factory=list)

    def window(self) -> tuple[datetime | None, datetime | None]:
        """from/to days as [start of first day, start of the day after last) in site time."""
        zone = ZoneInfo(settings.TIME_ZONE)
        since = datetime.combine(self.since, time.min, zone) if self.since else None
        until = (
            datetime.combine(self.until + timedelta(days=1), time.min, zone) if self.until else None
        )
        return since, until


def _day(raw: str, name: str, notes: list[str]) -> date | None:
    if not raw:
        return None
    try:
        if len(raw) != 10:
            raise ValueError(raw)
        return date.fromisoformat(raw)
    except ValueError:
        notes.append(
            gettext("The date (%(field)s) was not understood, so it was ignored: write "
                     "YYYY-MM-DD.") % {"field": name}
        )
        return None


def read_request(get: QueryDict, nav: list[SectionPage], numerals: str = "ascii") -> Request:
    """Check every parameter; what cannot be used is dropped with a note for the reader.

    ``numerals`` is the edition's digit style: a number in a note is written as the page
    writes its other numbers (the template's ``|digits``), not always in ASCII.
    """
    req = Request()
    text = get.get("q", "")
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        req.notes.append(
            ngettext(
                "The search was too long: only its first %(count)s character was used.",
                "The search was too long: only its first %(count)s characters were used.",
                MAX_QUERY_CHARS,
            ) % {"count": to_numerals(str(MAX_QUERY_CHARS), numerals)}
        )
    req.text = text.strip()
    slug = get.get("section", "")
    if slug:
        req.section = next((s for s in nav if s.slug == slug), None)
        if req.section is None:
            req.notes.append(gettext("There is no such section, so every section was searched."))
    # Named as the form labels them, so the reader finds the field the note is about.
    req.since = _day(get.get("from", ""), pgettext("search form", "From"), req.notes)
    req.until = _day(get.get("to", ""), pgettext("search form", "To"), req.notes)
    if req.since and req.until and req.since > req.until:
        req.since, req.until = req.until, req.since
    sort = get.get("sort", "relevance")
    if sort not in ("relevance", "newest"):
        req.notes.append(gettext("The order was not understood: results are shown by relevance."))
        sort = "relevance"
    req.sort = sort
    raw_page = get.get("page", "1")
    req.page = int(raw_page) if raw_page.isascii() and raw_page.isdigit() else 1
    req.page = min(max(req.page, 1), MAX_PAGE)
    return req


def edition_for_request(request: HttpRequest) -> EditionPage | None:
    """The edition of the site being visited (its URL prefix), else the Urdu edition."""
    site = Site.find_for_request(request)
    # Editions are translations of the site's root page; the active language is the prefix's.
    root = site.root_page.localized.specific if site else None
    if isinstance(root, EditionPage):
        return root
    return EditionPage.objects.live().filter(locale__language_code="ur").first()


def stories_for(result: SearchResult) -> list[ArticlePage]:
    """The result's stories in rank order, re-checked live and public."""
    ids = [pk for pk, _ in result.hits]
    found = {p.pk: p for p in ArticlePage.objects.live().public().filter(pk__in=ids).for_listing()}
    return [found[pk] for pk in ids if pk in found]


def search_page(request: HttpRequest) -> HttpResponse:
    """Render /search/."""
    edition = edition_for_request(request)
    language = edition.language if edition else "ur"
    numerals = edition.numerals if edition else "ascii"
    nav = sections(edition) if edition else []
    req = read_request(request.GET, nav, numerals)
    since, until = req.window()
    result = search(
        req.text,
        locale=language,
        section_id=req.section.pk if req.section else None,
        since=since,
        until=until,
        sort=req.sort,
        limit=PAGE_SIZE,
        offset=(req.page - 1) * PAGE_SIZE,
    )
    stories = decorate(stories_for(result), language, numerals)
    wanted = result.plan.highlight_terms
    for story in stories:
        story.headline_html = highlight(story.headline, wanted)
        story.standfirst_html = highlight(story.standfirst, wanted)
    pages = max(1, -(-result.total // PAGE_SIZE))
    if result.plan.truncated:
        req.notes.append(gettext("Only the first twelve words were searched."))
    if result.failed:
        req.notes.append(gettext("The search could not be finished just now; please try again."))
    context = {
        "edition": edition,
        "language": language,
        "nav_sections": nav,
        "req": req,
        "result": result,
        "stories": stories,
        "page_number": req.page,
        "first_rank": (req.page - 1) * PAGE_SIZE + 1,
        "num_pages": pages,
        "has_previous": req.page > 1,
        "has_next": req.page < pages,
        "latest": [] if stories or not edition else decorate(
            newest_stories(edition, limit=5), language, numerals
        ),
        "today": timezone.localdate().isoformat(),
        "filtered": bool(req.section or req.since or req.until),
    }
    return render(request, "search/search.html", context)
