"""`akhbar listen`: voice live stories now, with a progress bar.

    akhbar listen --all            every live story (unchanged ones are skipped by hash)
    akhbar listen --all --force    every live story, synthesized again
    akhbar listen 12 15            the given story ids
    akhbar listen --missing        only stories without current audio

Runs in this process (not through the task queue), so it also works as a catch-up after
an outage of the worker or the engine; failures are listed at the end and set the exit
status to 1.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from akhbar.listen import pipeline
from akhbar.listen.engines import SynthesisError, get_engine
from akhbar.listen.models import Recording
from akhbar.newsroom.models import ArticlePage


class Command(BaseCommand):
    help = "Voice (or re-voice) live stories in Urdu speech, with a progress bar."

    def add_arguments(self, parser) -> None:
        parser.add_argument("ids", nargs="*", type=int, help="story (page) ids")
        parser.add_argument("--all", action="store_true", help="every live story")
        parser.add_argument("--missing", action="store_true",
                            help="only stories whose audio is missing or out of date")
        parser.add_argument("--force", action="store_true",
                            help="synthesize again even when the text is unchanged")

    def handle(self, *args, ids: list[int], all: bool, missing: bool, force: bool, **options):
        if not (ids or all or missing):
            raise CommandError("give story ids, --all or --missing")
        try:
            engine = get_engine()
        except SynthesisError as exc:
            raise CommandError(str(exc)) from exc
        stories = ArticlePage.objects.live().order_by("-first_published_at", "pk")
        if ids:
            stories = stories.filter(pk__in=ids)
        if missing and not force:
            stories = [s for s in stories if pipeline.needs_voice(s, engine)]
        stories = list(stories)
        counts: dict[str, int] = {}
        failed: list[tuple[int, str]] = []
        seconds = 0.0
        bar = tqdm(stories, desc="listen", unit="story", disable=options["verbosity"] == 0,
                   file=self.stderr._out)
        for story in bar:
            rec = pipeline.voice(story, engine=engine, force=force, retry_failed=True)
            counts[rec.status] = counts.get(rec.status, 0) + 1
            if rec.status == Recording.Status.FAILED:
                failed.append((story.pk, rec.error))
            seconds += rec.duration_seconds
            bar.set_postfix(audio=f"{seconds / 60:.1f} min")
        summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "nothing"
        self.stdout.write(f"{len(stories)} stories: {summary}; {seconds / 60:.1f} min of audio")
        for pk, error in failed:
            self.stderr.write(f"story {pk}: {error}")
        if failed:
            raise CommandError(f"{len(failed)} stories could not be voiced")
