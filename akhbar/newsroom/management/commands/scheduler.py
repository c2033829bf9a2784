"""`akhbar scheduler`: publish scheduled and embargoed stories on time (a worker loop).

`akhbar serve` starts it beside the web server; run it yourself when the site is served
some other way. `--once` runs one pass and exits (what a test or a cron job would call).
"""

import contextlib

from django.core.management.base import BaseCommand

from akhbar.newsroom.scheduler import INTERVAL, publish_due, run_forever


class Command(BaseCommand):
    help = "Publish stories whose go-live time has passed, every --interval seconds."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=INTERVAL)
        parser.add_argument("--once", action="store_true", help="one pass, then exit")
        parser.add_argument(
            "--parent-pid",
            type=int,
            default=None,
            help="stop when this process (the web server that started us) is gone",
        )

    def handle(self, *args, **options):
        if options["once"]:
            run = publish_due()
            self.stdout.write(f"published {len(run.published)}, unpublished {len(run.expired)}")
            return
        self.stdout.write(f"scheduler: checking every {options['interval']:g} s")
        with contextlib.suppress(KeyboardInterrupt):
            run_forever(interval=options["interval"], parent_pid=options["parent_pid"])
