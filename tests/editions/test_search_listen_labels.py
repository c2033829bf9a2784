"""The search page and the listen player speak the edition's language, not always Urdu.

/en/search/ is labelled in English with no Urdu interface text, /ar/search/ in Arabic (its
own plural forms and digits), /ur/search/ exactly as before; the notes a hostile or
malformed query gets are in the edition's language; the player on an English demo story
is labelled in English. The four catalogues are complete and their .mo files compiled.
"""

from __future__ import annotations

import json
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from akhbar.newsroom.models import SectionPage
from tests.editions.conftest import write_story
from tests.search.test_query import HOSTILE

pytestmark = pytest.mark.django_db

LOCALE = Path(__file__).resolve().parents[2] / "akhbar" / "locale"
# Letters Urdu writes and Arabic does not (keheh, Farsi yeh, heh goal, yeh barree, noon
# ghunna, retroflexes, the Urdu full stop): none may appear in the Arabic interface.
URDU_ONLY = set("کیہےںٹڈڑۓۂ۔")
LONG_QUERY = "ب" * 1500


class _Interface(HTMLParser):
    """The page's text and labelling attributes, outside the language switcher.

    The switcher names every edition in its own script (اردو on the English page), which
    is right; everything else on an edition's page is its interface or its stories.
    """

    LABELS = ("aria-label", "aria-valuetext", "title", "placeholder", "alt",
              "data-label-play", "data-label-pause")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "nav" and "editions-nav" in (found.get("class") or ""):
            self._skip = 1
        elif self._skip and tag == "nav":
            self._skip += 1
        if not self._skip:
            self.parts += [found[a] or "" for a in self.LABELS if a in found]

    def handle_endtag(self, tag: str) -> None:
        if self._skip and tag == "nav":
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def interface_text(html: str) -> str:
    parser = _Interface()
    parser.feed(html)
    return " ".join(parser.parts)


def arabic_script(text: str) -> list[str]:
    """Characters of the Arabic script (Urdu's): by their Unicode names, every block."""
    return sorted({c for c in text if unicodedata.name(c, "").startswith("ARABIC")})


def search(client, language: str, **params) -> str:
    with translation.override(language):
        url = reverse("search")
    response = client.get(url, params)
    assert response.status_code == 200, (url, params, response.status_code)
    assert response.headers["Content-Language"] == language
    return response.content.decode()


def politics(editions, language: str) -> SectionPage:
    return SectionPage.objects.child_of(editions[language]).get(iptc_code="11000000")


@pytest.fixture
def stories(editions):
    """One story per edition, two more in Arabic (for its dual and plural forms)."""
    write_story(politics(editions, "ur"), "بندرگاہ پر نئی فیری", ["کراچی کی بندرگاہ پر فیری۔"])
    write_story(politics(editions, "en"), "Harbour ferry trial begins", ["A ferry crosses."])
    write_story(politics(editions, "tr"), "Liman feribotu denemesi", ["Feribot sefere başladı."])
    for n in range(3):
        write_story(politics(editions, "ar"), f"عبّارة الميناء {n}", ["بدأت تجربة العبّارة."],
                    **({"standfirst": "خبر ثان"} if n else {}))
    return editions


def test_english_search_page_has_english_labels_and_no_urdu(client, stories):
    html = search(client, "en", q="ferry")
    assert '<html lang="en" dir="ltr"' in html
    assert 'class="search-form" role="search"' in html and 'dir="ltr" lang="en"' in html
    for label in ("<h1>Search</h1>", ">Words<", ">Section<", ">All sections<", ">From<",
                  ">To<", ">Order<", ">Relevance<", ">Newest<", ">Search</button>",
                  "1 story for “ferry”", "<title>Search: ferry ·"):
        assert label in html, label
    assert arabic_script(interface_text(html)) == []
    assert "اردو" in html  # the switcher still offers the Urdu edition, in Urdu


def test_english_no_results_and_empty_query(client, stories):
    html = search(client, "en", q="saffron", section="politics", page="2")
    for label in ("No stories found for “saffron”", "Try fewer words, or a different word.",
                  "Capital letters don't matter", "Search again without the section and date",
                  "Go to the first page", "Latest stories", "Harbour ferry trial begins"):
        assert label in html, label
    assert arabic_script(interface_text(html)) == []
    empty = search(client, "en")
    assert "Type words from a story, for example the name of a city" in empty
    assert arabic_script(interface_text(empty)) == []


