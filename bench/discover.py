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

Part 2 (database, smaller): a throwaway site (SQLite, or PostgreSQL with --postgres)
with --db live stories indexed by `discover_rebuild`, then --db-new more, each through
the publish task (store.index_story: index, list, spread into others' lists), timed with
the list alone (store.compute_list) and the naive newest-15 query. Then --pages article
pages, each warmed once and rendered again: queries and time with the stored list,
with the seed's naive newest-15 list (Discover's hook removed) and with Discover's
fallback (list not computed yet). The target: Discover adds at most one query.

    .venv/bin/python -m bench.discover [--stories 100000] [--new 300]
        [--db 2000] [--db-new 100] [--pages 50] [--postgres postgres://user@host:5432/db]

--stories 0 skips part 1, --db 0 part 2.

Reads nothing from /work/shared.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time

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


def db_part(n_stories: int, n_new: int, n_pages: int) -> None:
    """Discover in the database: the publish task, and what it adds to an article page."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "akhbar.settings.test"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from wagtail import hooks

    from akhbar.discover import store
    from akhbar.discover.models import DiscoverEntry
    from akhbar.discover.reader import stored_stories
    from akhbar.newsroom.editions import ensure_edition
    from akhbar.newsroom.front import newest_stories
    from akhbar.newsroom.models import ArticlePage, SectionPage

    call_command("migrate", verbosity=0)
    edition = ensure_edition("ur")
    sections = list(SectionPage.objects.child_of(edition))
    gen = Generator(seed=11, topics=max(60, n_stories // 50))
    start = timezone.now() - timezone.timedelta(seconds=300 * (n_stories + n_new))

    def add_page(n: int) -> ArticlePage:
        # Created live without Wagtail's publish, so only Discover's work is timed below
        # (publishing also runs the search, listen and distribution tasks).
        head, body, topic = gen.story()
        when = start + timezone.timedelta(seconds=300 * n)
        page = ArticlePage(
            headline=head,
            standfirst=head[:80],
            live=True,
            first_published_at=when,
            last_published_at=when,
            body=[("paragraph", f"<p>{body}</p>")],
        )
        sections[topic % len(sections)].add_child(instance=page)
        return page

    t = time.perf_counter()
    for n in range(n_stories):
        add_page(n)
    created = time.perf_counter() - t
    t = time.perf_counter()
    store.rebuild()  # what `akhbar discover_rebuild` does: index all, then every list
    rebuilt = time.perf_counter() - t
    print(
        f"database ({connection.vendor}): {n_stories:,} stories created in {created:.0f} s, "
        f"discover_rebuild {rebuilt:.0f} s ({rebuilt / n_stories * 1e3:.0f} ms a story)"
    )
    task, listing, naive = [], [], []
    for n in range(n_stories, n_stories + n_new):
        page = add_page(n)
        with CaptureQueriesContext(connection) as q:
            t, c = time.perf_counter(), time.process_time()
            store.index_story(page.pk)  # the publish task: index, list, spread into others
            task.append((time.perf_counter() - t, time.process_time() - c, len(q)))
        t, c = time.perf_counter(), time.process_time()
        store.compute_list(page.pk)  # the list alone (as after an editor's pin)
        listing.append((time.perf_counter() - t, time.process_time() - c, 0))
        t, c = time.perf_counter(), time.process_time()
        newest_stories(edition, exclude=[page.pk])
        naive.append((time.perf_counter() - t, time.process_time() - c, 0))
    print(f"  {n_new} new stories (wall clock, and CPU time of this process without the server's):")
    for name, rows in (
        ("publish task (store.index_story)", task),
        ("list alone (store.compute_list)", listing),
        ("naive newest-15 query", naive),
    ):
        w, c = [r[0] * 1e3 for r in rows], [r[1] * 1e3 for r in rows]
        print(
            f"    {name:33} wall p50 {pct(w, 0.5):6.1f} p95 {pct(w, 0.95):6.1f} ms"
            f" | cpu p50 {pct(c, 0.5):6.1f} p95 {pct(c, 0.95):6.1f} ms"
        )
    print(f"    queries per publish task: {max(r[2] for r in task)} at most")

    articles = list(ArticlePage.objects.live().order_by("-pk")[:n_pages])
    client = Client()

    def render(article) -> tuple[int, float, int]:
        """(queries, seconds, Discover-entry queries) of one warm article page."""
        with CaptureQueriesContext(connection) as q:
            t = time.perf_counter()
            response = client.get(article.url)
            elapsed = time.perf_counter() - t
        assert response.status_code == 200, (article.url, response.status_code)
        own = sum("discover_discoverentry" in x["sql"] for x in q.captured_queries)
        return len(q), elapsed, own

    def pages() -> list[tuple[int, float, int]]:
        for article in articles:
            client.get(article.url)  # warm per-page caches: measure the steady state
        return [render(article) for article in articles]

    read = []
    for article in articles:
        with CaptureQueriesContext(connection) as q:
            t = time.perf_counter()
            stored_stories(article)
            read.append((len(q), time.perf_counter() - t))
    with_list = pages()
    (hook,) = [
        entry
        for entry in hooks._hooks["akhbar_article_context"]
        if entry[0].__module__.startswith("akhbar.discover")
    ]
    hooks._hooks["akhbar_article_context"].remove(hook)  # the seed: newest 15, no Discover
    naive_pages = pages()
    hooks._hooks["akhbar_article_context"].append(hook)
    DiscoverEntry.objects.filter(article__in=articles).delete()
    fallback = pages()

    def line(name: str, rows) -> str:
        q = statistics.median(r[0] for r in rows)
        ms = [r[1] * 1e3 for r in rows]
        return (
            f"    {name:34} {q:4.0f} queries (max {max(r[0] for r in rows)}), "
            f"{max(r[2] for r in rows)} on Discover entries, "
            f"p50 {pct(ms, 0.5):6.1f} ms p95 {pct(ms, 0.95):6.1f} ms"
        )

    print(f"  article page, {len(articles)} pages, each warmed once then timed:")
    print(line("naive newest-15 (no Discover)", naive_pages))
    print(line("Discover, stored list", with_list))
    print(line("Discover, fallback (not computed)", fallback))
    added = statistics.median(w[0] - n[0] for w, n in zip(with_list, naive_pages, strict=True))
    print(
        f"    queries added by Discover: {added:+.0f} (target <= 1); "
        f"stored-list read alone: {max(n for n, _ in read)} query, "
        f"p50 {pct([t for _, t in read], 0.5) * 1e3:.2f} ms"
    )


def postgres_database(server: str) -> tuple[str, callable]:
    """A throwaway database on `server` (a postgres:// URL) and a function that drops it."""
    import psycopg

    name = f"akhbar_bench_discover_{os.getpid()}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')

    return server.rsplit("/", 1)[0] + "/" + name, drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=300)
    parser.add_argument("--db", type=int, default=2000, help="stories in the database part")
    parser.add_argument("--db-new", type=int, default=100)
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument(
        "--postgres", metavar="URL", help="run the database part on a throwaway database there"
    )
    args = parser.parse_args()
    if args.stories:
        memory_part(args.stories, args.new)
    if args.db:
        os.environ["AKHBAR_HOME"] = tempfile.mkdtemp(prefix="akhbar-bench-")
        drop = None
        if args.postgres:
            os.environ["DATABASE_URL"], drop = postgres_database(args.postgres)
        try:
            db_part(args.db, args.db_new, args.pages)
        finally:
            if drop:
                drop()


if __name__ == "__main__":
    main()
