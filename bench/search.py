"""Search speed: index build time and query latency over 100,000 Urdu stories, vs raw FTS5.

Generates a corpus of synthetic Urdu stories (headline 12 words, standfirst 25, body
250) from a word list: the words of the 35 demo stories plus 30,000 generated Urdu-letter
words, drawn with a Zipf distribution (the function words most often). Each story is
typed in one house style — most in standard Urdu letters, some on an Arabic keyboard
(ي ك ه), some with harakat — so the raw text varies the way real copy does.

Two SQLite databases on disk, built in the same run:

- akhbar   the production schema (akhbar.search.query.SQLITE_SCHEMA: the document
           table + external-content FTS5 with triggers + a live-flag page table); build
           = fold → terms → joined pairs in Python, then inserts;
- raw      stock FTS5 (unicode61) over the raw headline / standfirst / body.

Queries: 2–3 content words of a random story's headline and body, typed in a random
variant spelling (Arabic letters, harakat, joined/split, Urdu digits). akhbar runs the
same SQL the site runs (plan → BM25 × freshness, one page + the total count, through
akhbar.search.sqlite_search.run_sqlite); "akhbar, all joined" the same ranking with every
match joined and scored (the full query: the plan before the page finder, and its
fallback); raw runs the quoted words AND-ed, ORDER BY bm25, plus its count. Each is timed
per query, end to end from the reader's string; the load average is printed with them.

``--variants N`` also builds N stories three ways (no joined pairs, joined pairs,
character trigrams) and prints their build time and size: how the spacing-variant
method was chosen.

    .venv/bin/python bench/search.py [--stories 100000] [--queries 500] [--variants 10000]
        [--postgres postgres://postgres@127.0.0.1:5432/postgres]

With ``--postgres`` (or DATABASE_URL pointing at PostgreSQL) the akhbar documents are
also loaded into a scratch database there, schema as migrations 0001–0003 make it, and
the PostgreSQL search (akhbar.search.query.pg_search_sql + count) is timed on the same
queries.

Reads nothing from /work/shared.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from akhbar.newsroom.demo import STORIES_DIR  # noqa: E402
from akhbar.search import query as q  # noqa: E402
from akhbar.search.sqlite_search import full_search_sql, run_sqlite  # noqa: E402
from akhbar.text import fold, normalize, words  # noqa: E402
from akhbar.text.search_terms import STOPWORDS, joined_pairs, terms  # noqa: E402

LETTERS = "ابپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنوہیےآ"
NOW = datetime(2026, 11, 29, tzinfo=UTC)
ARABIC_KEYBOARD = str.maketrans({"ی": "ي", "ک": "ك", "ہ": "ه"})
HARAKAT = "\u064e\u0650\u064f\u0652"


def vocabulary(rng: random.Random, synthetic: int) -> list[str]:
    """Function words first, then demo-story words, then generated words (Zipf rank order)."""
    demo: dict[str, int] = {}
    for path in sorted(STORIES_DIR.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        text = " ".join(
            v.get("value", "") for key in ("headlines", "descriptions", "bodies")
            for v in doc.get(key, [])
        )
        for word in words(normalize(text.replace("<", " <").replace(">", "> "))):
            if not word.isascii():
                demo[word] = demo.get(word, 0) + 1
    common = sorted(demo, key=lambda w: -demo[w])
    function = [w for w in common if fold(w) in STOPWORDS]
    content = [w for w in common if fold(w) not in STOPWORDS]
    made = {
        "".join(rng.choice(LETTERS) for _ in range(rng.randint(3, 8))) for _ in range(synthetic)
    }
    return function + content + sorted(made - set(content))


class Corpus:
    """Deterministic synthetic stories: (headline, standfirst, body, published, style)."""

    def __init__(self, n: int, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.vocab = vocabulary(self.rng, 30_000)
        weights = [1.0 / (rank + 1) ** 1.05 for rank in range(len(self.vocab))]
        self.cum = list(_accumulate(weights))
        self.n = n

    def _words(self, k: int) -> list[str]:
        return self.rng.choices(self.vocab, cum_weights=self.cum, k=k)

    def stories(self):
        for i in range(self.n):
            style = self.rng.random()
            parts = [self._words(12), self._words(25), self._words(250)]
            texts = [" ".join(p) for p in parts]
            if style < 0.15:
                texts = [t.translate(ARABIC_KEYBOARD) for t in texts]
            elif style < 0.25:
                texts = [_sprinkle_harakat(t, self.rng) for t in texts]
            # ~2 years of stories, ids in publication order give or take a few hours
            # (wire copy held back), and one in 200 an old story re-published under a
            # new id: the search must not rely on ids following dates.
            minutes = (self.n - 1 - i) * 10 + self.rng.uniform(-360, 360)
            if self.rng.random() < 0.005:
                minutes = self.rng.uniform(0, self.n * 10)
            published = NOW - timedelta(minutes=minutes)
            yield i + 1, texts[0], texts[1], texts[2], published


def _accumulate(values):
    total = 0.0
    for v in values:
        total += v
        yield total


def _sprinkle_harakat(text: str, rng: random.Random) -> str:
    out = []
    for word in text.split():
        if len(word) > 3 and rng.random() < 0.3:
            cut = rng.randint(1, len(word) - 1)
            word = word[:cut] + rng.choice(HARAKAT) + word[cut:]
        out.append(word)
    return " ".join(out)


def akhbar_db(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("CREATE TABLE wagtailcore_page (id INTEGER PRIMARY KEY, live INTEGER NOT NULL)")
    db.execute(
        f"CREATE TABLE {q.DOC_TABLE} (page_id INTEGER PRIMARY KEY, locale TEXT, edition_id INT, "
        "section_id INT, published TEXT, headline_terms TEXT, standfirst_terms TEXT, "
        "body_terms TEXT, joins_terms TEXT, indexed_at TEXT)"
    )
    db.execute(f"CREATE INDEX doc_published ON {q.DOC_TABLE}(published)")  # as Django makes
    db.execute(f"CREATE INDEX doc_locale ON {q.DOC_TABLE}(locale)")
    for sql in q.SQLITE_SCHEMA:
        db.execute(sql)
    return db


def raw_db(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("CREATE VIRTUAL TABLE raw USING fts5(h, s, b, published UNINDEXED)")
    return db


def build(corpus: Corpus, akhbar: sqlite3.Connection, raw: sqlite3.Connection) -> dict:
    """Index every story in both databases; returns timings in seconds."""
    t_fold = t_akhbar = t_raw = 0.0
    batch_a, batch_r = [], []

    def flush() -> None:
        nonlocal t_akhbar, t_raw
        start = time.perf_counter()
        akhbar.executemany("INSERT INTO wagtailcore_page VALUES (?, 1)", [(r[0],) for r in batch_a])
        akhbar.executemany(
            f"INSERT INTO {q.DOC_TABLE} VALUES (?, 'ur', 1, 1, ?, ?, ?, ?, ?, '')", batch_a
        )
        akhbar.commit()
        t_akhbar += time.perf_counter() - start
        start = time.perf_counter()
        raw.executemany("INSERT INTO raw VALUES (?, ?, ?, ?)", batch_r)
        raw.commit()
        t_raw += time.perf_counter() - start
        batch_a.clear()
        batch_r.clear()

    for pk, h, s, b, published in corpus.stories():
        when = published.strftime("%Y-%m-%d %H:%M:%S")
        start = time.perf_counter()
        th, ts, tb = terms(h), terms(s), terms(b)
        joins = joined_pairs(th) + joined_pairs(ts) + joined_pairs(tb)
        batch_a.append((pk, when, " ".join(th), " ".join(ts), " ".join(tb), " ".join(joins)))
        t_fold += time.perf_counter() - start
        batch_r.append((h, s, b, when))
        if len(batch_a) >= 2000:
            flush()
    flush()
    return {"fold": t_fold, "akhbar_sql": t_akhbar, "raw_sql": t_raw}


def make_queries(corpus: Corpus, n: int, seed: int = 11) -> list[tuple[str, int]]:
    """Reader queries: content words of a random story, in a random spelling variant.

    Returns (query, story id). Words come from the headline and the body's opening; the
    "joined" variant writes two words that are adjacent in the headline as one.
    """
    rng = random.Random(seed)
    regen = Corpus(corpus.n)  # same seed: the same stories again
    picks = set(rng.sample(range(1, corpus.n + 1), n))
    out = []
    for pk, h, _s, b, _published in regen.stories():
        if pk not in picks:
            continue
        head = [w for w in normalize(h).split() if fold(w) not in STOPWORDS]
        pool = list(dict.fromkeys(head + [
            w for w in normalize(b).split()[:40] if fold(w) not in STOPWORDS and len(w) > 2
        ]))
        variant = rng.random()
        if variant < 0.15 and len(head) >= 2:
            i = rng.randrange(len(head) - 1)
            text = head[i] + head[i + 1]  # joined by the reader
        else:
            chosen = rng.sample(pool, min(len(pool), rng.choice((2, 2, 3))))
            text = " ".join(chosen)
            if variant < 0.45:
                text = text.translate(ARABIC_KEYBOARD)
            elif variant < 0.65:
                text = _sprinkle_harakat(text, rng)
        out.append((text, pk))
        if len(out) == n:
            break
    rng.shuffle(out)
    return out


def akhbar_query(db: sqlite3.Connection, text: str) -> list[int]:
    """What akhbar.search.backends.search runs for one page (the same run_sqlite)."""
    p = q.plan(text)
    if p.empty:
        return []
    filters = q.Filters(locale="ur")
    now = NOW.strftime("%Y-%m-%d %H:%M:%S")

    def execute(sql: str, params: list) -> list[tuple]:
        return db.execute(sql.replace("%s", "?"), params).fetchall()

    for mode in ("all", "any"):
        hits, total = run_sqlite(execute, q.fts5_expression(p, mode), filters, now,
                                   "relevance", 10, 0)
        if total or len(p.groups) < 2:
            return [pk for pk, _ in hits]
    return []


def akhbar_full_query(db: sqlite3.Connection, text: str) -> list[int]:
    """akhbar's ranking with every match joined and scored (the previous plan, and the
    fallback): what the page finder saves."""
    p = q.plan(text)
    if p.empty:
        return []
    filters = q.Filters(locale="ur")
    now = NOW.strftime("%Y-%m-%d %H:%M:%S")
    for mode in ("all", "any"):
        match = q.fts5_expression(p, mode)
        sql, params = full_search_sql(match, filters, now, "relevance", 10, 0)
        rows = db.execute(sql.replace("%s", "?"), params).fetchall()
        db.execute(f"SELECT count(*) FROM {q.FTS_TABLE} WHERE {q.FTS_TABLE} MATCH ?",
                   (match,)).fetchone()
        if rows or len(p.groups) < 2:
            return [pk for pk, _ in rows]
    return []


def raw_query(db: sqlite3.Connection, text: str) -> list[int]:
    """The naive reference: each typed word quoted, AND-ed, BM25 order, plus the count."""
    expr = " AND ".join('"' + w.replace('"', '""') + '"' for w in text.split())
    if not expr:
        return []
    rows = db.execute(
        "SELECT rowid FROM raw WHERE raw MATCH ? ORDER BY bm25(raw, 4.0, 2.0, 1.0) LIMIT 10",
        (expr,),
    ).fetchall()
    db.execute("SELECT count(*) FROM raw WHERE raw MATCH ?", (expr,)).fetchone()
    return [r[0] for r in rows]


PG_DATABASE = "akhbar_search_bench"


def postgres_db(url: str, akhbar: sqlite3.Connection) -> tuple[object, float]:
    """The akhbar documents (already folded) in PostgreSQL with the production schema.

    A database of its own (``akhbar_search_bench``, dropped and made again) on the server
    at ``url``; the build time counts loading the rows and the generated vector column +
    GIN index of migrations 0001–0003, not the folding (shared with SQLite, shown there).
    """
    import psycopg

    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
        admin.execute(f"CREATE DATABASE {PG_DATABASE}")
    info = psycopg.conninfo.conninfo_to_dict(url)
    info["dbname"] = PG_DATABASE
    pg = psycopg.connect(**info, autocommit=True)
    start = time.perf_counter()
    pg.execute("CREATE TABLE wagtailcore_page (id integer PRIMARY KEY, live boolean NOT NULL)")
    pg.execute(
        f"CREATE TABLE {q.DOC_TABLE} (page_id integer PRIMARY KEY, locale varchar(16), "
        "edition_id integer, section_id integer, published timestamptz, headline_terms text, "
        "standfirst_terms text, body_terms text, joins_terms text, indexed_at timestamptz)"
    )
    pg.execute(f"CREATE INDEX doc_published ON {q.DOC_TABLE}(published)")
    pg.execute(f"CREATE INDEX doc_locale ON {q.DOC_TABLE}(locale)")
    for sql in (*q.PG_EXPRESSION_SCHEMA, *q.PG_SCHEMA):  # migrations 0002, 0003
        pg.execute(sql)
    cols = "page_id, locale, section_id, published, headline_terms, standfirst_terms, " \
        "body_terms, joins_terms"
    rows = akhbar.execute(f"SELECT {cols} FROM {q.DOC_TABLE}")
    with pg.cursor() as cur:
        with cur.copy("COPY wagtailcore_page (id, live) FROM STDIN") as copy:
            for (pk,) in akhbar.execute(f"SELECT page_id FROM {q.DOC_TABLE}"):
                copy.write_row((pk, True))
        with cur.copy(f"COPY {q.DOC_TABLE} ({cols}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row((*row[:3], row[3] + "+00", *row[4:]))
    pg.execute(f"VACUUM ANALYZE {q.DOC_TABLE}")
    pg.execute("VACUUM ANALYZE wagtailcore_page")
    return pg, time.perf_counter() - start


def postgres_query(pg, text: str) -> list[int]:
    """What akhbar.search.backends.search runs on PostgreSQL for one page."""
    p = q.plan(text)
    if p.empty:
        return []
    filters = q.Filters(locale="ur")
    for mode in ("all", "any"):
        expr = q.tsquery_expression(p, mode)
        rows = pg.execute(*q.pg_search_sql(expr, filters, NOW, "relevance", 10, 0)).fetchall()
        if len(rows) == 10:
            pg.execute(*q.pg_count_sql(expr, filters)).fetchone()
        if rows or len(p.groups) < 2:
            return [pk for pk, _ in rows]
    return []


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def time_queries(db, fn, queries: list[tuple[str, int]]) -> tuple[list[float], int]:
    """Per-query milliseconds, and how often the query's own story is in the top 10."""
    found, times = 0, []
    for text, story in queries:
        start = time.perf_counter()
        hits = fn(db, text)
        times.append((time.perf_counter() - start) * 1000)
        found += story in hits
    return times, found


