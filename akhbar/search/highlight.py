"""Marking a query's matches in the story's own spelling.

The index holds folded terms, but readers must see the headline as the newsroom wrote
it: each original word is folded on its own (``akhbar.text.search_terms.match_spans``)
and, when it matches, the ORIGINAL characters — harakat, ZWNJ, Arabic letters and all —
are wrapped in ``<mark>``. Everything else is HTML-escaped.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from akhbar.text.search_terms import match_spans


def highlight(text: str, wanted: Iterable[str]) -> SafeString:
    """``text`` as safe HTML with every matching word in <mark>."""
    out: list[str] = []
    last = 0
    for start, end in match_spans(text, wanted):
        out.append(escape(text[last:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped
