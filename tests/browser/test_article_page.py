"""An imported article in a real browser: parts in the seed's order, set in Noto Nastaliq Urdu."""

from __future__ import annotations

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PARTS = [
    ".story__section",
    ".story__reading",
    ".story__headline",
    ".story__standfirst",
    ".story__figure img",
    ".story__caption",
    ".story__dateline time",
    ".story__body",
    ".discover__title",
]


@pytest.mark.parametrize("width", [360, 1280])
def test_article_in_chromium(browser, live_server, wagtail_tree, story, artifacts, width):
    from akhbar.newsroom.models import ArticlePage

    other = ArticlePage(headline="دوسری خبر", standfirst="", live=False)
    story.section.add_child(instance=other)
    other.save_revision().publish()

    page = browser.new_page(viewport={"width": width, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    response = page.goto(live_server.url + story.url)
    assert response.status == 200
    page.evaluate("document.fonts.ready")

    boxes = [page.locator(sel).first.bounding_box() for sel in PARTS]
    # Section label and reading time share one line; in a right-to-left page the
    # section comes first, i.e. further right. Everything after follows downwards.
    section, reading = boxes[0], boxes[1]
    assert abs(section["y"] - reading["y"]) < 20 and section["x"] > reading["x"]
    tops = [b["y"] for b in boxes[1:]]
    assert tops == sorted(tops), dict(zip(PARTS[1:], tops, strict=True))

    family = page.locator(".story__headline").evaluate("e => getComputedStyle(e).fontFamily")
    assert family.startswith('"Noto Nastaliq Urdu"')
    assert page.evaluate("""() => [...document.fonts].some(
        f => f.family.replace(/"/g, '') === 'Noto Nastaliq Urdu' && f.status === 'loaded')""")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    caption_dir = page.locator(".story__caption [lang=en]").evaluate(
        "e => getComputedStyle(e).direction"
    )
    assert caption_dir == "ltr"
    assert all(url.startswith(live_server.url) for url in requests), "a request left the site"
    page.screenshot(path=str(artifacts / f"article-{width}.png"), full_page=True)
    page.close()