def size_mb(path: Path) -> float:
    total = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    return total / 1e6


def variants(n: int, folder: Path) -> None:
    """Build n stories three ways to compare spacing-variant methods (time, size)."""
    print(f"\nspacing variants, {n:,} stories:")
    print(f"{'method':<16} {'build s':>8} {'size MB':>8}")
    for name in ("no pairs", "joined pairs", "char trigrams"):
        path = folder / f"variant-{name.replace(' ', '-')}.sqlite3"
        db = sqlite3.connect(path)
        tokenize = "trigram" if name == "char trigrams" else "ascii"
        db.execute(f"CREATE VIRTUAL TABLE t USING fts5(h, s, b, j, tokenize='{tokenize}')")
        start = time.perf_counter()
        rows = []
        for _pk, h, s, b, _p in Corpus(n).stories():
            th, ts, tb = terms(h), terms(s), terms(b)
            if name == "char trigrams":
                rows.append(("".join(th), "".join(ts), "".join(tb), ""))
            else:
                joins = joined_pairs(th) + joined_pairs(ts) + joined_pairs(tb)
                rows.append((" ".join(th), " ".join(ts), " ".join(tb),
                             " ".join(joins) if name == "joined pairs" else ""))
        db.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", rows)
        db.commit()
        elapsed = time.perf_counter() - start
        db.close()
        print(f"{name:<16} {elapsed:>8.1f} {size_mb(path):>8.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--variants", type=int, default=10_000, help="0 to skip")
    parser.add_argument("--postgres", metavar="URL", default=os.environ.get("DATABASE_URL", ""),
                        help="also time PostgreSQL (default $DATABASE_URL if PostgreSQL)")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="akhbar-search-bench-"))
    corpus = Corpus(args.stories)
    akhbar_path, raw_path = folder / "akhbar.sqlite3", folder / "raw.sqlite3"
    akhbar, raw = akhbar_db(akhbar_path), raw_db(raw_path)
    print(f"{args.stories:,} stories, vocabulary {len(corpus.vocab):,} words "
          f"(python {sys.version.split()[0]}, sqlite {sqlite3.sqlite_version}, "
          f"{os.cpu_count()} cpus)")
    timings = build(corpus, akhbar, raw)
    total_akhbar = timings["fold"] + timings["akhbar_sql"]
    print(f"\nindex build       akhbar {total_akhbar:7.1f} s (fold+terms {timings['fold']:.1f} s, "
          f"sqlite {timings['akhbar_sql']:.1f} s)   raw {timings['raw_sql']:7.1f} s   "
          f"ratio ×{total_akhbar / timings['raw_sql']:.2f}")
    akhbar.execute(q.SQLITE_REBUILD.replace("('rebuild')", "('optimize')"))
    raw.execute("INSERT INTO raw(raw) VALUES ('optimize')")
    akhbar.commit()
    raw.commit()
    print(f"on disk           akhbar {size_mb(akhbar_path):7.1f} MB   "
          f"raw {size_mb(raw_path):7.1f} MB")
    pg = None
    if args.postgres.startswith(("postgres://", "postgresql://")):
        pg, pg_build = postgres_db(args.postgres, akhbar)
        print(f"PostgreSQL build  akhbar {pg_build:7.1f} s (rows + generated vector + GIN; "
              "folding as above)")

    queries = make_queries(corpus, args.queries)
    for db, fn in ((akhbar, akhbar_query), (raw, raw_query)):  # warm the page cache
        time_queries(db, fn, queries[:50])
    a_times, a_found = time_queries(akhbar, akhbar_query, queries)
    f_times, f_found = time_queries(akhbar, akhbar_full_query, queries)
    r_times, r_found = time_queries(raw, raw_query, queries)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n{len(queries)} queries, relevance order, first page + total "
          f"(load average {load} on {os.cpu_count()} cpus)")
    print(f"{'':<22} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'mean':>8} {'story@10':>9}")
    results = [("akhbar", a_times, a_found), ("akhbar, all joined", f_times, f_found),
               ("raw FTS5", r_times, r_found)]
    if pg is not None:
        time_queries(pg, postgres_query, queries[:50])
        p_times, p_found = time_queries(pg, postgres_query, queries)
        results.append(("akhbar on PostgreSQL", p_times, p_found))
        pg.close()
    for name, times, found in results:
        print(f"{name:<22} {percentile(times, 50):>8.2f} {percentile(times, 95):>8.2f} "
              f"{percentile(times, 99):>8.2f} {statistics.mean(times):>8.2f} "
              f"{found:>5}/{len(queries)}")
    print(f"ratio akhbar/raw  p50 ×{percentile(a_times, 50) / percentile(r_times, 50):.2f}  "
          f"p95 ×{percentile(a_times, 95) / percentile(r_times, 95):.2f}")
    akhbar.close()
    raw.close()
    if args.variants:
        variants(args.variants, folder)
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
