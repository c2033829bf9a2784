"""Hostile input end to end: each document refused or cleaned, quarantined, nothing partial stored,
and one bad item never stops the rest of the batch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from akhbar.newsroom.models import Agency, ArticlePage, NewsImage
from akhbar.wire import ingest as ingest_module
from akhbar.wire import stories
from akhbar.wire.ingest import Options, ingest_bytes, ingest_file
from akhbar.wire.models import Quarantine, WireBand, WireEntry
from akhbar.wire.vetting import safe_url

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"


TOPICS = [
    "شہر میں نئی سڑک کا افتتاح ہوا اور ٹریفک بحال ہو گئی",
    "دریا پر پل کی مرمت کے باعث آمد و رفت معطل رہی",
    "کالج کے طلبہ نے سائنس میلے میں انعامات جیتے",
    "منڈی میں گندم کی قیمت مستحکم رہنے کی توقع ہے",
]


def item(n: int, **over) -> dict:
    base = {
        "uri": f"urn:akhbar:safety:{n}",
        "type": "text",
        "language": "ur",
        "headlines": [{"role": "main", "value": f"خبر {n}: {TOPICS[n % 4][:20]}"}],
        "bodies": [
            {
                "role": "main",
                "contentType": "text/html",
                "value": f"<p>بلدیہ نے منصوبہ نمبر {n} مکمل کر لیا اور ٹریفک بحال ہو گئی۔</p>",
            }
        ],
        "standard": {"name": "ninjs", "version": "3.1"},
    }
    return {**base, **over}


def nothing_stored() -> bool:
    return not (
        ArticlePage.objects.exists()
        or WireEntry.objects.exists()
        or NewsImage.objects.exists()
        or Agency.objects.exists()
        or WireBand.objects.exists()
    )


HOSTILE = {
    "xxe.xml": (
        b'<?xml version="1.0"?><!DOCTYPE n [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="g"><x>&x;</x></newsItem>',
        "entities",
    ),
    "laughs.xml": (
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;'
        b'&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><rss><channel>'
        b"<item><title>&c;</title></item></channel></rss>",
        "entities",
    ),
    "latin1.json": (
        '{"uri": "urn:x", "headlines": [{"value": "caf\xe9"}]}'.encode("latin-1"),
        "not UTF-8",
    ),
    "deep.json": (b'{"uri": "urn:x", "a": ' + b"[" * 10_000 + b"]" * 10_000 + b"}", "nested"),
    "utf16.xml": (
        '<?xml version="1.0" encoding="UTF-16"?><rss><channel><item><title>t</title>'
        "</item></channel></rss>".encode("utf-16"),
        "not a wire format",
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_documents_are_refused_and_quarantined(edition, tmp_path, name):
    data, message = HOSTILE[name]
    (tmp_path / name).write_bytes(data)
    (outcome,) = ingest_file(tmp_path / name)
    assert outcome.action == "rejected" and message in outcome.error
    assert outcome.file == str(tmp_path / name)
    assert nothing_stored()
    kept = Quarantine.objects.get()
    assert kept.location == str(tmp_path / name) and message in kept.reason


def test_fifty_megabyte_body_is_refused_unread(edition, tmp_path):
    path = tmp_path / "huge.json"
    body = "<p>" + "ا" * (25 * 1024 * 1024) + "</p>"  # 2 bytes a letter: 50 MB
    path.write_text(json.dumps(item(1, bodies=[{"value": body}]), ensure_ascii=False))
    assert path.stat().st_size > 50 * 1024 * 1024
    (outcome,) = ingest_file(path)
    assert outcome.action == "rejected" and "at most 20,971,520" in outcome.error
    assert nothing_stored()


def test_large_body_inside_the_document_limit_is_refused_per_item(edition):
    doc = [item(1, bodies=[{"value": "<p>" + "ب" * 2_100_000 + "</p>"}]), item(2)]
    first, second = ingest_bytes(
        json.dumps(doc).encode(), location="batch", base=None, options=Options()
    )
    assert first.action == "rejected" and "characters (at most" in first.error
    assert second.action == "created"


def test_scripts_handlers_and_bad_links_are_cleaned(edition):
    body = (
        '<p onmouseover="x()" style="color:red">سلام <a href="javascript:alert(1)">یہ</a> '
        '<a href="https://user:pw@bank.example/">وہ</a> <a href="https://example.org/ok">ٹھیک</a>'
        "<script>alert(1)</script><img src=x onerror=alert(1)><svg onload=alert(1)></svg></p>"
        '<iframe src="https://evil.example"></iframe><form action="/x"><input></form>'
    )
    doc = item(1, bodies=[{"value": body}])
    (outcome,) = ingest_bytes(json.dumps(doc).encode(), location="x", base=None, options=Options())
    assert outcome.action == "created"
    entry = WireEntry.objects.get()
    stored = entry.body_html + json.dumps(list(ArticlePage.objects.get().body.raw_data))
    for bad in (
        "onmouseover",
        "style",
        "javascript:",
        "<script",
        "onerror",
        "<svg",
        "onload",
        "iframe",
        "<form",
        "alert",
        "user:pw",
    ):
        assert bad not in stored, bad
    assert "https://example.org/ok" in stored


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org/a?b=c", True),
        ("javascript:alert(1)", False),
        ("data:text/html,x", False),
        ("https://u:p@example.org/", False),
        ("//example.org/", False),
        ("https://exa mple.org/", False),
        ("http://example.org/\x00", False),
        ("", False),
    ],
)
def test_links_are_vetted(url, ok):
    assert safe_url(url) is ok


def test_bad_item_never_stops_the_batch(edition):
    doc = [item(1), item(2, language="xx"), {"uri": "urn:akhbar:safety:3"}, item(4)]
    outcomes = ingest_bytes(
        json.dumps(doc).encode(), location="feed.json", base=None, options=Options()
    )
    assert [o.action for o in outcomes] == ["created", "rejected", "rejected", "created"]
    assert "no edition publishes in language 'xx'" in outcomes[1].error
    assert outcomes[2].uri == "urn:akhbar:safety:3" and "no headline" in outcomes[2].error
    assert Quarantine.objects.count() == 2 and WireEntry.objects.count() == 2


def test_one_transaction_per_item_crash_leaves_no_half_item(edition, monkeypatch):
    doc = json.dumps([item(1), item(2), item(3)]).encode()
    real_write = stories.write

    def crash_on_second(prep, article, **kw):
        written = real_write(prep, article, **kw)
        if prep.item.uri.endswith(":2"):
            raise RuntimeError("power cut")  # after the story is written, before the entry
        return written

    monkeypatch.setattr(stories, "write", crash_on_second)
    outcomes = ingest_bytes(doc, location="batch.json", base=None, options=Options())
    assert [o.action for o in outcomes] == ["created", "rejected", "created"]
    assert "RuntimeError: power cut" in outcomes[1].error
    assert sorted(ArticlePage.objects.values_list("uri", flat=True)) == [
        "urn:akhbar:safety:1",
        "urn:akhbar:safety:3",
    ]
    assert WireEntry.objects.count() == 2
    monkeypatch.setattr(stories, "write", real_write)
    rerun = ingest_bytes(doc, location="batch.json", base=None, options=Options())
    assert [o.action for o in rerun] == ["unchanged", "created", "unchanged"]
    assert ArticlePage.objects.count() == 3 and WireEntry.objects.count() == 3
    assert ingest_module.WireEntry is WireEntry
