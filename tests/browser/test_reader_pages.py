"""Home, section, article (and search) pages in headless Chromium at phone and desktop widths.

What a reader would notice, checked in the real browser: nothing wider than the screen,
no text cut off, Urdu actually drawn in Noto Nastaliq Urdu (the platform font Chromium
used, not just the CSS asked for), English runs marked `lang="en"` and isolated, the
page's parts in order, keyboard use, and axe-core finding no serious or critical issue.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = [360, 1280]

# Original test copy: Urdu with an English name, an organisation, a URL and figures in it.
MIXED_HEADLINE = "لاہور میں Punjab University کی لائبریری 24 گھنٹے کھلی رہے گی"
MIXED_BODY = (
    "<p>وائس چانسلر Dr. Sara Malik نے بتایا کہ طلبہ اب رات گئے تک پڑھ سکیں گے۔ "
    "تفصیلات https://library.example.edu/hours پر دستیاب ہیں۔</p>"
    "<p>انتظامیہ کے مطابق پہلے مہینے میں 1,250 طلبہ نے رجسٹریشن کروائی، جبکہ "
    "(UNESCO) کی ایک ٹیم نے بھی دورہ کیا۔</p>"
)

# Text blocks whose scroll box must fit their client box: anything that holds words.
TEXT_BLOCKS = (
    "h1, h2, h3, h4, p, li, figcaption, blockquote, time, .card__text, .story__kicker, "
    ".story__dateline, .sections-nav a, .masthead__name, .skip-link"
)

CLIPPED_JS = """(selector) => [...document.querySelectorAll(selector)]
  .filter(e => e.getClientRects().length && !e.closest('.visually-hidden'))
  .filter(e => getComputedStyle(e).display !== 'inline')
  .map(e => {
    const s = getComputedStyle(e);
    const clips = !['visible', ''].includes(s.overflowX) || !['visible', ''].includes(s.overflowY);
    return {tag: e.tagName + '.' + e.className, text: e.textContent.trim().slice(0, 40),
            clips, sw: e.scrollWidth, cw: e.clientWidth, sh: e.scrollHeight, ch: e.clientHeight,
            lh: parseFloat(s.lineHeight) / parseFloat(s.fontSize),
            urdu: /[\\u0600-\\u06FF]/.test(e.textContent)};
  })
  .filter(r => r.clips || r.sw > r.cw + 1 || r.sh > r.ch + 1 || (r.urdu && r.lh < 2.0))"""

# Every visible text node with Latin letters must sit under lang="en" (or another Latin
# language) and inside something that isolates its direction.
LATIN_RUNS_JS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!/[A-Za-z]/.test(node.data) || !el.getClientRects().length) continue;
    if (el.closest('script, style, .visually-hidden')) continue;
    const lang = el.closest('[lang]').lang;
    const isolated = getComputedStyle(el.closest('[lang]')).unicodeBidi;
    if (!/^(en|tr)/.test(lang) || !['isolate', 'isolate-override', 'plaintext'].includes(isolated))
      out.push({text: node.data.trim().slice(0, 40), lang, isolated});
  }
  return out;
}"""


@pytest.fixture
def newsroom(wagtail_tree, story):
    """An edition with the imported Gwadar story and a few more, one of them mixed-script."""
    from akhbar.newsroom.models import ArticlePage, SectionPage

    sections = list(SectionPage.objects.live().order_by("order"))
    made = []
    for i, section in enumerate(sections[:4]):
        headline = MIXED_HEADLINE if i == 0 else f"{section.title} کی تازہ خبر نمبر {i + 1}"
        page = ArticlePage(
            headline=headline,
            standfirst="شہر کے طلبہ اور اساتذہ نے اس فیصلے کا خیر مقدم کیا ہے",
            live=False,
            body=[("paragraph", MIXED_BODY)],
            lead_image=story.lead_image,
        )
        section.add_child(instance=page)
        page.save_revision().publish()
        made.append(page)
    return {"story": story, "mixed": made[0], "section": story.section}


