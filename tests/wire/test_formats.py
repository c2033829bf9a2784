"""Every registered format through the same contract, then NewsML-G2 and RSS/Atom in detail."""

from __future__ import annotations

from pathlib import Path

import pytest

from akhbar.wire.formats import FORMATS, detect, newsml_g2, rss
from akhbar.wire.items import WireError, WireItem

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = {"ninjs": "port-story-3x.json", "newsml_g2": "flood-newsml.xml", "rss": "markets-rss.xml"}


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_contract_every_format(name):
    module = FORMATS[name]
    assert name == module.NAME
    data = (FIXTURES / SAMPLES[name]).read_bytes()
    assert module.sniff(data) and detect(data) is module
    items = module.parse(data)
    assert items and all(isinstance(i, WireItem) and i.uri and i.headline for i in items)
    assert all(i.format == name for i in items)
    for other in FORMATS.values():  # no format claims another's sample
        if other is not module:
            assert not other.sniff(data)
    for bad in (b"", b"\x00\xff\xfe", b"<html><body>hi</body></html>", b"[1, 2"):
        assert not module.sniff(bad) or pytest.raises(WireError, module.parse, bad)


def test_newsml_item_every_part():
    (item,) = newsml_g2.parse((FIXTURES / "flood-newsml.xml").read_bytes())
    assert item.uri == "urn:akhbar:test:2025-08-03:swat-flood" and item.version == "2"
    assert item.headline.startswith("سوات میں دریا") and item.language == "ur"
    assert item.standfirst.startswith("ضلعی انتظامیہ")
    assert item.subjects[0].code == "06000000" and item.subjects[0].name == "ماحولیات"
    assert item.sources == ("APP",) and item.authors == ("نامہ نگار سوات",)
    assert item.keywords == ("سوات", "سیلاب")
    assert (item.credit, item.rights) == ("APP", "جملہ حقوق محفوظ، اے پی پی")
    assert item.link == "https://example.org/khabar/swat-flood"
    assert item.first_created.isoformat() == "2025-08-03T08:40:00+05:00"
    assert "<h2>امدادی سرگرمیاں</h2>" in item.body_html and "html" not in item.body_html[:6]
    pic = item.picture  # the linked picture item, its largest rendition
    assert (pic.href, pic.width, pic.credit, pic.caption_language) == (
        "picture.jpg",
        640,
        "AFP",
        "en",
    )
    assert pic.alt.startswith("دریا کے کنارے")


def newsml(body: str = "", status: str = "stat:usable", extra: str = "") -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>{extra}
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:t:1" version="1">
 <itemMeta><itemClass qcode="ninat:text"/><pubStatus qcode="{status}"/></itemMeta>
 <contentMeta><headline>سرخی</headline></contentMeta>
 <contentSet><inlineXML><html xmlns="http://www.w3.org/1999/xhtml"><body>{body}</body></html>
 </inlineXML></contentSet></newsItem>""".encode()


def test_newsml_status_and_plain_item():
    (item,) = newsml_g2.parse(newsml("<p>متن</p>", "stat:canceled"))
    assert item.pub_status == "canceled" and item.body_html == "<p>متن</p>"
    with pytest.raises(WireError, match="not a status"):
        newsml_g2.parse(newsml(status="stat:maybe"))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (newsml(extra='<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'), "entities"),
        (
            newsml(extra='<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'),
            "entities",
        ),
        (newsml(extra='<!DOCTYPE newsItem SYSTEM "http://evil.example/x.dtd">'), "DOCTYPE"),
        (newsml().replace(b"UTF-8", b"UTF-16"), "not UTF-8"),
        (newsml("<p>\xff</p>").replace("\xff".encode(), b"\xff"), "not UTF-8"),
        (newsml("<p>open"), "not well-formed"),
        (newsml("<b>" * 210 + "</b>" * 210), "nested"),
        (newsml("<b>" * 300 + "</b>" * 300), "depth"),
        (b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"><itemMeta/></newsItem>', "guid"),
    ],
)
def test_newsml_hostile_documents_are_refused(data, message):
    with pytest.raises(WireError, match=message):
        newsml_g2.parse(data)


def test_rss_feed_items():
    first, second = rss.parse((FIXTURES / "markets-rss.xml").read_bytes())
    assert first.uri == "urn:akhbar:test:2025-09-01:stocks-record"  # guid is the uri
    assert first.language == "ur-pk" and first.headline.startswith("سٹاک مارکیٹ")
    assert first.body_html.startswith("<p>کاروباری ہفتے")  # content:encoded, not description
    assert first.standfirst.startswith("سرمایہ کاروں")
    assert first.subjects[0].name == "معیشت" and first.authors == ("کاروباری ڈیسک",)
    assert first.picture.href == "https://example.org/tasveer/stocks.jpg"  # the enclosure
    assert first.first_created.isoformat() == "2025-09-01T11:30:00+00:00"
    assert second.uri == "https://example.org/khabar/cotton"
    assert (second.picture.href, second.picture.width) == (
        "https://example.org/tasveer/cotton.jpg",
        800,
    )
    assert second.credit == "Reuters"  # media:content and media:credit


def test_atom_feed_entry():
    (item,) = rss.parse((FIXTURES / "science-atom.xml").read_bytes())
    assert item.uri == "urn:akhbar:test:2025-10-05:cubesat" and item.language == "ur"
    assert item.subjects[0].code == "13000000" and item.subjects[0].name == "سائنس و ٹیکنالوجی"
    assert item.body_html.count("<p>") == 2 and item.link == "https://example.org/science/cubesat"
    assert item.version_created.isoformat() == "2025-10-05T07:00:00+00:00"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<rss><channel><item><title>&x;</title></item></channel></rss>",
            "entities",
        ),
        (b"<rss version='2.0'><channel><title>t</title></channel></rss>", "no entries"),
        (
            b"<rss version='2.0'><channel><item><title>\xff\xfe</title></item></channel></rss>",
            "not UTF-8",
        ),
        (
            b"<rss version='2.0'><channel><item><description>x</description></item>"
            b"</channel></rss>",
            "neither a guid",
        ),
    ],
)
def test_rss_hostile_or_empty_feeds_are_refused(data, message):
    with pytest.raises(WireError, match=message):
        rss.parse(data)
