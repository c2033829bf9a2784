"""Discover speed: computing a new story's list among 100,000 stories, against newest-15.

Part 1 (pure core, in memory): generates 100,000 Urdu-script stories (2,000 running
stories/topics with their own vocabulary, a shared Zipf-distributed vocabulary and real
Urdu function words), indexes them (the generated text is already in folded form, which
the first 200 check, so the bulk load skips akhbar.text.fold), then publishes NEW more
stories one at a time through the full path and times, per story (wall clock and this
process's CPU time, since the machine may be shared):

- "list": features (fold, words, TF-IDF, MinHash) + candidates from postings + rank;
- "publish": the same plus joining the index (near-duplicate group, postings, df);
- "naive": the newest-15 list (the seed's behaviour) from the same in-memory timeline.

Part 2 (database, smaller): a throwaway SQLite site with --db stories published through
Wagtail (signals → tasks → stored lists), then per article page: the queries and time
the Discover hook adds (stored list) against the naive newest-15 query, and the time of
the publish task (store.index_story) there.

    .venv/bin/python bench/discover.py [--stories 100000] [--new 300] [--db 300]

Reads nothing from /work/shared.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from akhbar.discover.features import STOPWORDS, text_words  # noqa: E402
from akhbar.discover.memindex import MemoryIndex, story_from_words  # noqa: E402

LETTERS = "ابپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنوہیے"
HOUR = 3600.0
T0 = 1_700_000_000.0


class Generator:
    """Deterministic fake Urdu stories: topic words, common words, function words."""

    def __init__(self, seed: int = 7, topics: int = 2000, vocabulary: int = 40_000):
        self.rng = random.Random(seed)
        self.words = list({self._word() for _ in range(vocabulary)})
        self.topic_words = [self.rng.sample(self.words, 25) for _ in range(topics)]
        self.stop = sorted(set(text_words(" ".join(STOPWORDS))))  # in folded spelling
        # Zipf-like weights for the shared vocabulary.
        self.cum = list(_accumulate(1.0 / (r + 1) for r in range(len(self.words))))

    def _word(self) -> str:
        return "".join(self.rng.choice(LETTERS) for _ in range(self.rng.randint(3, 7)))

    def story(self) -> tuple[str, str, int]:
        """(headline, body, topic) of a ~160-word story."""
        topic = int(self.rng.paretovariate(1.2)) % len(self.topic_words)
        own = self.topic_words[topic]
        common = self.rng.choices(self.words, cum_weights=self.cum, k=70)
        body = [*self.rng.choices(own, k=40), *common, *self.rng.choices(self.stop, k=50)]
        self.rng.shuffle(body)
        headline = " ".join(self.rng.choices(own, k=6))
        return headline, " ".join(body), topic


def _accumulate(values):
    total = 0.0
    for v in values:
        total += v
        yield total


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def memory_part(n_stories: int, n_new: int) -> None:
    gen = Generator()
    index = MemoryIndex()
    started = time.perf_counter()
    for i in range(1, n_stories + 1):
        head, body, topic = gen.story()
        if i <= 200:  # the generated text is already folded: check, then skip fold for speed
            assert text_words(head) == head.split() and text_words(body) == body.split()
        story, counts = story_from_words(
            i,
            head.split(),
            body.split(),
            T0 + i * 300.0,
            section=topic % 8,
            df=index.df,
            n_docs=len(index),
        )
        index.add(story, counts, group=False)  # bulk load: grouping is timed below
    print(
        f"indexed {n_stories:,} stories in {time.perf_counter() - started:.0f} s "
        f"({len(index.postings):,} posted terms)"
    )
    timings: dict[str, list[tuple[float, float]]] = {"list": [], "publish": [], "naive": []}
    for j in range(n_new):
        sid = n_stories + 1 + j
        head, body, topic = gen.story()
        published = T0 + sid * 300.0
        wall, cpu = time.perf_counter(), time.process_time()
        story, counts = index.story(sid, head, body, published, section=topic % 8)
        picks = index.recommend(story)
        timings["list"].append((time.perf_counter() - wall, time.process_time() - cpu))
        index.add(story, counts)
        timings["publish"].append((time.perf_counter() - wall, time.process_time() - cpu))
        wall, cpu = time.perf_counter(), time.process_time()
        newest = [s for _, s in reversed(index.timeline[-16:]) if s != sid][:15]
        timings["naive"].append((time.perf_counter() - wall, time.process_time() - cpu))
        assert len(picks) == 15 and len(newest) == 15
    print(f"{n_new} new stories, each timed alone (wall clock | CPU time of this process):")
    for name, values in timings.items():
        w = [v[0] * 1e3 for v in values]
        c = [v[1] * 1e3 for v in values]
        print(
            f"  {name:8} wall p50 {pct(w, 0.5):7.3f} p95 {pct(w, 0.95):7.3f} ms"
            f"  | cpu p50 {pct(c, 0.5):7.3f} p95 {pct(c, 0.95):7.3f} ms"
        )
    lists = [v[0] for v in timings["list"]]
    naive = [v[0] for v in timings["naive"]]
    print(
        f"  ratio list/naive at wall p95: {pct(lists, 0.95) / pct(naive, 0.95):,.0f}x "
        f"(target: list p95 <= 50 ms)"
    )


def db_part(n_stories: int) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "akhbar.settings.test"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from akhbar.discover import store
    from akhbar.discover.models import DiscoverEntry
    from akhbar.newsroom.editions import ensure_edition
    from akhbar.newsroom.front import newest_stories
    from akhbar.newsroom.models import ArticlePage, SectionPage

    call_command("migrate", verbosity=0)
    edition = ensure_edition("ur")
    sections = list(SectionPage.objects.child_of(edition))
    gen = Generator(seed=11, topics=60)
    publish_times = []
    for _ in range(n_stories):
        head, body, topic = gen.story()
        page = ArticlePage(
            headline=head, standfirst=head[:80], live=False, body=[("paragraph", f"<p>{body}</p>")]
        )
        sections[topic % len(sections)].add_child(instance=page)
        revision = page.save_revision()
        t = time.perf_counter()
        revision.publish()  # signal → task (ImmediateBackend) → store.index_story
        publish_times.append(time.perf_counter() - t)
    articles = list(ArticlePage.objects.live().order_by("-pk")[:50])
    client = Client()
    hook_q, naive_q, page_with, page_without = [], [], [], []
    for article in articles:
        from akhbar.discover.reader import stored_stories

        with CaptureQueriesContext(connection) as q:
            t = time.perf_counter()
            stored_stories(article)
            hook_q.append((len(q), time.perf_counter() - t))
        with CaptureQueriesContext(connection) as q:
            t = time.perf_counter()
            newest_stories(edition, exclude=[article.pk])
            naive_q.append((len(q), time.perf_counter() - t))
        client.get(article.url)
        with CaptureQueriesContext(connection) as q:
            client.get(article.url)
            page_with.append(len(q))
    DiscoverEntry.objects.filter(article__in=articles).delete()
    for article in articles:
        with CaptureQueriesContext(connection) as q:
            client.get(article.url)
            page_without.append(len(q))
    print(f"database: {n_stories} stories published through Wagtail (SQLite)")
    print(
        f"  publish incl. Discover task: p50 {pct(publish_times, 0.5) * 1e3:.0f} ms, "
        f"p95 {pct(publish_times, 0.95) * 1e3:.0f} ms"
    )
    stored_ms = pct([t for _, t in hook_q], 0.5) * 1e3
    naive_ms = pct([t for _, t in naive_q], 0.5) * 1e3
    print(
        f"  stored list read: {max(n for n, _ in hook_q)} query, p50 {stored_ms:.2f} ms; "
        f"naive newest-15: {max(n for n, _ in naive_q)} query, p50 {naive_ms:.2f} ms"
    )
    print(
        f"  article page queries: stored list {statistics.median(page_with):.0f}, "
        f"fallback (entries query + newest-15) {statistics.median(page_without):.0f}"
    )
    task_times = []
    for article in articles:
        t = time.perf_counter()
        store.index_story(article.pk)  # what the publish task does, alone
        task_times.append(time.perf_counter() - t)
    print(
        f"  Discover task alone (store.index_story): p50 {pct(task_times, 0.5) * 1e3:.0f} ms, "
        f"p95 {pct(task_times, 0.95) * 1e3:.0f} ms"
    )
    t = time.perf_counter()
    store.rebuild()
    print(f"  discover_rebuild of {n_stories} stories: {time.perf_counter() - t:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=300)
    parser.add_argument("--db", type=int, default=300)
    args = parser.parse_args()
    memory_part(args.stories, args.new)
    if args.db:
        os.environ["AKHBAR_HOME"] = tempfile.mkdtemp(prefix="akhbar-bench-")
        db_part(args.db)


if __name__ == "__main__":
    main()
