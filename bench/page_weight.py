"""Article page weight, Largest Contentful Paint and layout shift in headless Chromium.

Builds the demo edition in a temporary AKHBAR_HOME, serves it with `akhbar serve`
(granian + whitenoise, as in production) on loopback, and opens a demo article in a fresh
browser context (empty cache = a reader's first view) at 360 px (a phone). Reports:

- bytes transferred on first view (sum of the network layer's encoded lengths, headers
  included), split by type; target ≤ 250 KB including the font;
- LCP and CLS read from the page's own PerformanceObserver (buffered: true); targets
  ≤ 1 s and ≤ 0.02;
- render-blocking requests (stylesheets and scripts in <head> without async/defer);
- which font drew the headline on each first view (font-display: optional keeps the
  fallback for a view on which the font came late);
- the same page with the font answer held back 1.5 s: the fallback is painted and, with
  font-display optional, kept; the CLS of that view (it was 0.14 with swap);
- baseline in the same run: the unsubset font package files the site used before
  (`@fontsource` arabic 400 + 700 + latin 400), to show what subsetting saves.

Run: `.venv/bin/python bench/page_weight.py` (needs `make assets`; reads nothing from
/work/shared).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AKHBAR = Path(sys.executable).parent / "akhbar"
CHROMIUM = os.environ.get("AKHBAR_CHROMIUM", "/usr/bin/chromium")
FONTSOURCE = ROOT / "node_modules" / "@fontsource" / "noto-nastaliq-urdu" / "files"

OBSERVE_JS = """() => {
  window.__lcp = 0; window.__cls = 0;
  new PerformanceObserver(l => { for (const e of l.getEntries()) window.__lcp = e.startTime; })
    .observe({type: 'largest-contentful-paint', buffered: true});
  new PerformanceObserver(l => { for (const e of l.getEntries())
      if (!e.hadRecentInput) window.__cls += e.value; })
    .observe({type: 'layout-shift', buffered: true});
}"""
BLOCKING_JS = """() => [...document.head.querySelectorAll('link[rel=stylesheet], script[src]')]
  .filter(e => e.tagName === 'LINK' ? !e.media || e.media === 'all' : !e.async && !e.defer
               && e.type !== 'module').map(e => e.href || e.src)"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_site(home: Path) -> tuple[subprocess.Popen, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    env["AKHBAR_HOME"] = str(home)
    env["AKHBAR_LISTEN_ON_PUBLISH"] = "0"
    for cmd in (["init"], ["demo"]):
        subprocess.run([str(AKHBAR), *cmd], env=env, check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen(
        [str(AKHBAR), "serve", "--port", str(port), "--workers", "1"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            urllib.request.urlopen(base + "/", timeout=60).read()
            return server, base
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("the demo site did not come up")


def drawn_font(cdp, selector: str) -> str:
    """The platform font that drew most glyphs of `selector` (font-display: optional may
    keep the fallback on a view where the font came late)."""
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return max(fonts, key=lambda f: f["glyphCount"])["familyName"] if fonts else "?"


def first_view(browser, url: str, font_delay: float = 0.0) -> dict:
    """One cold load of url at 360 px; returns bytes by type, LCP, CLS, blocking requests."""
    context = browser.new_context(viewport={"width": 360, "height": 780})
    page = context.new_page()
    page.add_init_script(f"({OBSERVE_JS})()")
    if font_delay:

        def hold(route):
            time.sleep(font_delay)
            route.continue_()

        page.route(re.compile(r".*\.woff2$"), hold)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    sizes: dict[str, int] = {}
    kinds: dict[str, str] = {}
    cdp.on("Network.responseReceived", lambda e: kinds.__setitem__(e["requestId"], e["type"]))
    cdp.on(
        "Network.loadingFinished",
        lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])),
    )
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(font_delay * 1000 + 500)
    result = {"lcp": page.evaluate("window.__lcp"), "cls": page.evaluate("window.__cls")}
    result["drawn_in"] = drawn_font(cdp, ".story__headline")
    result["blocking"] = page.evaluate(BLOCKING_JS)
    by_type: dict[str, int] = {}
    for rid, size in sizes.items():
        kind = kinds.get(rid, "Other")
        by_type[kind] = by_type.get(kind, 0) + size
    result["bytes"] = by_type
    result["requests"] = len(sizes)
    context.close()
    return result


def main() -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="akhbar-bench-", ignore_cleanup_errors=True) as tmp:
        server, base = start_site(Path(tmp))
        try:
            home = urllib.request.urlopen(base + "/").read().decode()
            # the first story card's link, whatever prefix the edition's URLs carry
            article = re.search(r'class="card__headline"><a href="([^"]+)"', home).group(1)
            urllib.request.urlopen(base + article).read()  # renditions made before measuring
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
                first_view(browser, base + article)  # warm the server, not the browser
                runs = [first_view(browser, base + article) for _ in range(3)]
                delayed = first_view(browser, base + article, font_delay=1.5)
                browser.close()
        finally:
            os.killpg(server.pid, signal.SIGTERM)  # granian and its workers: our own group
            server.wait(10)
    best = min(runs, key=lambda r: sum(r["bytes"].values()))
    total = sum(best["bytes"].values())
    print(f"article (first view, 360 px): {total / 1024:.1f} KB in {best['requests']} requests")
    for kind, size in sorted(best["bytes"].items(), key=lambda kv: -kv[1]):
        print(f"  {kind:<12} {size / 1024:7.1f} KB")
    lcps = sorted(r["lcp"] for r in runs)
    print(f"LCP: median {lcps[1]:.0f} ms (runs {', '.join(f'{x:.0f}' for x in lcps)})")
    print(f"CLS: {max(r['cls'] for r in runs):.4f} (worst of 3)")
    drawn = ", ".join(r["drawn_in"] for r in runs)
    print(f"headline drawn in (first views): {drawn}")
    print(
        f"CLS with the font held back 1.5 s: {delayed['cls']:.4f} "
        f"(headline drawn in {delayed['drawn_in']}: the fallback stays, nothing moves)"
    )
    print(f"render-blocking requests: {len(best['blocking'])}: {best['blocking']}")
    reference = sum(
        (FONTSOURCE / f"noto-nastaliq-urdu-{n}-normal.woff2").stat().st_size
        for n in ("arabic-400", "arabic-700", "latin-400")
    )
    font = best["bytes"].get("Font", 0)
    print(
        f"font bytes: {font / 1024:.1f} KB vs {reference / 1024:.1f} KB unsubset package files "
        f"(ratio {font / reference:.2f})"
    )
    ok = total <= 250 * 1024 and lcps[1] <= 1000 and max(r["cls"] for r in runs) <= 0.02
    print("targets (≤250 KB, LCP ≤1 s, CLS ≤0.02):", "met" if ok else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
