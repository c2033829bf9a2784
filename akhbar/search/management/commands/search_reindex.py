"""`akhbar search_reindex`: rebuild the search index from the live, public stories.

Signals keep the index in step day to day; this is for a fresh deployment, after
changing the folding rules, or after bulk changes made behind Wagtail's back.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.db import connection

from akhbar.search.indexing import reindex_all
from akhbar.search.query import SQLITE_REBUILD


class Command(BaseCommand):
    help = "Rebuild the Urdu-aware search index from every live, public story."

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        count = reindex_all()
        if connection.vendor == "sqlite":
            # Compacts the FTS5 index after the mass delete + insert.
            with connection.cursor() as cursor:
                cursor.execute(SQLITE_REBUILD)
        elapsed = time.perf_counter() - started
        self.stdout.write(f"indexed {count} stories in {elapsed:.2f} s")
