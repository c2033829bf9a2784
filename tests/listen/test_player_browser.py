"""The player in headless Chromium: keyboard play/pause, speed, seek, and the no-JS fallback.

Uses the real espeak-ng voice so the browser loads and plays real Opus/MP3 audio.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = os.environ.get("AKHBAR_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="module", autouse=True)
def _orm_beside_playwright():
    # Playwright's sync API runs an event loop in this thread, so Django's async guard
    # would refuse the ORM calls these tests make; set for this module only, so the variable does
    # not leak into other tests' subprocesses (`check --deploy` refuses it).
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture
def chromium(browser):
    """The run's shared Chromium (one Playwright per process: a second would clash)."""
    return browser


@pytest.fixture
def voiced_url(transactional_db, live_server):
    """A published story with real espeak-ng audio; returns its absolute URL."""
    from wagtail.models import Collection, Locale, Page

    from akhbar.listen import pipeline
    from akhbar.newsroom.editions import ensure_edition
    from akhbar.newsroom.models import ArticlePage, SectionPage

    locale, _ = Locale.objects.get_or_create(language_code="ur")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    edition = ensure_edition("ur")
    section = SectionPage.objects.child_of(edition).first()
    page = ArticlePage(headline="بارش کا نیا سلسلہ", standfirst="محکمہ موسمیات کی پیش گوئی",
                       live=False, body=[("paragraph", "<p>کل شام سے بارش متوقع ہے۔</p>")])
    section.add_child(instance=page)
    page.save_revision().publish()
    page = ArticlePage.objects.get(pk=page.pk)
    assert pipeline.voice(page).status == "ready"
    return live_server.url + page.url


def test_player_is_operable_by_keyboard(chromium, live_server, voiced_url):
    page = chromium.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(voiced_url)
    player = page.locator("[data-listen]")
    play = player.locator(".listen__play")
    assert play.is_visible() and play.get_attribute("aria-label") == "سنیے"
    assert not player.locator("audio").is_visible()  # native controls replaced
    assert player.locator(".listen__current").inner_text() == "00:00"
    assert player.locator(".listen__duration").inner_text() != "00:00"

    play.focus()
    page.keyboard.press("Enter")
    # the label follows the media events, which fire after `paused` flips: wait for it
    label = "document.querySelector('.listen__play').getAttribute('aria-label') === '{}'"
    page.wait_for_function("!document.querySelector('[data-listen] audio').paused")
    page.wait_for_function(label.format("روکیے"))
    page.keyboard.press("Space")
    page.wait_for_function("document.querySelector('[data-listen] audio').paused")
    page.wait_for_function(label.format("سنیے"))

    fast = player.locator('.listen__speed[data-rate="1.5"]')
    fast.focus()
    page.keyboard.press("Space")
    assert page.evaluate("document.querySelector('[data-listen] audio').playbackRate") == 1.5
    assert fast.get_attribute("aria-pressed") == "true"
    assert player.locator('.listen__speed[data-rate="1"]').get_attribute("aria-pressed") == "false"

    page.wait_for_function("document.querySelector('[data-listen] audio').readyState >= 1")
    player.locator(".listen__seek").focus()
    page.keyboard.press("End")
    assert page.evaluate("document.querySelector('[data-listen] audio').currentTime") > 1
    assert player.locator(".listen__current").inner_text() != "00:00"
    assert page.evaluate("getComputedStyle(document.querySelector('[data-listen]')).direction") \
        == "rtl"
    assert all(url.startswith(live_server.url) for url in requests), "a request left the site"
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(".story__head").screenshot(path=str(ARTIFACTS / "listen-head.png"))
    player.screenshot(path=str(ARTIFACTS / "listen-player.png"))
    page.close()


def test_without_javascript_the_native_player_remains(chromium, voiced_url):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(voiced_url)
    audio = page.locator("[data-listen] audio")
    assert audio.is_visible() and audio.get_attribute("controls") is not None
    assert not page.locator("[data-listen] .listen__play").is_visible()
    assert page.locator("[data-listen] .listen__duration").is_visible()
    context.close()
