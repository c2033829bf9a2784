"""`akhbar init`: create or migrate the database, the Urdu edition, its sections and roles."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from akhbar.newsroom.editions import ensure_edition
from akhbar.newsroom.roles import ensure_roles


class Command(BaseCommand):
    help = (
        "Create or migrate the database, the Urdu edition, its sections, the newsroom "
        "roles and review workflows (idempotent)."
    )

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        edition = ensure_edition("ur")
        groups = ensure_roles(edition)
        self.stdout.write(
            f"ready: edition {edition.title} ({edition.language}) at {edition.url or '/'}; "
            f"roles: {', '.join(groups)}"
        )
