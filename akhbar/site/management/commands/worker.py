"""`akhbar worker`: run background tasks (speech, Discover, search, polling) from the queue.

A thin wrapper over django-tasks-db's `db_worker` that processes every queue and, when
started by `akhbar serve`, stops with the server instead of lingering as an orphan.
Several workers may run at once: the queue hands each task to one of them. Each worker
is named host:pid:start-time and regularly puts back on the queue the tasks of workers
that died mid-task (see akhbar.site.taskrecovery), so a killed worker's task runs again.
"""

import logging
import os
import signal
import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

from akhbar.site.taskrecovery import requeue_orphans, worker_id

logger = logging.getLogger(__name__)


def _stop_with_parent(parent_pid: int) -> None:
    """Ask this process to finish its current task and exit once `parent_pid` is gone."""
    while os.getppid() == parent_pid:
        time.sleep(1)
    os.kill(os.getpid(), signal.SIGTERM)


def recover() -> None:
    """Requeue dead workers' tasks once; a database hiccup is logged and tried next time."""
    try:
        moved = requeue_orphans()
    except Exception:  # noqa: BLE001 - recovery must never take the worker down
        logger.exception("could not look for tasks of dead workers")
        return
    finally:
        connection.close()  # this thread's own connection
    if moved:
        logger.warning("requeued %d task(s) of dead workers: %s", len(moved), ", ".join(moved))


def _recover_every(seconds: float) -> None:
    while True:
        time.sleep(seconds)
        recover()


class Command(BaseCommand):
    help = "Run background tasks from the database queue (all queues)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="drain the queue, then exit")
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument("--parent-pid", type=int, default=None)
        parser.add_argument(
            "--recover-every", type=float, default=30.0,
            help="seconds between looks for tasks of workers that died (default 30)",
        )

    def handle(self, *args, **options):
        if options["parent_pid"]:
            threading.Thread(
                target=_stop_with_parent, args=(options["parent_pid"],), daemon=True
            ).start()
        recover()  # before the first claim, so even a --batch worker picks orphans up
        if options["recover_every"] > 0:
            threading.Thread(
                target=_recover_every, args=(options["recover_every"],), daemon=True
            ).start()
        call_command(
            "db_worker",
            queue_name="*",
            interval=options["interval"],
            batch=options["batch"],
            reload=False,
            worker_id=worker_id(),
            startup_delay=False,
            verbosity=options["verbosity"],
        )
