"""The `akhbar` console command: init, demo, import, serve, and every Django command.

Our own commands are Django management commands, so `akhbar X` is `manage.py X` with the
embedded settings chosen by default; production sets DJANGO_SETTINGS_MODULE.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run `akhbar <command> [args]`."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "akhbar.settings.dev")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    execute_from_command_line(["akhbar", *(args or ["help"])])


if __name__ == "__main__":
    main()
