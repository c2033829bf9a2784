"""`akhbar worker`: run background tasks (speech, Discover, search, polling) from the queue.

A thin wrapper over django-tasks-db's `db_worker` that processes every queue and, when
started by `akhbar serve`, stops with the server instead of lingering as an orphan.
Several workers may run at once: the queue hands each task to one of them.
"""

import os
import signal
import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand


def _stop_with_parent(parent_pid: int) -> None:
    """Ask this process to finish its current task and exit once `parent_pid` is gone."""
    while os.getppid() == parent_pid:
        time.sleep(1)
    os.kill(os.getpid(), signal.SIGTERM)


class Command(BaseCommand):
    help = "Run background tasks from the database queue (all queues)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="drain the queue, then exit")
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument("--parent-pid", type=int, default=None)

    def handle(self, *args, **options):
        if options["parent_pid"]:
            threading.Thread(
                target=_stop_with_parent, args=(options["parent_pid"],), daemon=True
            ).start()
        call_command(
            "db_worker",
            queue_name="*",
            interval=options["interval"],
            batch=options["batch"],
            reload=False,
            verbosity=options["verbosity"],
        )
