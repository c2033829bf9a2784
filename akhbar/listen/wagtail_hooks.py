"""Wagtail wiring: the pronunciation lexicon in the admin, and the player on article pages."""

from __future__ import annotations

from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from akhbar.listen.audio import FORMATS
from akhbar.listen.models import PronunciationEntry, Recording
from akhbar.text import to_numerals

PLAYER_TEMPLATE = "listen/player.html"


class PronunciationViewSet(SnippetViewSet):
    """Editors' word → spoken form list (Snippets → Pronunciation lexicon)."""

    model = PronunciationEntry
    icon = "media"
    menu_label = "Pronunciation"
    list_display = ["word", "spoken", "note", "updated_at"]
    search_fields = ["word", "spoken"]
    search_backend_name = None  # plain database filtering: the lexicon is small


register_snippet(PronunciationViewSet)


def clock(seconds: float) -> str:
    """mm:ss (or h:mm:ss), as a player shows time."""
    total = max(int(seconds + 0.5), 0)
    hours, rest = divmod(total, 3600)
    text = f"{rest // 60:02d}:{rest % 60:02d}"
    return f"{hours}:{text}" if hours else text


def player_context(rec: Recording, numerals: str) -> dict:
    """What listen/player.html needs for one recording."""
    sources = [
        {"url": reverse("listen:audio", kwargs={"article_id": rec.article_id, "ext": ext}),
         "type": fmt.html_type, "ext": ext}
        for ext, fmt in FORMATS.items() if rec.file_for(ext)
    ]
    return {
        "template": PLAYER_TEMPLATE,
        "sources": sources,
        "download": next((s["url"] for s in sources if s["ext"] == "mp3"), sources[0]["url"]),
        "duration": round(rec.duration_seconds, 2),
        "zero_label": to_numerals("00:00", numerals),
        "duration_label": to_numerals(clock(rec.duration_seconds), numerals),
        "numerals": numerals,
    }


@hooks.register("akhbar_article_context")
def listen_player(article, context: dict) -> dict | None:
    """Put the player on a live story's page when its audio matches the published text.

    Lazy: the player is a fragment kept per publish (`{% part %}`; a recording that
    changes moves the generation), and while it is kept this is never worked out.
    """
    if not article.live or not article.pk:
        return None
    numerals = context.get("numerals", "ascii")
    return {"listen": SimpleLazyObject(lambda: _player(article, numerals))}


def _player(article, numerals: str) -> dict | None:
    if "recording" in article._state.fields_cache:  # joined when the page was routed
        rec = article._state.fields_cache["recording"]
        rec = rec if rec is not None and rec.is_ready else None
    else:
        rec = Recording.objects.filter(article_id=article.pk, status=Recording.Status.READY).first()
    if rec is None or not (rec.opus or rec.mp3):
        return None
    return player_context(rec, numerals)
