"""Head metadata read back by extruct: NewsArticle JSON-LD, Open Graph, Twitter, hreflang."""

from __future__ import annotations

from html.parser import HTMLParser

import extruct
import pytest

from akhbar.newsroom.editions import ensure_edition
from akhbar.newsroom.models import SectionPage
from tests.distribution.builders import HOSTILE, make_story

pytestmark = pytest.mark.django_db

NEWS_ARTICLE_FIELDS = {
    "headline", "description", "image", "datePublished", "dateModified", "author",
    "publisher", "inLanguage", "articleSection", "wordCount", "isAccessibleForFree",
    "mainEntityOfPage",
}


class HeadLinks(HTMLParser):
    """<link> and <meta> elements of a page, as attribute dicts."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.links: list[dict] = []
        self.metas: list[dict] = []
        self.scripts = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "link":
            self.links.append(dict(attrs))
        elif tag == "meta":
            self.metas.append(dict(attrs))
        elif tag == "script":
            self.scripts += 1

    def meta(self, key: str) -> list[str]:
        return [m["content"] for m in self.metas if key in (m.get("property"), m.get("name"))]


def extract(client, url: str, host: str = "testserver"):
    response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200, url
    html = response.content.decode()
    data = extruct.extract(html, base_url=f"http://{host}{url}", syntaxes=["json-ld", "opengraph"],
                           uniform=True, errors="strict")
    return html, data


def test_article_news_article_json_ld(client, newsroom):
    story = newsroom.featured
    html, data = extract(client, story.url)
    (article,) = [d for d in data["json-ld"] if d["@type"] == "NewsArticle"]
    assert set(article) >= NEWS_ARTICLE_FIELDS
    assert article["headline"] == HOSTILE
    assert article["description"] == story.standfirst
    assert article["inLanguage"] == "ur"
    assert article["articleSection"] == "معیشت"
    assert article["wordCount"] == story.word_count > 0
    assert article["isAccessibleForFree"] is True
    assert article["datePublished"].startswith(story.first_published_at.isoformat()[:16])
    assert article["author"] == [{"@type": "Person", "name": "نمائندہ خصوصی"}]
    assert article["mainEntityOfPage"]["@id"] == article["url"]
    assert article["url"].startswith("http://testserver/ur/maeeshat/")
    (image,) = article["image"]
    assert image["caption"] == "A cargo ship at the Karachi port"
    assert image["creditText"] == "Reuters"
    assert image["url"].startswith("http://testserver/media/") and image["width"] == 800
    publisher = article["publisher"]
    assert publisher["name"] == newsroom.edition.title
    assert publisher["logo"]["url"].endswith(".png")
    assert set(article["keywords"]) == {"کراچی", "بندرگاہ"}


def test_hostile_headline_cannot_break_out_of_script(client, newsroom):
    html, _ = extract(client, newsroom.featured.url)
    head = html[: html.index("</head>")]
    parsed = HeadLinks(head)
    # Only our JSON-LD script: the headline's "<script>" stayed inside the JSON string.
    assert parsed.scripts == 1
    assert "</script><script>" not in head
    assert head.count("</script>") == 1


def test_article_open_graph_twitter_and_canonical(client, newsroom):
    story = newsroom.featured
    html, data = extract(client, story.url)
    head = HeadLinks(html[: html.index("</head>")])
    canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
    assert canonical == [data["json-ld"][0]["url"]]
    (og,) = data["opengraph"]
    assert og["@type"] == "article"
    assert og["og:title"] == HOSTILE
    assert og["og:locale"] == "ur_PK"
    assert og["og:image"].startswith("http://testserver/media/")
    assert head.meta("twitter:card") == ["summary_large_image"]
    assert head.meta("twitter:title") == [HOSTILE]
    assert head.meta("twitter:image:alt") == [story.lead_image.alt_text]
    assert head.meta("article:section") == ["معیشت"]
    # No translations: no hreflang links.
    assert not [link for link in head.links if link.get("hreflang")]


def test_story_without_picture_or_byline(client, newsroom):
    story = newsroom.live[1]
    _, data = extract(client, story.url)
    (article,) = data["json-ld"]
    assert "image" not in article
    assert article["author"] == [{"@type": "Organization", "name": "Reuters"}]


def test_edition_and_section_metadata(client, newsroom):
    _, data = extract(client, "/ur/")
    (site,) = data["json-ld"]
    assert site["@type"] == "WebSite" and site["inLanguage"] == "ur"
    assert site["url"] == "http://testserver/ur/"
    assert data["opengraph"][0]["@type"] == "website"
    html, data = extract(client, "/ur/siyasat/")
    (collection,) = data["json-ld"]
    assert collection["@type"] == "CollectionPage"
    assert collection["isPartOf"]["url"] == "http://testserver/ur/"
    head = HeadLinks(html[: html.index("</head>")])
    feeds = {link["href"] for link in head.links if link.get("type", "").endswith("+xml")}
    assert feeds == {"/feeds/ur.rss", "/feeds/ur.atom", "/feeds/ur/siyasat.rss",
                     "/feeds/ur/siyasat.atom"}


def test_translated_story_gets_hreflang_both_ways(client, newsroom):
    english = ensure_edition("en")
    economy = SectionPage(title="Economy", slug="economy", locale=english.locale)
    english.add_child(instance=economy)
    economy.save_revision().publish()
    original = newsroom.featured
    translation = make_story(economy, "Karachi port works as usual", locale=english.locale,
                             translation_key=original.translation_key, body=[])
    html, _ = extract(client, original.url)
    head = HeadLinks(html[: html.index("</head>")])
    alternates = {link["hreflang"]: link["href"] for link in head.links if link.get("hreflang")}
    assert set(alternates) == {"ur", "en", "x-default"}
    assert alternates["en"].startswith("http://testserver/en/economy/")
    assert alternates["x-default"] == alternates["ur"]
    html, data = extract(client, translation.get_url())
    assert data["json-ld"][0]["inLanguage"] == "en"
    head = HeadLinks(html[: html.index("</head>")])
    assert {link["hreflang"] for link in head.links if link.get("hreflang")} == {
        "ur", "en", "x-default"}


def test_hidden_story_is_not_linked_as_translation(client, newsroom):
    english = ensure_edition("en")
    economy = SectionPage(title="Economy", slug="economy", locale=english.locale)
    english.add_child(instance=economy)
    economy.save_revision().publish()
    make_story(economy, "Draft translation", locale=english.locale, live=False,
               translation_key=newsroom.featured.translation_key, body=[])
    html, _ = extract(client, newsroom.featured.url)
    assert 'hreflang="en"' not in html