def test_english_pager_and_any_word_note(client, editions):
    for n in range(11):
        write_story(politics(editions, "en"), f"Wheat price report {n}", ["Wheat."])
    html = search(client, "en", q="wheat")
    assert "11 stories for “wheat”" in html and "Page 1 / 2" in html
    assert 'rel="next"' in html and "Next page →" in html
    assert "← Previous page" in search(client, "en", q="wheat", page="2")
    some = search(client, "en", q="wheat saffron")
    assert "no story has all the words; showing stories with some of them" in some
    assert arabic_script(interface_text(some)) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [("عبّارة", "٣ أخبار تطابق «عبّارة»"),  # 3–10: plural with Arabic digits
     ("ثان", "خبران يطابقان «ثان»"),  # the dual, no number
     ("الميناء 0", "خبر واحد يطابق «الميناء 0»")],
)
def test_arabic_search_page_uses_its_plural_forms_and_digits(client, stories, query, expected):
    html = search(client, "ar", q=query)
    assert '<html lang="ar" dir="rtl"' in html and 'dir="rtl" lang="ar"' in html
    assert expected in html
    for label in ("<h1>بحث</h1>", ">الكلمات<", ">كل الأقسام<", ">الأكثر صلة<", ">ابحث</button>"):
        assert label in html, label
    assert not URDU_ONLY & set(interface_text(html))


def test_turkish_search_page(client, stories):
    html = search(client, "tr", q="feribotu")
    for label in ("“feribotu” için 1 haber", "<h1>Arama</h1>", ">Ara</button>", ">Sıralama<"):
        assert label in html, label
    assert arabic_script(interface_text(html)) == []


def test_urdu_search_page_is_unchanged(client, stories):
    html = search(client, "ur", q="فیری")
    assert 'action="/ur/search/" dir="rtl" lang="ur">' in html
    for label in ("<h1>تلاش</h1>", "<label>الفاظ<", "<label>حصہ<", ">تمام حصے<", "<label>سے<",
                  "<label>تک<", "<label>ترتیب<", ">مطابقت<", ">تازہ ترین<", ">تلاش کریں</button>",
                  "«فیری» کے لیے 1 خبر</p>", "<title>تلاش: فیری ·"):
        assert label in html, label
    assert "1 خبریں" not in html  # one story is خبر, not the plural
    empty = search(client, "ur", q="زعفران")
    assert "«زعفران» کے لیے کوئی خبر نہیں ملی" in empty and "تازہ ترین خبریں" in empty


def test_urdu_summary_is_plural_for_more_than_one_story(client, editions):
    for n in range(2):
        write_story(politics(editions, "ur"), f"بندرگاہ پر نئی کشتی {n}", ["کشتی روانہ ہوئی۔"])
    html = search(client, "ur", q="کشتی")
    assert "«کشتی» کے لیے 2 خبریں</p>" in html


@pytest.mark.parametrize(
    ("language", "notes"),
    [
        ("ur", ["تلاش بہت لمبی تھی: صرف پہلے 1000 حروف استعمال ہوئے۔",
                "تاریخ (سے) سمجھ میں نہیں آئی، اس لیے نظر انداز کی گئی: YYYY-MM-DD لکھیں۔",
                "یہ حصہ موجود نہیں، اس لیے تمام حصوں میں تلاش کی گئی۔",
                "ترتیب سمجھ میں نہیں آئی: مطابقت کے لحاظ سے دکھائی گئی۔"]),
        ("en", ["The search was too long: only its first 1000 characters were used.",
                "The date (From) was not understood, so it was ignored: write YYYY-MM-DD.",
                "There is no such section, so every section was searched.",
                "The order was not understood: results are shown by relevance."]),
        ("ar", ["كان البحث طويلًا جدًا: استُخدم أول ١٠٠٠ حرف منه فقط.",
                "لم يُفهم التاريخ (من) فتم تجاهله: اكتبه بالشكل YYYY-MM-DD.",
                "هذا القسم غير موجود، لذلك جرى البحث في كل الأقسام.",
                "لم يُفهم الترتيب: عُرضت النتائج حسب الصلة."]),
        ("tr", ["Arama çok uzundu: yalnızca ilk 1000 karakteri kullanıldı.",
                "Tarih (Başlangıç) anlaşılamadı, bu yüzden yok sayıldı: YYYY-MM-DD biçiminde "
                "yazın.",
                "Böyle bir bölüm yok; bu yüzden tüm bölümlerde arandı.",
                "Sıralama anlaşılamadı: sonuçlar ilgiye göre gösterildi."]),
    ],
)
def test_hostile_and_malformed_queries_are_explained_in_the_editions_language(
    client, stories, language, notes
):
    html = search(client, language, q=LONG_QUERY, section='"><script>', sort="DROP",
                  **{"from": "2025-13-45"})
    assert "<script>alert" not in html and '"><script>' not in html
    box = html[html.index('class="search-notes"'):]
    box = box[: box.index("</div>")]
    assert [n in box for n in notes] == [True] * len(notes), box
    words = " ".join(f"w{n}" for n in range(20))
    twelve = {"ur": "صرف پہلے بارہ الفاظ تلاش کیے گئے۔",
              "en": "Only the first twelve words were searched.",
              "ar": "جرى البحث عن أول اثنتي عشرة كلمة فقط.",
              "tr": "Yalnızca ilk on iki sözcük arandı."}[language]
    assert twelve in search(client, language, q=words)


