"""`akhbar restore PATH`: put a backup archive's database and media back (see site.backup).

The archive is checked against its manifest before anything changes, and the current
state is first saved to AKHBAR_HOME/backups/ so that restoring the wrong archive loses
nothing.
"""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from akhbar.site.backup import BackupError, restore


class Command(BaseCommand):
    help = "Replace the database and media with those of a backup archive."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--no-safety-copy", action="store_true",
            help="do not back up the current state first",
        )

    def handle(self, *args, **options):
        safety = None
        if not options["no_safety_copy"]:
            stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
            safety = Path(settings.AKHBAR_HOME) / "backups" / f"before-restore-{stamp}.tar.gz"
        try:
            manifest = restore(options["path"], safety_copy=safety)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if safety is not None:
            self.stdout.write(f"the previous state is kept in {safety}")
        self.stdout.write(
            f"restored the backup of {manifest['created']}: "
            f"{len(manifest['files']) - 1} media file(s)"
        )
