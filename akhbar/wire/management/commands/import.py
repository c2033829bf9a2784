"""`akhbar import PATH...`: agency documents (files or folders) into published stories."""

import json
import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from akhbar.wire.ingest import ingest_file, wire_files


class Command(BaseCommand):
    help = "Import ninjs documents (files or folders) as stories; idempotent by uri."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+")
        parser.add_argument("--json", action="store_true", help="one JSON line per item on stdout")
        parser.add_argument(
            "--language", default="ur", help="edition for items that name no language"
        )

    def handle(self, *args, **options):
        files = list(wire_files(options["paths"]))
        as_json = options["json"]
        counts: dict[str, int] = {}
        bar = tqdm(files, unit="file", disable=as_json or not sys.stderr.isatty(), file=sys.stderr)
        for path in bar:
            for outcome in ingest_file(path, default_language=options["language"]):
                counts[outcome.action] = counts.get(outcome.action, 0) + 1
                if as_json:
                    self.stdout.write(json.dumps(outcome.as_dict(), ensure_ascii=False))
                elif outcome.action == "rejected":
                    self.stderr.write(f"rejected {outcome.file}: {outcome.error}")
        summary = ", ".join(f"{n} {a}" for a, n in sorted(counts.items())) or "nothing to import"
        self.stderr.write(f"{len(files)} files: {summary}")
        if counts.get("rejected"):
            sys.exit(1)
