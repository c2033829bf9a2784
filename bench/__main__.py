"""`make bench`: how fast readers get a story, from nginx's file speed down to a bare render.

In one run, on loopback, each for the same number of seconds with wrk:

1. nginx static      nginx serving a saved copy of the seed article page, at the page's
                     own URL (the reference);
2. stock Wagtail     the home page of a fresh `wagtail start` project (Wagtail's own
                     template, middleware and routing; bench/stock_wagtail.py), served by
                     granian as `akhbar serve` serves akhbar;
3. plain Page        Wagtail's own `Page` with Wagtail's own template inside akhbar, served
                     by the same server as (4): what akhbar's stack costs a trivial page;
4. origin uncached   the seed article from akhbar with the page cache off: Django runs for
                     every request (routing, view restrictions, hooks, templates); the
                     parts kept per publish (route, edition, text, Discover cards) are used;
5. in-process cache  the same article from `akhbar serve` with the page cache on;
6. behind nginx      the same article through deploy/nginx.conf in front of (5): nginx
                     serves the page file akhbar wrote (or its proxy cache).

Then publish→visible: the seed article's headline is changed and published here (the
purge runs in this process, as in the admin), and the new headline is awaited through
nginx and through the in-process cache. Results print as a table with each speed as a
share of nginx static, and land in bench/results/ (git-ignored).

    .venv/bin/python -m bench [--seconds 8] [--repeat 3] [--connections 64] [--threads 2]
                              [--workers 2] [--rounds 5] [--home DIR]

The demo edition is loaded into a temporary AKHBAR_HOME first (about a minute). The
machine may be shared: other work on it shows up in the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote

from bench.loadgen import AkhbarServer, Load, fetch, run_wrk, static_nginx
from bench.stock_wagtail import StockWagtail
from deploy.nginx import Nginx, free_port

RESULTS = Path(__file__).parent / "results"
TARGETS = {
    "behind nginx ≥ 0.9× nginx static": ("behind nginx", "nginx static", 0.9),
    "origin uncached ≥ 2× stock Wagtail": ("origin uncached", "stock Wagtail", 2.0),
    "in-process cache ≥ 2× stock Wagtail": ("in-process cache", "stock Wagtail", 2.0),
}


STOCK_PAGE = """
from wagtail.models import Page
from akhbar.newsroom.models import EditionPage
edition = EditionPage.objects.get(locale__language_code="ur")
if not Page.objects.child_of(edition).filter(slug="stock-wagtail").exists():
    page = Page(title="Stock Wagtail page", slug="stock-wagtail")
    edition.add_child(instance=page)
    page.save_revision().publish()
