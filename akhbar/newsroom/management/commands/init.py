"""`akhbar init`: create or migrate the database, the Urdu edition and its sections."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from akhbar.newsroom.editions import ensure_edition


class Command(BaseCommand):
    help = "Create or migrate the database, the Urdu edition and its sections (idempotent)."

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        edition = ensure_edition("ur")
        self.stdout.write(
            f"ready: edition {edition.title} ({edition.language}) at {edition.url or '/'}"
        )