@pytest.mark.parametrize(("language", "number"),
                         [("ur", "1000"), ("en", "1000"), ("ar", "١٠٠٠"), ("tr", "1000")])
def test_too_long_note_counts_in_the_editions_digits(client, stories, language, number):
    """The note's number is written as the edition writes the page's other numbers."""
    html = search(client, language, q=LONG_QUERY)
    box = html[html.index('class="search-notes"'):]
    box = box[: box.index("</div>")]
    assert f" {number} " in box, box
    if language == "ar":
        assert not any(c in "0123456789" for c in box), box


def test_hostile_queries_keep_the_english_interface(client, stories):
    for query in HOSTILE:  # one set of editions for all of them: each page is cheap
        html = search(client, "en", q=query)
        assert "<h1>Search</h1>" in html and ">Search</button>" in html, query
        if len(query) > 1000:
            assert "The search was too long: only its first 1000 characters were used." in html


@pytest.fixture
def english_demo_story_with_audio(editions, settings):
    """The English demo story about the harbour ferry, voiced by the real espeak-ng engine."""
    from akhbar.listen import pipeline
    from akhbar.newsroom.demo import EDITIONS_DIR
    from akhbar.search.demo import publish_story

    settings.AKHBAR_SPEECH_ENGINE = "espeak"
    doc = json.loads((EDITIONS_DIR / "en-karachi-harbour-ferry-trial.json").read_text("utf-8"))
    page = publish_story(editions["en"], doc)
    pipeline.voice(page)
    return page


def test_listen_player_on_an_english_story_is_labelled_in_english(
    client, english_demo_story_with_audio
):
    page = english_demo_story_with_audio
    assert page.url.startswith("/en/")
    html = client.get(page.url).content.decode()
    start = html.index('<section class="listen"')
    player = html[start : html.index("</section>", start)]
    for label in ('aria-label="Listen to this story"', 'lang="en" dir="ltr"',
                  ">Download the story's audio<", 'aria-label="Listen"',
                  'data-label-play="Listen"', 'data-label-pause="Pause"',
                  'aria-label="Move through the story"', 'aria-label="Speed"',
                  ">Read by a machine voice<"):
        assert label in player, label
    assert 'aria-valuetext="00:00 of ' in player
    assert arabic_script(interface_text(player)) == []


def test_catalogues_are_complete_and_compiled():
    """Every message has a translation in every edition, and each .mo is its .po compiled."""
    from babel.messages.mofile import read_mo
    from babel.messages.pofile import read_po

    def key(m):
        return (m.context, tuple(m.id) if isinstance(m.id, list | tuple) else m.id)

    def text(m):
        return tuple(m.string) if isinstance(m.string, list | tuple) else m.string

    keys = {}
    for language in ("ur", "en", "ar", "tr"):
        folder = LOCALE / language / "LC_MESSAGES"
        with open(folder / "django.po", "rb") as f:
            po = {key(m): text(m) for m in read_po(f) if m.id}
        with open(folder / "django.mo", "rb") as f:
            mo = {key(m): text(m) for m in read_mo(f) if m.id}
        assert po == mo, language
        empty = [k for k, v in po.items() if not all(v if isinstance(v, tuple) else [v])]
        assert empty == [], (language, empty)
        keys[language] = set(po)
    # The reader pages' strings are in every catalogue; Urdu also has the admin's.
    assert keys["en"] == keys["ar"] == keys["tr"]
    assert keys["en"] <= keys["ur"], keys["en"] - keys["ur"]
    assert (None, "Listen to this story") in keys["en"]
    assert ("search form", "From") in keys["en"]
