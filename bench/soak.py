"""Soak: the origin under 64 connections for ten minutes, counting errors and memory growth.

`akhbar serve` (granian, page cache off so every request renders) on the demo edition;
wrk loads the seed article page while the resident memory of the server's processes
(granian and its workers) is sampled every few seconds from /proc. The reference is the
same server's memory after the first minute of load (interpreters warmed, caches filled):
growth is measured from there to the end.

    .venv/bin/python -m bench.soak [--seconds 600] [--connections 64] [--threads 2]
                                   [--workers 2] [--warmup 60] [--publish-every 10]
                                   [--home DIR]

Meanwhile a story is published every `--publish-every` seconds (0: never), as a newsroom
does: each publish moves the publish generation, so the parts the origin keeps per
generation are built again and the old ones must age out, not pile up.

Pass: 0 errors (socket errors and non-2xx/3xx answers) and growth under 10%. The machine
may be shared: other work on it shows in the request rate, not in the pass/fail.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.__main__ import prepare, seed_article, setup_django
from bench.loadgen import AkhbarServer, run_wrk

RESULTS = Path(__file__).parent / "results"
PAGE = os.sysconf("SC_PAGE_SIZE")


def group_rss(pgid: int) -> int:
    """Resident bytes of every process in process group `pgid`."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # field 5 of stat: the process group
            total += int(fields[21]) * PAGE  # field 24: rss in pages
    return total


def sample(pgid: int, every: float, stop: threading.Event, out: list[tuple[float, int]]):
    start = time.monotonic()
    while not stop.is_set():
        out.append((time.monotonic() - start, group_rss(pgid)))
        stop.wait(every)


def publish_now_and_then(every: float, stop: threading.Event, count: list[int]) -> None:
    """Publish the demo stories in turn, one every `every` seconds, until `stop`."""
    from django.db import connection

    from akhbar.newsroom.models import ArticlePage

    ids = list(ArticlePage.objects.live().order_by("pk").values_list("pk", flat=True))
    try:
        while ids and not stop.wait(every):
            page = ArticlePage.objects.get(pk=ids[count[0] % len(ids)])
            page.save_revision().publish()
            count[0] += 1
    finally:
        connection.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=int, default=600)
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--warmup", type=int, default=60)
    ap.add_argument("--every", type=float, default=5.0)
    ap.add_argument("--publish-every", type=float, default=10.0)
    ap.add_argument("--home", type=Path, default=None)
    args = ap.parse_args(argv)

    home = args.home or Path(tempfile.mkdtemp(prefix="akhbar-soak-"))
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(AKHBAR_HOME=str(home), DJANGO_SETTINGS_MODULE="akhbar.settings.dev",
               AKHBAR_TASKS="immediate", AKHBAR_LISTEN_ON_PUBLISH="0")
    prepare(home, env)
    setup_django(env)
    url_path = seed_article().url
    server = AkhbarServer(env, args.workers, page_cache=False, log=home / "soak-server.log")
    server.start()
    samples: list[tuple[float, int]] = []
    stop = threading.Event()
    try:
        url = server.url + url_path
        # Warm-up load: interpreters import, caches fill; memory after this is the base.
        run_wrk("warm-up", url, args.warmup, args.connections, args.threads)
        sampler = threading.Thread(
            target=sample, args=(server.process.pid, args.every, stop, samples), daemon=True
        )
        sampler.start()
        published = [0]
        publisher = threading.Thread(
            target=publish_now_and_then, args=(args.publish_every, stop, published), daemon=True
        ) if args.publish_every > 0 else None
        if publisher:
            publisher.start()
        load = run_wrk("soak", url, args.seconds, args.connections, args.threads)
        stop.set()
        sampler.join()
        if publisher:
            publisher.join()
    finally:
        stop.set()
        server.stop()
    base, end = samples[0][1], samples[-1][1]
    peak = max(rss for _, rss in samples)
    growth = (end - base) / base
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": args.seconds, "connections": args.connections, "workers": args.workers,
        "url": url_path, "publishes": published[0], "requests": load.requests,
        "requests_per_s": load.requests_per_s,
        "p50_ms": load.p50_ms, "p99_ms": load.p99_ms, "errors": load.errors,
        "rss_base_mb": round(base / 2**20, 1), "rss_end_mb": round(end / 2**20, 1),
        "rss_peak_mb": round(peak / 2**20, 1), "rss_growth": round(growth, 4),
        "samples": [[round(t, 1), rss] for t, rss in samples],
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"soak-{result['when'][:19].replace(':', '')}.json").write_text(
        json.dumps(result, indent=1)
    )
    ok = load.errors == 0 and growth < 0.10
    print(f"soak {args.seconds}s at {args.connections} connections, {args.workers} workers, "
          f"{published[0]} publishes (shared machine: rates are indicative)")
    print(f"  requests {load.requests}  {load.requests_per_s:.0f}/s  p50 {load.p50_ms:.1f} ms  "
          f"p99 {load.p99_ms:.1f} ms  errors {load.errors}")
    print(f"  RSS after warm-up {result['rss_base_mb']} MB → end {result['rss_end_mb']} MB "
          f"(peak {result['rss_peak_mb']} MB): growth {growth:+.1%} (limit +10%)")
    print("  PASS" if ok else "  FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
