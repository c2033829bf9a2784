"""`akhbar backup PATH`: the database and media in one checksummed archive (see site.backup)."""

from django.core.management.base import BaseCommand, CommandError

from akhbar.site.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write the database and media files to one .tar.gz archive with a manifest."

    def add_arguments(self, parser):
        parser.add_argument("path", help="where to write the archive (a .tar.gz)")

    def handle(self, *args, **options):
        try:
            result = backup(options["path"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{result.path}: database ({result.method}) and {result.files - 1} media "
            f"file(s), {result.bytes} bytes before compression"
        )
