"""`akhbar init`: create or migrate the database, the editions, their sections and roles."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from akhbar.newsroom.editions import ensure_editions
from akhbar.newsroom.roles import ensure_roles


class Command(BaseCommand):
    help = (
        "Create or migrate the database, every configured edition (Urdu first) with its "
        "sections, the newsroom roles and review workflows (idempotent)."
    )

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        editions = ensure_editions()
        for edition in editions:
            groups = ensure_roles(edition)
        edition = editions[0]
        others = ", ".join(f"{e.language} at {e.url}" for e in editions[1:])
        self.stdout.write(
            f"ready: edition {edition.title} ({edition.language}) at {edition.url or '/'}; "
            + (f"other editions: {others}; " if others else "")
            + f"roles: {', '.join(groups)}"
        )