def open_page(browser, url: str, width: int):
    page = browser.new_page(viewport={"width": width, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    # networkidle: no request of this page may reach the live server after the test ends.
    response = page.goto(url, wait_until="networkidle")
    page.evaluate("document.fonts.ready")
    return page, response, requests


def rendered_families(page, selector: str) -> dict[str, int]:
    """Platform fonts Chromium used to draw the text directly inside `selector`."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, f"{selector} not found"
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return {f["familyName"]: f["glyphCount"] for f in fonts}


def check_layout(page, name: str) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        f"{name}: wider than the screen"
    )
    clipped = page.evaluate(CLIPPED_JS, TEXT_BLOCKS)
    assert clipped == [], f"{name}: text clipped or cramped: {clipped[:5]}"


def check_axe(page, name: str) -> None:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    bad = [v for v in result if v["impact"] in ("serious", "critical")]
    assert bad == [], f"{name}: axe-core: {bad}"


def reader_urls(live_server, newsroom) -> dict[str, str]:
    return {
        "home": live_server.url + "/",
        "section": live_server.url + newsroom["section"].url,
        "article": live_server.url + newsroom["mixed"].url,
    }


@pytest.mark.parametrize("width", WIDTHS)
def test_pages_fit_and_show_nastaliq(browser, live_server, newsroom, artifacts, width):
    for name, url in reader_urls(live_server, newsroom).items():
        page, response, requests = open_page(browser, url, width)
        assert response.status == 200, name
        check_layout(page, name)
        assert page.evaluate("document.documentElement.dir") == "rtl"
        assert page.evaluate("""() => [...document.fonts].some(f =>
            f.family.replace(/"/g, '') === 'Noto Nastaliq Urdu' && f.status === 'loaded')""")
        selector = {"home": ".card__headline a", "section": ".section-head h1"}.get(
            name, ".story__body p"
        )
        used = rendered_families(page, selector)
        assert max(used, key=used.get) == "Noto Nastaliq Urdu", (name, used)
        assert page.evaluate(LATIN_RUNS_JS) == [], name
        assert all(u.startswith(live_server.url) for u in requests), f"{name}: left the site"
        page.screenshot(path=str(artifacts / f"{name}-{width}.png"), full_page=True)
        page.close()


def test_mixed_text_is_isolated_in_the_browser(browser, live_server, newsroom):
    page, _, _ = open_page(browser, live_server.url + newsroom["mixed"].url, 360)
    headline_runs = page.locator(".story__headline [lang=en]").all_text_contents()
    assert headline_runs == ["Punjab University"]
    body_runs = page.locator(".story__body [lang=en]").all_text_contents()
    assert "Dr. Sara Malik" in body_runs
    assert "https://library.example.edu/hours" in body_runs
    assert "UNESCO" in body_runs
    # The Urdu full stop after the URL stays outside the English run, on the Urdu side.
    url = page.locator(".story__body [lang=en]", has_text="https://").first
    assert url.evaluate("e => e.nextSibling.data.startsWith('')")
    ends_left = url.evaluate("e => getComputedStyle(e).direction")
    assert ends_left == "ltr"
    page.close()


@pytest.mark.parametrize("name", ["home", "section", "article"])
def test_no_serious_accessibility_violations(browser, live_server, newsroom, name):
    url = reader_urls(live_server, newsroom)[name]
    for width in WIDTHS:
        page, _, _ = open_page(browser, url, width)
        check_axe(page, f"{name}@{width}")
        page.close()


def test_search_page(browser, live_server, newsroom, artifacts):
    from django.urls import reverse
    from django.utils import translation

    with translation.override("ur"):
        search = reverse("search")
    page, response, requests = open_page(browser, f"{live_server.url}{search}?q=گوادر", 360)
    assert response.status == 200
    assert page.locator(".card__headline").count() >= 1, "the Gwadar story is not found"
    check_layout(page, "search")
    check_axe(page, "search")
    assert all(u.startswith(live_server.url) for u in requests)
    page.screenshot(path=str(artifacts / "search-360.png"), full_page=True)
    page.close()


def test_landmarks_headings_and_keyboard(browser, live_server, newsroom):
    for name, url in reader_urls(live_server, newsroom).items():
        page, _, _ = open_page(browser, url, 1280)
        # One banner, one main, one contentinfo (top-level header/main/footer), named navs.
        landmarks = page.evaluate("""() => ['header', 'main', 'footer']
            .map(t => document.querySelectorAll('body > ' + t).length)""")
        assert landmarks == [1, 1, 1], (name, landmarks)
        assert page.evaluate("[...document.querySelectorAll('nav')].every(n => n.ariaLabel)")
        levels = page.evaluate(
            "() => [...document.querySelectorAll('h1,h2,h3,h4')].map(h => +h.tagName[1])"
        )
        assert levels.count(1) == 1, (name, levels)
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), (name, levels)
        # The first Tab lands on the skip link, visibly; Enter moves focus into <main>.
        page.keyboard.press("Tab")
        skip = page.evaluate("""() => {
            const e = document.activeElement, r = e.getBoundingClientRect();
            return {cls: e.className, top: r.top, left: r.left, right: r.right,
                    outline: getComputedStyle(e).outlineStyle}; }""")
        assert skip["cls"] == "skip-link" and skip["top"] >= 0 and skip["left"] >= 0, skip
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
        # Every link the keyboard reaches shows a focus ring.
        rings = []
        for _ in range(8):
            page.keyboard.press("Tab")
            rings.append(
                page.evaluate("""() => {
                    const e = document.activeElement, s = getComputedStyle(e);
                    return [e.tagName, s.outlineStyle, s.outlineWidth, e.textContent.slice(0, 9)];
                }""")
            )
        # Past the last link, focus leaves the page (BODY): the list ends there.
        reached = rings[: [r[0] for r in rings + [["BODY"]]].index("BODY")]
        assert reached, (name, rings)
        assert all(r[1] != "none" and r[2] != "0px" for r in reached), (name, rings)
        page.close()


def test_article_parts_in_order_at_both_widths(browser, live_server, newsroom):
    from tests.browser.test_article_page import PARTS as parts  # the seed's order, once

    for width in WIDTHS:
        page, _, _ = open_page(browser, live_server.url + newsroom["story"].url, width)
        tops = [page.locator(sel).first.bounding_box()["y"] for sel in parts[1:]]
        assert tops == sorted(tops), (width, dict(zip(parts[1:], tops, strict=True)))
        page.close()
