"""The sitemap's hreflang x-default: the Urdu version of a story, as the story page's <head> says.

Each edition's story sitemap is parsed with lxml (a real XML parser) and each story page's
<head> with lxml's HTML parser; for every story the two must name the same alternates,
x-default included, and x-default must be absent when no Urdu version exists.
"""

from __future__ import annotations

import pytest
from lxml import etree
from lxml import html as lxml_html

from akhbar.newsroom.models import SectionPage
from tests.editions.conftest import write_story

pytestmark = pytest.mark.django_db

SM = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
NS = {"sm": SM, "xhtml": XHTML}


def politics(editions, language: str) -> SectionPage:
    return SectionPage.objects.child_of(editions[language]).get(iptc_code="11000000")


def sitemap_alternates(client, language: str) -> dict[str, dict[str, str]]:
    """loc → {hreflang: href} of every <url> in the edition's story sitemap."""
    response = client.get(f"/sitemap-{language}.xml")
    assert response.status_code == 200
    root = etree.fromstring(response.content)  # raises on anything not well-formed
    assert root.tag == f"{{{SM}}}urlset"
    out = {}
    for url in root.findall("sm:url", NS):
        links = url.findall("xhtml:link", NS)
        assert all(link.get("rel") == "alternate" for link in links)
        langs = [link.get("hreflang") for link in links]
        assert len(langs) == len(set(langs)), langs  # one link per language, one x-default
        out[url.findtext("sm:loc", namespaces=NS)] = {
            link.get("hreflang"): link.get("href") for link in links}
    return out


def head_alternates(client, page) -> dict[str, str]:
    response = client.get(page.url)
    assert response.status_code == 200
    head = lxml_html.document_fromstring(response.content).head
    return {link.get("hreflang"): link.get("href")
            for link in head.iter("link") if link.get("rel") == "alternate"
            and link.get("hreflang")}


def absolute(page) -> str:
    return "http://testserver" + page.url


@pytest.fixture
def stories(editions):
    ur = write_story(politics(editions, "ur"), "بجٹ پیش کر دیا گیا", ["بجٹ کی تفصیل۔"])
    en = write_story(politics(editions, "en"), "Budget presented", ["Details."], translation_of=ur)
    ar = write_story(politics(editions, "ar"), "تقديم الميزانية", ["التفاصيل."], translation_of=ur)
    # A story the English and Turkish editions share, with no Urdu version.
    en_only = write_story(politics(editions, "en"), "Chess final tonight", ["Moves."])
    tr = write_story(politics(editions, "tr"), "Satranç finali bu akşam", ["Hamleler."],
                     translation_of=en_only)
    alone = write_story(politics(editions, "tr"), "Yalnız haber", ["Tek başına."])
    return {"ur": ur, "en": en, "ar": ar, "en_only": en_only, "tr": tr, "alone": alone}


def test_x_default_is_the_urdu_version_in_every_editions_sitemap(client, stories):
    urdu = absolute(stories["ur"])
    for language in ("ur", "en", "ar"):
        page = stories[language]
        links = sitemap_alternates(client, language)[absolute(page)]
        assert links == {"ur": urdu, "en": absolute(stories["en"]),
                         "ar": absolute(stories["ar"]), "x-default": urdu}, language


def test_no_x_default_without_an_urdu_version(client, stories):
    for key, language in (("en_only", "en"), ("tr", "tr")):
        links = sitemap_alternates(client, language)[absolute(stories[key])]
        assert set(links) == {"en", "tr"}, (key, links)
    assert sitemap_alternates(client, "tr")[absolute(stories["alone"])] == {}


def test_sitemap_and_page_head_agree(client, stories):
    for key, page in stories.items():
        in_map = sitemap_alternates(client, page.locale.language_code)[absolute(page)]
        assert head_alternates(client, page) == in_map, key
