"""`akhbar demo`: load the demo editions (original stories and generated pictures)."""

import json
import secrets
import shutil
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from akhbar.newsroom.demo import EDITIONS_DIR, STORIES_DIR, TRANSLATIONS
from akhbar.newsroom.demo.pictures import write_pictures
from akhbar.newsroom.editions import ensure_editions, link_translation
from akhbar.newsroom.models import ArticlePage
from akhbar.wire.ingest import ingest_file


class Command(BaseCommand):
    help = "Load the demo editions (Urdu first) and an admin login (idempotent)."

    def handle(self, *args, **options):
        ensure_editions()
        counts: dict[str, int] = {}
        with tempfile.TemporaryDirectory(prefix="akhbar-demo-") as tmp:
            folder = Path(tmp)
            stories = sorted(STORIES_DIR.glob("*.json")) + sorted(EDITIONS_DIR.glob("??-*.json"))
            for story in stories:
                shutil.copy(story, folder / story.name)
            write_pictures(folder, folder)
            for path in sorted(folder.glob("*.json")):
                for outcome in ingest_file(path):
                    counts[outcome.action] = counts.get(outcome.action, 0) + 1
                    if outcome.action == "rejected":
                        self.stderr.write(f"demo story refused: {path.name}: {outcome.error}")
        for translation, original in json.loads(TRANSLATIONS.read_text("utf-8"))["links"]:
            pages = {p.uri: p for p in ArticlePage.objects.filter(uri__in=[translation, original])}
            if len(pages) == 2:
                link_translation(pages[translation], pages[original])
        self.stdout.write(
            "demo stories: " + ", ".join(f"{n} {a}" for a, n in sorted(counts.items()))
        )
        user, password = _admin_login()
        self.stdout.write(
            f"admin: {settings.WAGTAILADMIN_BASE_URL}/admin/  user {user}  password {password}"
        )
        if counts.get("rejected"):
            sys.exit(1)


def _admin_login() -> tuple[str, str]:
    """A superuser for the demo, its password kept (owner-only) in the data directory."""
    path = Path(settings.AKHBAR_HOME) / "admin-password.txt"
    users = get_user_model()
    if not path.exists() or not users.objects.filter(username="admin").exists():
        password = secrets.token_urlsafe(12)
        user = users.objects.filter(username="admin").first()
        if user is None:
            user = users.objects.create_superuser("admin", "admin@localhost", password)
        else:
            user.set_password(password)
            user.save()
        path.write_text(password + "\n")
        path.chmod(0o600)
    return "admin", path.read_text().strip()
