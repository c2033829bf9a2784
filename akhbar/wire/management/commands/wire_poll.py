"""`akhbar wire_poll`: poll the configured wire sources that are due (or all, with --force)."""

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from akhbar.wire.poll import due_sources, poll_source, summarize


class Command(BaseCommand):
    help = "Poll due wire sources (watched folders, HTTP feeds) once and print a summary."

    def add_arguments(self, parser):
        parser.add_argument("names", nargs="*", help="only these sources (by name)")
        parser.add_argument("--force", action="store_true", help="poll even if not due yet")

    def handle(self, *args, **options):
        sources = due_sources(
            force=options["force"] or bool(options["names"]), names=options["names"] or None
        )
        outcomes = []
        with tqdm(
            total=len(sources), unit="source", file=sys.stderr, disable=not sys.stderr.isatty()
        ) as bar:
            for source in sources:
                bar.set_description(source.name)
                result = poll_source(source)
                outcomes += result
                for o in result:
                    if o.action == "rejected":
                        where = f" [{o.uri}]" if o.uri else ""
                        self.stderr.write(f"rejected {source.name}: {o.file}{where}: {o.error}")
                bar.update(1)
        counts = summarize(outcomes)
        self.stdout.write(
            f"{len(sources)} sources: " + ", ".join(f"{n} {k}" for k, n in counts.items())
        )
        if counts["rejected"]:
            sys.exit(1)
