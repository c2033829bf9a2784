"""Publishing scheduled and embargoed stories on time, without anyone watching.

Wagtail stores a scheduled publication as a revision with `approved_go_live_at`, and a
scheduled take-down as `expire_at` on a live page; its `publish_scheduled` command acts on
both but only when someone runs it. `publish_due` is that same logic as a function;
`publish_due_task` is the django-tasks form of it (for a task worker), and
`run_forever` is the loop `akhbar scheduler` runs — `akhbar serve` starts it beside the
web server, so a story goes live within `INTERVAL` seconds of its time.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass, field
from datetime import timedelta

from django.apps import apps
from django.db import close_old_connections, transaction
from django.utils import timezone
from django_tasks import task
from wagtail.models import DraftStateMixin, Page, Revision

log = logging.getLogger(__name__)

INTERVAL = 30.0  # seconds between runs: a story goes live at most this late


@dataclass
class Run:
    """What one pass did: ids of objects published and unpublished."""

    published: list[str] = field(default_factory=list)
    expired: list[str] = field(default_factory=list)


def _draft_models() -> list[type]:
    return [Page] + [
        m for m in apps.get_models() if issubclass(m, DraftStateMixin) and not issubclass(m, Page)
    ]


def publish_due() -> Run:
    """Unpublish what expired and publish every revision whose go-live time has passed.

    The same steps as Wagtail's `publish_scheduled`, logged as scheduled actions in the
    audit log; each object in its own transaction so one failure does not block the rest.
    (Wagtail compares go-live times with the real clock, so "now" cannot be faked here.)
    """
    now = timezone.now()
    run = Run()
    for model in _draft_models():
        for obj in list(model.objects.filter(live=True, expire_at__lt=now).order_by("expire_at")):
            try:
                with transaction.atomic():
                    obj.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
                run.expired.append(
                    f"{obj.specific_class._meta.model_name}:{obj.pk}"
                    if isinstance(obj, Page)
                    else f"{model._meta.model_name}:{obj.pk}"
                )
            except Exception:  # one bad object must not stop the newsroom's clock
                log.exception("could not unpublish expired %s %s", model._meta.label, obj.pk)
    due = Revision.objects.filter(approved_go_live_at__lt=now).order_by("approved_go_live_at")
    for revision in list(due):
        try:
            with transaction.atomic():
                revision.publish(log_action="wagtail.publish.scheduled")
            run.published.append(f"{revision.content_type.model}:{revision.object_id}")
        except Exception:
            log.exception("could not publish scheduled revision %s", revision.pk)
    if run.published or run.expired:
        log.warning("scheduler: published %s, unpublished %s", run.published, run.expired)
    return run


@task()
def publish_due_task() -> dict:
    """django-tasks entry point: one scheduler pass (for a task worker or a cron-like runner)."""
    run = publish_due()
    return {"published": run.published, "expired": run.expired}


def run_forever(
    interval: float = INTERVAL,
    stop: threading.Event | None = None,
    parent_pid: int | None = None,
) -> None:
    """Run `publish_due` every `interval` seconds until `stop` is set or the parent exits.

    `parent_pid` ties the loop to the web server that spawned it: when that process is
    gone (we are re-parented), the loop ends instead of lingering as an orphan.
    """
    stop = stop or threading.Event()

    def orphaned() -> bool:
        return parent_pid is not None and os.getppid() != parent_pid

    while not stop.is_set() and not orphaned():
        started = time.monotonic()
        try:
            close_old_connections()
            publish_due()
        except Exception:  # database briefly unavailable: try again next round
            log.exception("scheduler pass failed")
        finally:
            close_old_connections()
        # Wait in short steps so a vanished parent is noticed within a second.
        deadline = started + max(1.0, interval)
        while not stop.is_set() and not orphaned() and time.monotonic() < deadline:
            stop.wait(min(1.0, max(0.0, deadline - time.monotonic())))
    if orphaned():
        log.warning("scheduler: parent %s is gone, stopping", parent_pid)


def start_thread(interval: float = INTERVAL) -> tuple[threading.Thread, threading.Event]:
    """Run the loop in a daemon thread of this process; set the event to stop it."""
    stop = threading.Event()
    thread = threading.Thread(
        target=run_forever,
        kwargs={"interval": interval, "stop": stop},
        daemon=True,
        name="akhbar-scheduler",
    )
    thread.start()
    return thread, stop


def backdate(page: Page, seconds: float = 1.0) -> None:
    """Move a scheduled page's go-live time `seconds` into the past (tests and demos).

    Both places Wagtail keeps it change: the revision's `approved_go_live_at`, which the
    scheduler selects on, and the `go_live_at` inside the revision's content, which
    publishing compares with the clock.
    """
    when = timezone.now() - timedelta(seconds=seconds)
    for revision in Revision.objects.for_instance(page).filter(approved_go_live_at__isnull=False):
        revision.approved_go_live_at = when
        revision.content["go_live_at"] = when.isoformat()
        revision.save(update_fields=["approved_go_live_at", "content"])
    type(page).objects.filter(pk=page.pk).update(go_live_at=when)
