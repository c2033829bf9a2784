"""Background tasks of the wire desk (Django's tasks API: in-process or a DB worker)."""

from __future__ import annotations

from django_tasks import task

from akhbar.wire.poll import due_sources, poll_source, summarize


@task()
def poll(force: bool = False) -> dict[str, int]:
    """Poll every due source once; returns the summary (new, updated, duplicate, rejected)."""
    outcomes = []
    for source in due_sources(force=force):
        outcomes += poll_source(source)
    return summarize(outcomes)
