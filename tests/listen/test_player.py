"""The player on the article page: where the seed has it, labelled in Urdu, with a fallback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from akhbar.listen import pipeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_html(client, make_story, tone_engine):
    page = make_story(headline="سرخی", standfirst="یہ خلاصہ ہے")
    pipeline.voice(page)
    response = client.get(page.url)
    assert response.status_code == 200
    return page, response.content.decode()


def test_player_sits_after_the_standfirst_and_before_the_picture(page_html):
    _, html = page_html
    standfirst = html.index("یہ خلاصہ ہے")
    player = html.index("data-listen")
    body = html.index('class="story__body"')
    assert standfirst < player < body
    figure = html.find('class="story__figure"')
    assert figure == -1 or player < figure


def test_player_parts(page_html):
    page, html = page_html
    start = html.index('<section class="listen"')
    section = html[start : html.index("</section>", start)]
    assert "<audio" in section and " controls" in section  # native fallback without JS
    assert f'src="/listen/{page.pk}.opus"' in section and f'src="/listen/{page.pk}.mp3"' in section
    assert 'type="audio/ogg; codecs=&quot;opus&quot;"' in section or 'codecs="opus"' in section
    assert "00:00" in section
    assert re.search(r'class="listen__duration">\d\d:\d\d<', section)
    assert 'aria-label="یہ خبر سنیے"' in section
    assert 'aria-label="سنیے"' in section  # play/pause button
    assert 'type="range"' in section and 'aria-label="خبر میں آگے پیچھے جائیے"' in section
    assert 'aria-label="رفتار"' in section
    for rate in ('data-rate="1"', 'data-rate="1.25"', 'data-rate="1.5"'):
        assert rate in section
    assert 'dir="rtl"' in section
    assert "listen/player.js" in html
    # the player's styles ride in the site's one stylesheet: no second render-blocking CSS
    assert "listen/player.css" not in html
    assert ".listen__play" in Path(finders.find("akhbar/css/site.css")).read_text(encoding="utf-8")


def test_player_uses_the_editions_numerals(client, make_story, tone_engine, edition):
    edition.numerals = "urdu"
    edition.save_revision().publish()
    page = make_story()
    pipeline.voice(page)
    html = client.get(page.url).content.decode()
    assert "۰۰:۰۰" in html


def test_no_player_without_audio(client, make_story, tone_engine):
    page = make_story()
    assert "data-listen" not in client.get(page.url).content.decode()


def test_player_assets_are_self_hosted_and_small():
    for name in ("listen/player.js",):
        path = finders.find(name)
        assert path, name
        text = Path(path).read_text(encoding="utf-8")
        assert len(text.encode()) < 8000
        assert "http://" not in text and "https://" not in text and "//cdn" not in text
