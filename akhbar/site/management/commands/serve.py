"""`akhbar serve`: the site behind granian, a production-grade server (not runserver).

Static files are collected first (hashed, compressed, served by whitenoise); uploads and
picture renditions are served by granian itself, straight from the media folder.
"""

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Serve the site with granian."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("AKHBAR_WORKERS", "2"))
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="do not start a task worker (separate `akhbar worker` processes run them)",
        )
        parser.add_argument(
            "--no-scheduler",
            action="store_true",
            help="do not start the publishing scheduler (another host runs `akhbar scheduler`)",
        )

    def handle(self, *args, **options):
        collect_static_if_changed()
        granian = shutil.which("granian") or os.path.join(
            os.path.dirname(sys.executable), "granian"
        )
        if not os.path.exists(granian):
            raise CommandError("granian is not installed in this environment (run `make`)")
        media = settings.MEDIA_ROOT
        media.mkdir(parents=True, exist_ok=True)
        argv = [
            granian,
            "--interface",
            "wsgi",
            "--host",
            options["host"],
            "--port",
            str(options["port"]),
            "--workers",
            str(options["workers"]),
            "--blocking-threads",
            "1",
            "--static-path-route",
            settings.MEDIA_URL.rstrip("/"),
            "--static-path-mount",
            str(media),
            "--no-ws",
            "--log-level",
            "warning",
            "akhbar.site.wsgi:application",
        ]
        env = dict(
            os.environ,
            DJANGO_SETTINGS_MODULE=os.environ.get("DJANGO_SETTINGS_MODULE", "akhbar.settings.dev"),
        )
        self.stdout.write(f"serving http://{options['host']}:{options['port']}/ (admin at /admin/)")
        sys.stdout.flush()
        if not options["no_worker"]:
            # Speech, Discover lists and indexing run beside the server, so publishing and
            # importing never wait for them (the embedded size's task queue is the database).
            subprocess.Popen(  # noqa: S603 - our own interpreter and command
                [sys.executable, "-m", "akhbar.cli", "worker", "--parent-pid", str(os.getpid())],
                env=env,
            )
        if not options["no_scheduler"]:
            # Scheduled and embargoed stories go live on time without anyone watching. The
            # scheduler is our child; after exec our pid is granian's, and the scheduler
            # stops by itself when that process is gone (see akhbar/newsroom/scheduler.py).
            subprocess.Popen(  # noqa: S603 - our own interpreter and command
                [sys.executable, "-m", "akhbar.cli", "scheduler", "--parent-pid", str(os.getpid())],
                env=env,
            )
        os.execve(granian, argv, env)


def collect_static_if_changed() -> bool:
    """Run collectstatic only when a source static file changed since the last run.

    Hashing and compressing Wagtail's admin assets costs ~15 s of CPU; a restart of an
    unchanged site should not pay it. The fingerprint is every source file's path, size
    and modification time, which a stat walk reads in well under a second.
    """
    digest = hashlib.sha256()
    for finder in get_finders():
        for path, storage in finder.list([]):
            full = Path(storage.path(path))
            stat = full.stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    stamp = Path(settings.STATIC_ROOT) / ".akhbar-fingerprint"
    if stamp.exists() and stamp.read_text() == digest.hexdigest():
        return False
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(digest.hexdigest())
    return True
