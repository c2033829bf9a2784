"""Polling configured sources: each watched folder and HTTP feed that is due, once.

The source's ETag and Last-Modified are sent back so an unchanged feed costs a 304 and
no parsing; they are stored only after the feed's items were processed, so a crash means
the next poll simply reads the feed again (idempotent by uri).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.utils import timezone

from akhbar.wire.ingest import Options, Outcome, _refuse, ingest_bytes, ingest_file
from akhbar.wire.models import WireSource
from akhbar.wire.transports import folder
from akhbar.wire.transports.http import FetchError, fetch_conditional

SUMMARY_KEYS = ("new", "updated", "duplicate", "rejected")
_BUCKET = {
    "created": "new",
    "updated": "updated",
    "unpublished": "updated",
    "duplicate": "duplicate",
    "rejected": "rejected",
}


def summarize(outcomes: list[Outcome]) -> dict[str, int]:
    """Counts by the four numbers an editor wants: new, updated, duplicate, rejected."""
    counts = dict.fromkeys(SUMMARY_KEYS, 0)
    for outcome in outcomes:
        key = _BUCKET.get(outcome.action)
        if key:
            counts[key] += 1
    return counts


def poll_source(source: WireSource, *, step: Callable[[], None] | None = None) -> list[Outcome]:
    """Take in whatever is new at one source; refusals are outcomes, never exceptions."""
    options = Options.for_source(source)
    outcomes: list[Outcome] = []
    if source.kind == WireSource.FOLDER:
        try:
            paths = list(folder.arrivals(Path(source.location)))
        except OSError as exc:
            outcomes.append(_refuse(options, source.location, None, str(exc), b""))
            paths = []
        for path in paths:
            result = ingest_file(path, options=options)
            folder.settle(path, refused=any(o.action == "rejected" for o in result))
            outcomes += result
            if step:
                step()
        note = f"{len(paths)} documents"
    else:
        try:
            response = fetch_conditional(
                source.location,
                etag=source.etag,
                last_modified=source.last_modified,
                max_bytes=source.max_bytes,
                timeout=source.timeout_seconds,
                allow_private=source.internal,
            )
        except FetchError as exc:
            outcomes.append(_refuse(options, source.location, None, str(exc), b""))
            note = str(exc)
        else:
            if response.status == 304:
                note = "not modified"
            else:
                outcomes = ingest_bytes(
                    response.body, location=source.location, base=None, options=options
                )
                note = f"{len(response.body):,} bytes"
            source.etag, source.last_modified = response.etag[:500], response.last_modified[:100]
        if step:
            step()
    counts = summarize(outcomes)
    source.last_polled_at = timezone.now()
    source.last_result = (f"{note}: " + ", ".join(f"{n} {k}" for k, n in counts.items()))[:500]
    source.save(update_fields=["etag", "last_modified", "last_polled_at", "last_result"])
    return outcomes


def due_sources(force: bool = False, names: list[str] | None = None) -> list[WireSource]:
    """Enabled sources whose interval has passed (all enabled ones when `force`)."""
    sources = WireSource.objects.filter(enabled=True).select_related("default_section")
    if names:
        sources = sources.filter(name__in=names)
    now = timezone.now()
    return [s for s in sources if force or s.is_due(now)]
