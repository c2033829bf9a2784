"""`akhbar wire_poll`: poll the configured wire sources that are due (or all, with --force).

Once by default (for cron or a task worker); `--loop SECONDS` keeps polling, each source
on its own interval, for a host that runs the wire desk as a long-lived process.
"""

import sys
import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from akhbar.wire.poll import due_sources, poll_source, summarize


class Command(BaseCommand):
    help = "Poll due wire sources (watched folders, HTTP feeds) once and print a summary."

    def add_arguments(self, parser):
        parser.add_argument("names", nargs="*", help="only these sources (by name)")
        parser.add_argument("--force", action="store_true", help="poll even if not due yet")
        parser.add_argument(
            "--loop",
            type=float,
            metavar="SECONDS",
            help="keep polling due sources, checking every SECONDS",
        )

    def handle(self, *args, **options):
        if options["loop"]:
            while True:
                self.poll_once({**options, "force": False, "looping": True}, exit_on_reject=False)
                time.sleep(max(options["loop"], 1.0))
        self.poll_once(options, exit_on_reject=True)

    def poll_once(self, options, exit_on_reject: bool) -> None:
        sources = due_sources(
            # naming sources polls them now, except in a loop, where each keeps its interval
            force=options["force"] or (bool(options["names"]) and not options.get("looping")),
            names=options["names"] or None,
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
        if counts["rejected"] and exit_on_reject:
            sys.exit(1)
