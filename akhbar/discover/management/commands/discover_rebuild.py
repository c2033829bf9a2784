"""`akhbar discover_rebuild`: recompute every stored Discover list from the live stories.

For a first install, after a bulk import, or after changing the scoring blend; normal
publishing keeps lists current incrementally through background tasks.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from akhbar.discover.store import rebuild


class Command(BaseCommand):
    help = "Recompute all Discover lists (features, postings and stored lists)."

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        count = rebuild()
        self.stdout.write(
            f"discover: {count} stories indexed and listed in {time.perf_counter() - started:.1f} s"
        )
