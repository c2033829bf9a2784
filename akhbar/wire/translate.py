"""A wire item made into a draft in another edition, linked to the story in its own language.

The desk takes an agency item (say English) and asks for a draft in another edition (say
Urdu). The item's own edition gets its draft first if it has none yet; the new draft goes
into the other edition as a *translation* of it (the same Wagtail translation key), so the
two pages link to each other once both are published. Credit and source stay the
agency's: the same credit line, the same wire entry, the same agency link.

The text passes through a machine-translation step that is pluggable: the
``AKHBAR_TRANSLATOR`` setting names a class (dotted path) with
``translate(text, source, target) -> str``; ``AKHBAR_TRANSLATOR_OPTIONS`` are its keyword
arguments. The default, `KeepOriginal`, calls nothing and leaves the agency's words for a
translator on the desk. `Glossary` is an offline word-for-word substitution (tests, and a
newsroom's fixed terms); a real MT service would be another class of the same shape.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

from akhbar.newsroom.editions import edition_for, link_translation
from akhbar.newsroom.models import ArticlePage
from akhbar.wire import stories
from akhbar.wire.items import WireItem, item_from_json
from akhbar.wire.models import WireEntry

DEFAULT_TRANSLATOR = "akhbar.wire.translate.KeepOriginal"
_TAG = re.compile(r"(<[^>]*>)")


class Translator(Protocol):
    """What the desk needs from a machine-translation engine."""

    def translate(self, text: str, source: str, target: str) -> str: ...


class KeepOriginal:
    """No machine translation: the draft carries the agency's text for a human to translate."""

    def translate(self, text: str, source: str, target: str) -> str:
        return text


class Glossary:
    """Offline, whole-word substitution from a per-language-pair glossary.

    ``terms`` maps "en>ur" to {word: translation}; words are matched case-insensitively on
    word boundaries (Unicode-aware, so Urdu and Arabic words match too), longest first.
    """

    def __init__(self, terms: dict[str, dict[str, str]] | None = None):
        self.terms = {pair: dict(words) for pair, words in (terms or {}).items()}

    def translate(self, text: str, source: str, target: str) -> str:
        words = self.terms.get(f"{source}>{target}")
        if not words or not text:
            return text
        lookup = {k.casefold(): v for k, v in words.items()}
        pattern = re.compile(
            r"(?<!\w)(" + "|".join(re.escape(k) for k in sorted(words, key=len, reverse=True))
            + r")(?!\w)",
            re.IGNORECASE,
        )
        return pattern.sub(lambda m: lookup.get(m.group(0).casefold(), m.group(0)), text)


def get_translator() -> Translator:
    """The configured engine (AKHBAR_TRANSLATOR, with AKHBAR_TRANSLATOR_OPTIONS)."""
    path = getattr(settings, "AKHBAR_TRANSLATOR", "") or DEFAULT_TRANSLATOR
    options = getattr(settings, "AKHBAR_TRANSLATOR_OPTIONS", None) or {}
    engine = import_string(path)(**options)
    if not callable(getattr(engine, "translate", None)):
        raise TypeError(f"AKHBAR_TRANSLATOR {path!r} has no translate(text, source, target)")
    return engine


def translate_html(markup: str, engine: Translator, source: str, target: str) -> str:
    """Translate the text between tags of sanitized body HTML; the markup stays as it is."""
    parts = _TAG.split(markup or "")
    out = []
    for part in parts:
        if not part or part.startswith("<"):
            out.append(part)
            continue
        text = html.unescape(part)
        out.append(html.escape(engine.translate(text, source, target), quote=False))
    return "".join(out)


def translate_item(item: WireItem, target: str, engine: Translator) -> WireItem:
    """The item as the other edition's draft starts: translated text, its own uri and language."""
    source = item.language.split("-")[0].lower()
    return replace(
        item,
        uri=f"{item.uri}#{target}",
        language=target,
        headline=engine.translate(item.headline, source, target),
        standfirst=engine.translate(item.standfirst, source, target),
        body_html=translate_html(item.body_html, engine, source, target),
    )


def _source_draft(entry: WireEntry, item: WireItem, created: list[str]) -> ArticlePage:
    """The story in the item's own language: the one made from the entry, else a new draft."""
    if entry.article_id:
        return entry.article
    source = entry.source
    prep = stories.prepare(
        item,
        language=(entry.language or item.language or (source.language if source else "ur")),
        base=Path(entry.base_path) if entry.base_path else None,
        allow_private=bool(source and source.internal),
        credit=entry.credit,
        default_section=source.default_section if source else None,
    )
    article = stories.write(prep, None, publish=False, created_files=created)
    entry.article, entry.status = article, WireEntry.USED
    entry.save(update_fields=["article", "status", "updated_at"])
    return article


def draft_translation(
    entry: WireEntry, target: str, engine: Translator | None = None
) -> ArticlePage:
    """A draft of `entry` in the `target` edition, linked as a translation (never published).

    Raises NoEdition for a language without an edition, ValueError when the target is the
    item's own language or the story already has a version there.
    """
    target = target.split("-")[0].lower()
    edition_for(target)
    item = item_from_json(entry.item)
    if item.language.split("-")[0].lower() == target:
        raise ValueError("the item is already in that edition's language")
    engine = engine or get_translator()
    created: list[str] = []
    try:
        with transaction.atomic():
            original = _source_draft(entry, item, created)
            if ArticlePage.objects.filter(
                translation_key=original.translation_key, locale__language_code=target
            ).exists():
                raise ValueError("the story already has a version in that edition")
            source = entry.source
            prep = stories.prepare(
                translate_item(item, target, engine),
                language=target,
                base=Path(entry.base_path) if entry.base_path else None,
                allow_private=bool(source and source.internal),
                credit=entry.credit,
            )
            draft = stories.write(prep, None, publish=False, created_files=created)
            return link_translation(draft, original)
    except Exception:
        stories.delete_files(created)
        raise
