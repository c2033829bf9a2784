"""The wire desk in the Wagtail admin: incoming copy newest first, and "use" → draft story.

Only the first entry of each near-duplicate group is listed (with how many copies came
in), so a story sent by three agencies shows once. Filters: source, language, section and
a search over folded text (so spelling variants of Urdu words match).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from akhbar.newsroom.edition_settings import site_languages
from akhbar.newsroom.editions import NoEdition
from akhbar.text import fold
from akhbar.wire import stories
from akhbar.wire.items import WireError, item_from_json
from akhbar.wire.models import Quarantine, WireEntry, WireSource
from akhbar.wire.transports.http import FetchError

PAGE_SIZE = 50


def entries_for(params: dict) -> tuple:
    """The desk's listing for the given filters: group leads, newest first, with copy counts."""
    entries = (
        WireEntry.objects.filter(group__isnull=True)
        .select_related("source", "article")
        .annotate(copies=Count("duplicates"))
        .defer("raw", "item", "body_html", "signature")
    )
    if params.get("source"):
        entries = (
            entries.filter(source_id=params["source"])
            if params["source"].isdigit()
            else entries.none()
        )
    if params.get("language"):
        entries = entries.filter(language=params["language"])
    if params.get("section"):
        entries = entries.filter(section_name=params["section"])
    if params.get("status"):
        entries = entries.filter(status=params["status"])
    query = fold(params.get("q", "")).strip()
    if query:
        entries = entries.filter(
            Q(search_text__contains=query) | Q(uri=params.get("q", "").strip())
        )
    return entries.order_by("-received_at", "-pk")


def index(request: HttpRequest) -> HttpResponse:
    """The desk: incoming items, filtered and paged."""
    params = {k: request.GET.get(k, "") for k in ("source", "language", "section", "status", "q")}
    page = Paginator(entries_for(params), PAGE_SIZE).get_page(request.GET.get("p"))
    choices = {
        "sources": WireSource.objects.only("pk", "name"),
        "languages": WireEntry.objects.order_by().values_list("language", flat=True).distinct(),
        "sections": WireEntry.objects.exclude(section_name="")
        .order_by()
        .values_list("section_name", flat=True)
        .distinct(),
        "statuses": WireEntry.STATUSES,
    }
    return TemplateResponse(
        request,
        "wire/desk.html",
        {
            "page": page,
            "params": params,
            "choices": choices,
            "quarantined": Quarantine.objects.count(),
            "header_title": "Wire desk",
        },
    )


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One entry: its text, where it came from, its copies, and what it became."""
    entry = get_object_or_404(WireEntry.objects.select_related("source", "article", "group"), pk=pk)
    return TemplateResponse(
        request,
        "wire/entry.html",
        {
            "entry": entry,
            "other_editions": [
                (code, name) for code, name in settings.LANGUAGES
                if code in site_languages() and code != (entry.language or "").split("-")[0]
            ],
            "copies": entry.duplicates.select_related("source"),
            "header_title": entry.headline[:60],
        },
    )


@require_POST
def use(request: HttpRequest, pk: int) -> HttpResponse:
    """Turn an entry into a draft story (credit and source link kept) and open it for editing."""
    entry = get_object_or_404(WireEntry.objects.select_related("source", "article"), pk=pk)
    if entry.article_id:
        return redirect("wagtailadmin_pages:edit", entry.article_id)
    source = entry.source
    item = item_from_json(entry.item)
    created: list[str] = []
    try:
        prep = stories.prepare(
            item,
            language=(entry.language or (source.language if source else "ur")),
            base=Path(entry.base_path) if entry.base_path else None,
            allow_private=bool(source and source.internal),
            credit=entry.credit,
            default_section=source.default_section if source else None,
        )
        with transaction.atomic():
            article = stories.write(prep, None, publish=False, created_files=created)
            entry.article, entry.status = article, WireEntry.USED
            entry.save(update_fields=["article", "status", "updated_at"])
    except (WireError, NoEdition, FetchError, ValueError) as exc:
        stories.delete_files(created)
        messages.error(request, f"Could not use {entry.uri}: {exc}")
        return redirect("wire_desk:detail", pk)
    messages.success(request, "Draft story made from the wire; credit and source link kept.")
    return redirect("wagtailadmin_pages:edit", article.pk)


@require_POST
def translate(request: HttpRequest, pk: int) -> HttpResponse:
    """Make a linked draft of the entry in another edition (akhbar.wire.translate)."""
    from akhbar.wire.translate import draft_translation

    entry = get_object_or_404(WireEntry.objects.select_related("source", "article"), pk=pk)
    target = request.POST.get("language", "")
    try:
        draft = draft_translation(entry, target)
    except (WireError, NoEdition, FetchError, ValueError, LookupError) as exc:
        messages.error(request, f"Could not make a {target!r} draft of {entry.uri}: {exc}")
        return redirect("wire_desk:detail", pk)
    messages.success(
        request, "Translation draft made from the wire; credit and source link kept."
    )
    return redirect("wagtailadmin_pages:edit", draft.pk)


def quarantine(request: HttpRequest) -> HttpResponse:
    """Refused documents and items, newest first, with the reason."""
    page = Paginator(Quarantine.objects.select_related("source"), PAGE_SIZE).get_page(
        request.GET.get("p")
    )
    return TemplateResponse(
        request, "wire/quarantine.html", {"page": page, "header_title": "Quarantine"}
    )


def origin_of(page) -> WireEntry | None:
    """The wire entry a story came from, if any (for the page's admin header)."""
    return WireEntry.objects.filter(article_id=page.pk).select_related("source").first()


def desk_url() -> str:
    return reverse("wire_desk:index")


app_name = "wire_desk"
urlpatterns = [
    path("", index, name="index"),
    path("quarantine/", quarantine, name="quarantine"),
    path("<int:pk>/", detail, name="detail"),
    path("<int:pk>/use/", use, name="use"),
    path("<int:pk>/translate/", translate, name="translate"),
]