"""


def prepare(home: Path, env: dict) -> None:
    """The demo edition, and a plain Wagtail page beside it (no nginx to purge yet)."""
    import subprocess

    from bench.loadgen import AKHBAR

    quiet = {k: v for k, v in env.items() if k != "AKHBAR_NGINX_REFRESH_URL"}
    loaded = (home / "akhbar.sqlite3").exists()
    for command in ([] if loaded else [["init"], ["demo"]]) + [["shell", "-c", STOCK_PAGE]]:
        subprocess.run([str(AKHBAR), *command], env=quiet, check=True, capture_output=True)


def setup_django(env: dict) -> None:
    os.environ.update(env)
    import django

    django.setup()


def seed_article():
    """The demo story with a picture and the longest text: the page readers load most."""
    from akhbar.newsroom.models import ArticlePage

    return (
        ArticlePage.objects.live().exclude(lead_image=None).order_by("-word_count", "pk").first()
    )


def stock_page_url() -> str:
    """Wagtail's own `Page` with Wagtail's own template, inside akhbar."""
    from wagtail.models import Page

    return Page.objects.get(slug="stock-wagtail").url


def first_reader(url: str, rounds: int = 20) -> tuple[float, float]:
    """Median ms of the first request after a publish generation moves, and of the next.

    The origin keeps a page's parts per publish generation; the first reader after any
    publish builds them again from the rows. The generation is moved here the way a
    publish in another process moves it (the stamp file in AKHBAR_HOME), without
    publishing, so only the rebuild is timed.
    """
    from akhbar.newsroom.front import bump_generation

    cold, warm = [], []
    for _ in range(rounds):
        bump_generation()
        for bucket in (cold, warm):
            start = time.perf_counter()
            fetch(url)
            bucket.append((time.perf_counter() - start) * 1000)
    return statistics.median(cold), statistics.median(warm)


def publish_to_visible(article, urls: dict[str, str], rounds: int) -> dict[str, list[float]]:
    """Seconds from the start of a publish until readers polling each URL see it.

    The publish runs in a thread, as an editor's click would in the admin; readers poll
    meanwhile. Every cache holds the previous version when the publish starts.
    """
    import threading

    from django.db import connection

    from akhbar.newsroom.models import ArticlePage

    def publish(page, took: list | None = None) -> None:
        try:
            start = time.perf_counter()
            page.save_revision().publish()
            if took is not None:
                took.append(time.perf_counter() - start)
        finally:
            connection.close()

    # One publish first, not counted: the admin's process is warm, this one is not yet.
    warm = ArticlePage.objects.get(pk=article.pk)
    publish(warm)
    times: dict[str, list[float]] = {name: [] for name in urls}
    times["(the publish call itself)"] = []
    for n in range(rounds):
        page = ArticlePage.objects.get(pk=article.pk)
        marker = f"تازہ-{n}-{int(time.time())}".encode()
        page.headline = f"{article.headline} {marker.decode()}"
        for url in urls.values():
            fetch(url)
            fetch(url)
        started = time.perf_counter()
        worker = threading.Thread(
            target=publish, args=(page, times["(the publish call itself)"])
        )
        worker.start()
        pending = dict(urls)
        while pending and time.perf_counter() - started < 30:
            for name, url in list(pending.items()):
                if marker in fetch(url)[2]:
                    times[name].append(time.perf_counter() - started)
                    del pending[name]
            time.sleep(0.005)
        for name in pending:
            times[name].append(float("inf"))
        worker.join()
    return times


def median_run(runs: list[Load]) -> Load:
    """The run with the median requests/s, carrying the errors of every run."""
    chosen = sorted(runs, key=lambda load: load.requests_per_s)[len(runs) // 2]
    return Load(chosen.name, chosen.url, chosen.requests_per_s, chosen.p50_ms, chosen.p99_ms,
                sum(load.errors for load in runs), sum(load.requests for load in runs))


def table(loads: list[Load], reference: Load) -> str:
    lines = [
        f"{'scenario':<20} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} "
        f"{'× nginx static':>15}"
    ]
    for load in loads:
        ratio = load.requests_per_s / reference.requests_per_s if reference.requests_per_s else 0
        lines.append(
            f"{load.name:<20} {load.requests_per_s:>10.0f} {load.p50_ms:>8.2f} "
            f"{load.p99_ms:>8.2f} {load.errors:>7d} {ratio:>15.3f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="granian workers per server")
    parser.add_argument("--repeat", type=int, default=3, help="wrk runs per scenario")
    parser.add_argument("--rounds", type=int, default=5, help="publish→visible repetitions")
    parser.add_argument("--home", type=Path, help="reuse this AKHBAR_HOME (demo loaded)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)

    root = Path(tempfile.mkdtemp(prefix="akhbar-bench-"))
    home = args.home or root / "home"
    refresh_port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    env.update(
        DJANGO_SETTINGS_MODULE="akhbar.settings.dev",
        AKHBAR_HOME=str(home),
        AKHBAR_NGINX_REFRESH_URL=f"http://127.0.0.1:{refresh_port}",
        AKHBAR_PUBLIC_HOSTS="127.0.0.1",
        AKHBAR_PUBLIC_SCHEME="http",
        AKHBAR_PAGECACHE_DIR=str(root / "pages"),
    )
    print(f"loading the demo edition into {home} …", flush=True)
    prepare(home, env)
    setup_django(env)
    article = seed_article()
    article_path = article.url
    stock_path = stock_page_url()

    servers: list = []
    try:
        print("building a stock Wagtail project (wagtail start) …", flush=True)
        stock = StockWagtail(root / "stock-wagtail", args.workers, root / "stock.log").build()
        servers.append(stock.start())
        uncached = AkhbarServer(env, args.workers, page_cache=False, log=root / "uncached.log")
        servers.append(uncached.start())
        cached = AkhbarServer(env, args.workers, page_cache=True, log=root / "cached.log")
        servers.append(cached.start())
        proxy = Nginx(root / "nginx-proxy", f"127.0.0.1:{cached.port}", home / "static",
                      home / "media", refresh_port=refresh_port, pages_root=root / "pages")
        servers.append(proxy.start())

        status, _, html = fetch(uncached.url + article_path)
        if status != 200:
            raise SystemExit(f"the seed article answered {status}")
        # The copy sits at the article's own URL: the same request line (a long Urdu
        # path, percent-encoded) and the same bytes; only the work behind it differs.
        static_root = root / "static-copy"
        folder = static_root.joinpath(*unquote(article_path).strip("/").split("/"))
        folder.mkdir(parents=True)
        (folder / "index.html").write_bytes(html)
        plain = static_nginx(root / "nginx-static", static_root)
        servers.append(plain.start())

        scenarios = [
            ("nginx static", plain.url + article_path),
            ("stock Wagtail", stock.url + "/"),
            ("plain Page", uncached.url + stock_path),
            ("origin uncached", uncached.url + article_path),
            ("in-process cache", cached.url + article_path),
            ("behind nginx", proxy.url + article_path),
        ]
        for _, url in scenarios:
            for _ in range(3):  # warm: fill caches, open connections, import lazily
                fetch(url)
        # The machine is shared: the scenarios take turns, --repeat times, and each
        # reports its median run, so a burst of other work does not land on one alone.
        runs: dict[str, list[Load]] = {name: [] for name, _ in scenarios}
        for round_ in range(args.repeat):
            for name, url in scenarios:
                print(f"  [{round_ + 1}/{args.repeat}] {name}: {args.seconds} s of wrk …",
                      flush=True)
                runs[name].append(
                    run_wrk(name, url, args.seconds, args.connections, args.threads)
                )
        loads = [median_run(runs[name]) for name, _ in scenarios]
        rebuild = first_reader(uncached.url + article_path)
        visible = publish_to_visible(
            article,
            {"behind nginx": proxy.url + article_path,
             "in-process cache": cached.url + article_path},
            args.rounds,
        )
    finally:
        for server in reversed(servers):
            server.stop()

    by_name = {load.name: load for load in loads}
    reference = by_name["nginx static"]
    report = [
        f"akhbar page cache benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
        f"{os.cpu_count()} cores (shared with other work), wrk -t{args.threads} "
        f"-c{args.connections} -d{args.seconds}s, median of {args.repeat} runs, "
        f"{args.workers} granian workers",
        f"seed article: {article.headline[:60]} ({len(html)} bytes)",
        "",
        table(loads, reference),
        "",
        f"origin uncached, one reader at a time: first after a publish {rebuild[0]:.1f} ms, "
        f"the next {rebuild[1]:.1f} ms (median of 20)",
    ]
    for name, samples in visible.items():
        finite = [s for s in samples if s != float("inf")]
        worst = max(samples)
        report.append(
            f"publish→visible, {name}: median "
            f"{statistics.median(finite) * 1000 if finite else float('inf'):.0f} ms, "
            f"worst {worst * 1000:.0f} ms over {len(samples)} publishes"
        )
    report.append("")
    verdicts = {}
    for label, (a, b, factor) in TARGETS.items():
        ratio = by_name[a].requests_per_s / by_name[b].requests_per_s
        verdicts[label] = ratio >= factor
        report.append(f"target {label}: {ratio:.2f}× {'met' if verdicts[label] else 'MISSED'}")
    worst_visible = max(max(s) for k, s in visible.items() if not k.startswith("("))
    verdicts["publish→visible ≤ 1 s"] = worst_visible <= 1.0
    report.append(
        f"target publish→visible ≤ 1 s: worst {worst_visible * 1000:.0f} ms "
        f"{'met' if verdicts['publish→visible ≤ 1 s'] else 'MISSED'}"
    )
    errors = sum(load.errors for load in loads)
    verdicts["0 errors"] = errors == 0
    report.append(f"target 0 errors: {errors} {'met' if errors == 0 else 'MISSED'}")
    text = "\n".join(report)
    print("\n" + text)

    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (RESULTS / f"pagecache-{stamp}.txt").write_text(text + "\n", "utf-8")
    (RESULTS / f"pagecache-{stamp}.json").write_text(
        json.dumps(
            {
                "loads": [load.as_dict() for load in loads],
                "publish_to_visible_s": visible,
                "targets": verdicts,
                "args": {k: str(v) for k, v in vars(args).items()},
            },
            indent=2,
            ensure_ascii=False,
        ),
        "utf-8",
    )
    print(f"\nwritten to {RESULTS}/pagecache-{stamp}.txt and .json")
    if not args.keep:
        import shutil

        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
