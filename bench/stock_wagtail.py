"""A stock Wagtail site beside akhbar: the reference for "origin ≥ 2× a stock Wagtail page".

`wagtail start` makes a fresh project from Wagtail's own project template (the installed
Wagtail 8, its home app and welcome page), in a temporary folder. It runs on its own
production settings (DEBUG off, hashed static files, SQLite), migrated and collected,
and is served the way `akhbar serve` serves akhbar: granian, WSGI, the same number of
workers and one blocking thread each. So the two differ only in the application: stock
Wagtail's middleware, routing and template against akhbar's.

Nothing of it is kept in the repository; it is built per run (about half a minute).
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

from bench.loadgen import ChildServer
from deploy.nginx import free_port, wait_for_port

BIN = Path(sys.executable).parent
PROJECT = "stocksite"


class StockWagtail(ChildServer):
    """A fresh `wagtail start` project served by granian on a free port."""

    def __init__(self, folder: Path, workers: int, log: Path) -> None:
        self.folder = folder
        self.workers = workers
        self.log = log
        self.port = free_port()
        self.process = None
        self.env = {
            k: v for k, v in os.environ.items()
            if not k.startswith(("AKHBAR_", "DJANGO_", "DATABASE_URL", "REDIS_URL"))
        }
        self.env.update(DJANGO_SETTINGS_MODULE=f"{PROJECT}.settings.production",
                        PYTHONPATH=str(folder))

    def _run(self, *argv: str) -> None:
        subprocess.run(argv, cwd=self.folder, env=self.env, check=True,  # noqa: S603
                       capture_output=True)

    def build(self) -> StockWagtail:
        """Create, configure, migrate and collect the stock project."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self._run(str(BIN / "wagtail"), "start", PROJECT, str(self.folder))
        # The template's production settings read an optional local.py for secrets.
        (self.folder / PROJECT / "settings" / "local.py").write_text(
            f"SECRET_KEY = {secrets.token_urlsafe(40)!r}\nALLOWED_HOSTS = ['127.0.0.1']\n"
        )
        python = str(BIN / "python")
        self._run(python, "manage.py", "migrate", "--noinput")
        self._run(python, "manage.py", "collectstatic", "--noinput")
        return self

    def start(self) -> StockWagtail:
        argv = [str(BIN / "granian"), "--interface", "wsgi", "--host", "127.0.0.1",
                "--port", str(self.port), "--workers", str(self.workers),
                "--blocking-threads", "1", "--no-ws", "--log-level", "warning",
                f"{PROJECT}.wsgi:application"]
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our own command
                argv, cwd=self.folder, env=self.env, stdout=log, stderr=log,
                start_new_session=True,
            )
        wait_for_port(self.port, timeout=120, process=self.process)
        return self

