"""Giving a killed worker's task to another worker.

django-tasks-db marks a task RUNNING when a worker claims it and only the same worker
ever marks it finished, so a worker killed mid-task (SIGKILL, OOM, power loss) leaves it
RUNNING forever. `akhbar worker` therefore names itself after where it runs,
`host:pid:start-time`, and every worker regularly looks at the RUNNING tasks:

- claimed by a worker on this machine whose process no longer exists (the start time
  tells a reused pid from the original): the task goes back to READY at once;
- claimed on another machine, or by a worker with a name we cannot read: it goes back
  to READY once it has been running longer than the lease (AKHBAR_TASK_LEASE_SECONDS).

Requeueing is one conditional UPDATE per task (still RUNNING, same start time), so when
several workers find the same orphan only one of them moves it, and the queue's row lock
hands it to exactly one worker. The tasks themselves are idempotent (speech keyed by the
story's content hash, wire stories by their uri), so a rerun leaves one result.
"""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta
from pathlib import Path

from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from akhbar.settings.env import env_int

LEASE = timedelta(seconds=env_int("AKHBAR_TASK_LEASE_SECONDS", 3600))
HOST = socket.gethostname()[:40]


def start_ticks(pid: int) -> str | None:
    """When process `pid` started (clock ticks since boot), or None if it does not exist."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    if fields[0] in ("Z", "X"):  # a zombie has finished all the work it will ever do
        return None
    return fields[19]


def worker_id(pid: int | None = None) -> str:
    """This process's worker name: host:pid:start (at most 64 characters, as the queue wants)."""
    pid = pid or os.getpid()
    return f"{HOST}:{pid}:{start_ticks(pid) or 0}"[:64]


def worker_gone(name: str, started_at: datetime | None, now: datetime | None = None) -> bool:
    """True when the worker called `name` cannot finish the task it started at `started_at`."""
    now = now or timezone.now()
    parts = name.split(":")
    if len(parts) == 3 and parts[0] == HOST and parts[1].isdigit():
        return start_ticks(int(parts[1])) != parts[2]
    return started_at is None or now - started_at > LEASE


def requeue_orphans() -> list[str]:
    """Put RUNNING tasks whose worker is gone back on the queue; return their ids."""
    moved = []
    now = timezone.now()
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only(
        "id", "worker_ids", "started_at"
    )
    for task in running:
        last = task.worker_ids[-1] if task.worker_ids else ""
        if not worker_gone(str(last), task.started_at, now):
            continue
        updated = DBTaskResult.objects.filter(
            pk=task.pk, status=TaskResultStatus.RUNNING, started_at=task.started_at
        ).update(status=TaskResultStatus.READY, started_at=None)
        if updated:
            moved.append(str(task.pk))
    return moved
