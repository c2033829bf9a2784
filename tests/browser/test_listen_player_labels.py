"""The listen player's time label stays in the edition's language once the reader seeks.

The server renders "00:00 of 00:12" translated; player.js rewrites the label on every time
update, so it must take the translated wording from the page rather than write its own.
English and Urdu demo stories are voiced by the real espeak-ng engine and driven in Chromium.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def arabic_script(text: str) -> list[str]:
    """Characters of the Arabic script (Urdu's), by their Unicode names."""
    return sorted({c for c in text if unicodedata.name(c, "").startswith("ARABIC")})


@pytest.fixture
def voiced_stories(wagtail_tree, settings):
    """The English harbour-ferry demo story and an Urdu demo story, both with real audio."""
    from akhbar.listen import pipeline
    from akhbar.newsroom.demo import EDITIONS_DIR
    from akhbar.newsroom.editions import ensure_editions
    from akhbar.search.demo import STORIES_DIR, publish_story

    settings.AKHBAR_SPEECH_ENGINE = "espeak"
    editions = {e.language: e for e in ensure_editions()}
    docs = {"en": EDITIONS_DIR / "en-karachi-harbour-ferry-trial.json",
            "ur": STORIES_DIR / "08-state-bank-holds-policy-rate.json"}
    pages = {}
    for language, path in docs.items():
        page = publish_story(editions[language], json.loads(path.read_text("utf-8")))
        assert pipeline.voice(page).status == "ready", language
        pages[language] = page
    return pages


def digit_systems(text: str) -> set[str]:
    """Which digits a label writes: {"DIGIT"} for 0-9, {"EXTENDED ARABIC-INDIC DIGIT"}..."""
    return {unicodedata.name(c).rsplit(" ", 1)[0] for c in text if c.isdigit()}


def seek_to_end(browser, url: str) -> tuple[str, str, str]:
    """Open the story, press play, seek to the end from the keyboard.

    Returns the slider's label as the server wrote it, the label after seeking, and the
    current time the player shows.
    """
    page = browser.new_page()
    served = re.search(r'class="listen__seek"[^>]*aria-valuetext="([^"]*)"',
                       page.request.get(url).text())
    before = html.unescape(served.group(1))
    page.goto(url)
    player = page.locator("[data-listen]")
    seek = player.locator(".listen__seek")
    # preload="none": nothing is known of the audio until the reader presses play.
    player.locator(".listen__play").click()
    page.wait_for_function("document.querySelector('[data-listen] audio').readyState >= 1")
    seek.focus()
    page.keyboard.press("End")
    page.wait_for_function("document.querySelector('[data-listen] audio').currentTime > 1")
    page.wait_for_function(
        "before => document.querySelector('.listen__seek').getAttribute('aria-valuetext') "
        "!== before",
        arg=before,
    )
    after = seek.get_attribute("aria-valuetext")
    current = player.locator(".listen__current").inner_text()
    page.close()
    return before, after, current


def test_english_player_label_stays_english_after_seeking(browser, live_server, voiced_stories):
    before, after, current = seek_to_end(browser, live_server.url + voiced_stories["en"].url)
    assert before.startswith("00:00 of ")
    assert after.startswith(f"{current} of "), after
    assert current != "00:00" and current.isascii()
    assert arabic_script(after) == [], after
    assert digit_systems(after) == digit_systems(before) == {"DIGIT"}


def test_urdu_player_label_keeps_urdu_wording_and_digits(browser, live_server, voiced_stories):
    before, after, current = seek_to_end(browser, live_server.url + voiced_stories["ur"].url)
    assert " از " in before and " از " in after, (before, after)
    assert after.startswith(f"{current} از "), after
    # The edition's digits, the same ones the template wrote before playback.
    assert digit_systems(after) == digit_systems(before), (before, after)
