"""Reader pages: the article shows the seed page's parts in order; lists show live stories only."""

from __future__ import annotations

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from akhbar.newsroom.models import ArticlePage, SectionPage

pytestmark = pytest.mark.django_db


class Text(HTMLParser):
    """Visible text of <body> in document order, plus element attributes we check."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self._skip = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def add_story(
    section: SectionPage, headline: str, days_ago: float, live: bool = True
) -> ArticlePage:
    page = ArticlePage(
        headline=headline,
        standfirst="خلاصہ",
        live=False,
        body=[("paragraph", "<p>کچھ متن یہاں ہے۔</p>")],
    )
    section.add_child(instance=page)
    page.first_published_at = timezone.now() - timedelta(days=days_ago)
    page.save()
    if live:
        page.save_revision().publish()
    return page


def test_article_parts_in_seed_order(client, story):
    response = client.get(story.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<html lang="ur" dir="rtl">', html)
    text = Text(html[html.index("<article") :]).text
    image = story.lead_image
    parts = [
        "ماحولیات",
        "2 منٹ پڑھنے",
        story.headline,
        story.standfirst,
        image.caption,
        "AFP",
        "10 اپریل 2025",
        "بلوچستان کے ساحلی شہر گوادر",
        "پانی کی تقسیم کیسے ہو گی",
        "ہمارا ہدف یہ ہے",
        "نلکوں میں واقعی پانی آئے گا",
    ]
    positions = [text.find(p) for p in parts]
    assert -1 not in positions, [p for p, i in zip(parts, positions, strict=True) if i < 0]
    assert positions == sorted(positions)
    assert f'alt="{image.alt_text}"' in html
    # The English caption is isolated as left-to-right English inside the Urdu page.
    assert re.search(
        r'<span lang="en" dir="ltr">The new desalination plant[^<]*'
        r'/ <span class="story__credit">AFP',
        html,
    )
    assert '<time datetime="2025-04-10T09:30:00+05:00">10 اپریل 2025</time>' in html
    assert "<article" in html and "<figure" in html and "<figcaption" in html


def test_discover_lists_up_to_15_other_live_stories_newest_first(client, story):
    section = story.section
    for n in range(18):
        add_story(section, f"خبر نمبر {n}", days_ago=n + 1)
    draft = add_story(section, "ابھی مسودہ ہے", days_ago=0.5, live=False)
    html = client.get(story.url).content.decode()
    discover = html[html.index("دریافت کیجیے") :]
    headlines = re.findall(r'card__headline"><a href="[^"]+">([^<]+)</a>', discover)
    assert len(headlines) == 15
    assert story.headline not in headlines
    assert draft.headline not in headlines
    assert headlines[:3] == ["خبر نمبر 0", "خبر نمبر 1", "خبر نمبر 2"]


def test_long_headline_is_kept_whole(client, edition):
    section = SectionPage.objects.get(slug="siyasat")
    long = "پارلیمان کی قائمہ کمیٹی نے " + "طویل اجلاس کے بعد " * 40 + "بل منظور کر لیا"
    assert len(long) > 500
    a = add_story(section, long, days_ago=1)
    b = add_story(section, long + " دوسری بار", days_ago=1)
    assert len(a.title) <= 255 and a.title.endswith("…")
    assert a.slug != b.slug and len(b.slug) <= 90
    html = client.get(a.url).content.decode()
    assert long in html


def test_drafts_are_not_served(client, edition):
    section = SectionPage.objects.get(slug="khel")
    draft = add_story(section, "ابھی شائع نہیں ہوئی", days_ago=0, live=False)
    assert client.get(f"/ur/khel/{draft.slug}/").status_code == 404


def test_home_and_section_pages(client, story, edition):
    for n in range(25):
        add_story(story.section, f"ماحول کی خبر {n}", days_ago=n + 2)
    home = client.get(edition.url)
    assert home.status_code == 200
    home_html = home.content.decode()
    assert "ماحول کی خبر 0" in home_html and 'lang="ur" dir="rtl"' in home_html
    first = client.get(story.section.url)
    assert first.status_code == 200 and 'rel="next"' in first.content.decode()
    second = client.get(story.section.url + "?page=2")
    assert second.status_code == 200 and 'rel="prev"' in second.content.decode()
    assert client.get(story.section.url + "?page=<script>").status_code == 200
    assert client.get(story.section.url + "?page=99999").status_code == 200
