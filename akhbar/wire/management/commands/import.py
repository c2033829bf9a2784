"""`akhbar import PATH...`: agency documents (files or folders) into stories or the desk.

`--json` prints one line per item, {"uri", "url", "action"} (refusals: {"file", "uri"?,
"action": "rejected", "error"}), and the exit status is 1 when anything was refused; an
external checker reads exactly that, so it stays as it is.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from akhbar.wire.ingest import Options, ingest_file, wire_files
from akhbar.wire.models import WireSource
from akhbar.wire.poll import summarize


class Command(BaseCommand):
    help = "Import ninjs, NewsML-G2 or RSS/Atom documents (files or folders); idempotent by uri."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+")
        parser.add_argument("--json", action="store_true", help="one JSON line per item on stdout")
        parser.add_argument(
            "--language", default="ur", help="edition for items that name no language"
        )
        parser.add_argument(
            "--source",
            help="treat the documents as from this configured source "
            "(its rule, defaults and credit)",
        )
        parser.add_argument(
            "--desk",
            action="store_true",
            help="send items to the wire desk instead of publishing them",
        )

    def handle(self, *args, **options):
        files = list(wire_files(options["paths"]))
        as_json = options["json"]
        opts = Options(language=options["language"])
        if options["source"]:
            source = WireSource.objects.filter(name=options["source"]).first()
            if source is None:
                raise CommandError(f"no wire source named {options['source']!r}")
            opts = Options.for_source(source)
        if options["desk"]:
            opts.rule = WireSource.DESK
        outcomes = []
        bar = tqdm(files, unit="file", disable=as_json or not sys.stderr.isatty(), file=sys.stderr)
        for path in bar:
            for outcome in ingest_file(path, options=opts):
                outcomes.append(outcome)
                if as_json:
                    self.stdout.write(json.dumps(outcome.as_dict(), ensure_ascii=False))
                elif outcome.action == "rejected":
                    where = f" [{outcome.uri}]" if outcome.uri else ""
                    self.stderr.write(f"rejected {outcome.file}{where}: {outcome.error}")
        counts = summarize(outcomes)
        unchanged = sum(1 for o in outcomes if o.action in ("unchanged", "skipped"))
        summary = ", ".join(f"{n} {k}" for k, n in counts.items())
        self.stderr.write(f"{len(files)} files: {summary}, {unchanged} unchanged")
        if counts["rejected"]:
            sys.exit(1)
