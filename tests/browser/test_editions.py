"""The same story in the Urdu and English editions, in Chromium: each edition's own script,
font, digits, date and reading-time label; switcher and hreflang both ways; Discover stays
inside the reader's edition."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

URDU_WORDS = "اسٹیٹ بینک نے شرحِ سود میں کوئی تبدیلی نہیں کی اور مہنگائی کا خدشہ برقرار ہے۔ "
ENGLISH_WORDS = "The State Bank left its policy rate unchanged as inflation risks linger. "
PUBLISHED = datetime(2026, 10, 27, 11, 40, tzinfo=UTC)  # 27 Oct in Karachi and London


def publish(section, headline: str, sentence: str, times: int, translation_of=None):
    from akhbar.newsroom.models import ArticlePage

    body = [{"type": "paragraph", "value": f"<p>{sentence * times}</p>"}]
    page = ArticlePage(headline=headline, body=body, locale=section.locale)
    if translation_of is not None:
        page.translation_key = translation_of.translation_key
    section.add_child(instance=page)
    page.save_revision().publish()
    ArticlePage.objects.filter(pk=page.pk).update(first_published_at=PUBLISHED)
    page.refresh_from_db()
    return page


@pytest.fixture
def newsroom(wagtail_tree):
    from akhbar.newsroom.editions import ensure_editions
    from akhbar.newsroom.models import SectionPage

    editions = {e.language: e for e in ensure_editions()}
    ur = SectionPage.objects.child_of(editions["ur"]).get(slug="maeeshat")
    en = SectionPage.objects.child_of(editions["en"]).get(slug="business")
    ar = SectionPage.objects.child_of(editions["ar"]).get(slug="iqtisad")
    urdu = publish(ur, "اسٹیٹ بینک نے شرحِ سود برقرار رکھی", URDU_WORDS, 25)  # 375 words
    english = publish(en, "State Bank keeps its policy rate", ENGLISH_WORDS, 24,  # 288 words
                      translation_of=urdu)
    others = {
        "ur": [publish(ur, f"معیشت کی خبر {n}", URDU_WORDS, 3) for n in range(3)],
        "en": [publish(en, f"Business story {n}", ENGLISH_WORDS, 3) for n in range(3)],
        "ar": [publish(ar, "خبر اقتصادية", "أبقى البنك المركزي سعر الفائدة. ", 20)],
    }
    return {"urdu": urdu, "english": english, "others": others}


def open_story(browser, live_server, story):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    response = page.goto(live_server.url + story.url)
    assert response.status == 200
    page.evaluate("document.fonts.ready")
    return page


def font_loaded(page, family: str) -> bool:
    return page.evaluate(
        """family => [...document.fonts].some(
            f => f.family.replace(/"/g, '') === family && f.status === 'loaded')""",
        family,
    )


def head_alternates(page) -> dict[str, str]:
    return page.evaluate("""() => Object.fromEntries(
        [...document.querySelectorAll('head link[rel=alternate][hreflang]')]
            .map(l => [l.hreflang, new URL(l.href).pathname]))""")


def discover_paths(page) -> list[str]:
    return page.evaluate("""() => [...document.querySelectorAll('.discover__list a')]
        .map(a => new URL(a.href).pathname)""")


def test_same_story_in_urdu_and_english(browser, live_server, newsroom, artifacts):
    urdu, english = newsroom["urdu"], newsroom["english"]

    page = open_story(browser, live_server, urdu)
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ur"
    family = page.locator(".story__headline").evaluate("e => getComputedStyle(e).fontFamily")
    assert family.startswith('"Noto Nastaliq Urdu"')
    assert font_loaded(page, "Noto Nastaliq Urdu")
    assert page.locator(".story__reading").inner_text() == "3 منٹ پڑھنے"  # 375 words, 138 wpm
    assert page.locator(".story__dateline time").first.inner_text() == "27 اکتوبر 2026"
    assert page.locator(".discover__title").inner_text() == "دریافت کیجیے"
    switch = page.locator(".editions-nav a[data-translation]")
    assert switch.count() == 1 and switch.get_attribute("hreflang") == "en"
    assert switch.get_attribute("href") == english.url
    alternates = head_alternates(page)
    assert alternates == {"ur": urdu.url, "en": english.url, "x-default": urdu.url}
    paths = discover_paths(page)
    assert paths and all(p.startswith("/ur/") for p in paths), paths
    assert urdu.url not in paths
    page.screenshot(path=str(artifacts / "edition-ur.png"), full_page=True)

    switch.click()  # the reader follows the switcher to the English edition
    page.wait_for_url(live_server.url + english.url)
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.documentElement.dir") == "ltr"
    assert page.evaluate("document.documentElement.lang") == "en"
    family = page.locator(".story__headline").evaluate("e => getComputedStyle(e).fontFamily")
    assert family.startswith('"Noto Serif"')
    assert font_loaded(page, "Noto Serif")
    assert not font_loaded(page, "Noto Nastaliq Urdu")
    assert page.locator(".story__reading").inner_text() == "2 min read"  # 288 words, 238 wpm
    assert page.locator(".story__dateline time").first.inner_text() == "27 October 2026"
    assert page.locator(".discover__title").inner_text() == "Explore"
    back = page.locator(".editions-nav a[data-translation]")
    assert back.count() == 1 and back.get_attribute("href") == urdu.url
    assert back.get_attribute("lang") == "ur" and back.get_attribute("dir") == "rtl"
    assert head_alternates(page) == {"ur": urdu.url, "en": english.url, "x-default": urdu.url}
    paths = discover_paths(page)
    assert paths and all(p.startswith("/en/") for p in paths), paths
    page.screenshot(path=str(artifacts / "edition-en.png"), full_page=True)
    page.close()


def test_arabic_edition_uses_naskh_and_arabic_digits(browser, live_server, newsroom):
    (story,) = newsroom["others"]["ar"]
    page = open_story(browser, live_server, story)
    assert page.evaluate("document.documentElement.dir") == "rtl"
    family = page.locator(".story__headline").evaluate("e => getComputedStyle(e).fontFamily")
    assert family.startswith('"Noto Naskh Arabic"')
    assert font_loaded(page, "Noto Naskh Arabic")
    assert page.locator(".story__dateline time").first.inner_text() == "٢٧ أكتوبر ٢٠٢٦"
    assert page.locator(".story__reading").inner_text() == "دقيقة للقراءة"
    page.close()


def test_root_sends_the_reader_to_their_edition(browser, live_server, newsroom):
    for accept, prefix in (("en-GB,en;q=0.9", "/en/"), ("ar", "/ar/"), ("fr", "/ur/")):
        context = browser.new_context(extra_http_headers={"Accept-Language": accept})
        page = context.new_page()
        response = page.goto(live_server.url + "/")
        assert response.status == 200 and page.url == live_server.url + prefix, accept
        context.close()
