"""Versions, status and near-duplicates across formats: one entry per uri, one story per group."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.urls import reverse

from akhbar.newsroom.models import ArticlePage
from akhbar.wire import dedupe
from akhbar.wire.ingest import Options, ingest_bytes, ingest_file
from akhbar.wire.models import WireEntry, WireSource

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"
STORY = (
    "وفاقی کابینہ نے ملک بھر میں بجلی کے نرخوں میں کمی کی منظوری دے دی ہے۔ وزیر توانائی کے مطابق "
    "گھریلو صارفین کو اگلے ماہ کے بلوں میں فی یونٹ سات روپے کی رعایت ملے گی اور صنعتوں کے لیے "
    "بھی نیا پیکج تیار کیا جا رہا ہے۔ حزب اختلاف نے فیصلے کو دیر سے اٹھایا گیا قدم قرار دیا۔"
)


def ninjs(uri: str, body: str, headline: str = "بجلی کے نرخوں میں کمی کی منظوری", **over) -> bytes:
    doc = {
        "uri": uri,
        "type": "text",
        "language": "ur",
        "version": "1",
        "versionCreated": "2025-07-01T10:00:00+05:00",
        "headlines": [{"role": "main", "value": headline}],
        "bodies": [{"role": "main", "contentType": "text/plain", "value": body}],
        "infoSources": [{"name": uri.split(":")[1]}],
    }
    return json.dumps({**doc, **over}, ensure_ascii=False).encode()


def desk(name: str = "desk") -> Options:
    return Options.for_source(
        WireSource.objects.create(
            name=name, kind="http", location="https://example.org/", rule=WireSource.DESK
        )
    )


def test_signatures_group_small_edits_not_other_stories():
    a = dedupe.signature(STORY)
    edited = dedupe.signature(STORY.replace("سات روپے", "ساڑھے سات روپے").replace("،", ""))
    other = dedupe.signature(
        "کراچی میں شدید گرمی کے باعث شہری پریشان رہے اور ہسپتالوں میں مریضوں کی "
        "تعداد بڑھ گئی جبکہ بجلی کی لوڈشیڈنگ نے مشکلات میں اضافہ کیا۔"
    )
    assert dedupe.similarity(a, edited) >= dedupe.THRESHOLD > dedupe.similarity(a, other)
    assert dedupe.unpack(dedupe.pack(a)) == a and dedupe.band_keys(a)
    # folding: the same words in variant spellings (ي/ی, ك/ک) are the same text
    assert dedupe.signature(STORY.replace("ی", "ي").replace("ک", "ك")) == a


def test_same_story_from_two_agencies_is_one_desk_line(edition, client, django_user_model):
    opts = desk()
    (first,) = ingest_bytes(ninjs("urn:APP:1", STORY), location="a", base=None, options=opts)
    edited = STORY.replace("سات روپے", "ساڑھے سات روپے")
    (second,) = ingest_bytes(
        ninjs("urn:PPI:9", edited, "کابینہ: بجلی سستی"), location="b", base=None, options=opts
    )
    (third,) = ingest_bytes(
        ninjs("urn:APP:2", "کرکٹ ٹیم کا اعلان کر دیا گیا اور کپتان برقرار رہا۔"),
        location="c",
        base=None,
        options=opts,
    )
    assert [first.action, second.action, third.action] == ["created", "duplicate", "created"]
    lead = WireEntry.objects.get(uri="urn:APP:1")
    assert WireEntry.objects.get(uri="urn:PPI:9").group == lead
    client.force_login(django_user_model.objects.create_superuser("e", "e@x.org", "pw"))
    page = client.get(reverse("wire_desk:index")).content.decode()
    assert "(+1 similar)" in page and "کابینہ: بجلی سستی" not in page


def test_duplicate_is_not_published_twice(edition):
    (first,) = ingest_bytes(ninjs("urn:APP:1", STORY), location="a", base=None, options=Options())
    (second,) = ingest_bytes(
        ninjs("urn:PPI:9", STORY + " مزید تفصیل"), location="b", base=None, options=Options()
    )
    assert (first.action, second.action) == ("created", "duplicate")
    assert second.url == first.url and ArticlePage.objects.count() == 1


def test_newer_version_updates_entry_and_story_older_is_ignored(edition):
    ingest_bytes(ninjs("urn:APP:1", STORY), location="a", base=None, options=Options())
    newer = ninjs(
        "urn:APP:1",
        STORY,
        "بجلی سستی: کابینہ کی منظوری",
        version="2",
        versionCreated="2025-07-01T12:00:00+05:00",
    )
    (updated,) = ingest_bytes(newer, location="a", base=None, options=Options())
    assert updated.action == "updated"
    story = ArticlePage.objects.get()
    assert story.headline == "بجلی سستی: کابینہ کی منظوری" and story.revisions.count() == 2
    late = ninjs(
        "urn:APP:1", STORY, "پرانی سرخی", version="1", versionCreated="2025-07-01T09:00:00+05:00"
    )
    (stale,) = ingest_bytes(late, location="a", base=None, options=Options())
    assert stale.action == "unchanged"
    assert WireEntry.objects.get().headline == "بجلی سستی: کابینہ کی منظوری"


def test_desk_rule_update_leaves_the_used_story_alone(edition):
    opts = desk()
    ingest_bytes(ninjs("urn:APP:1", STORY), location="a", base=None, options=opts)
    assert not ArticlePage.objects.exists()
    newer = ninjs(
        "urn:APP:1", STORY, "نئی سرخی", version="2", versionCreated="2025-07-01T12:00:00+05:00"
    )
    (updated,) = ingest_bytes(newer, location="a", base=None, options=opts)
    assert updated.action == "updated" and WireEntry.objects.get().headline == "نئی سرخی"
    assert not ArticlePage.objects.exists()


@pytest.mark.parametrize("status", ["withheld", "canceled"])
def test_newsml_withheld_or_canceled_unpublishes(edition, wire_dir, status):
    (wire_dir / "picture.jpg").exists()
    (wire_dir / "flood.xml").write_bytes((FIXTURES / "flood-newsml.xml").read_bytes())
    (created,) = ingest_file(wire_dir / "flood.xml")
    assert created.action == "created" and ArticlePage.objects.get().live
    story = ArticlePage.objects.get()
    assert story.lead_image.credit == "AFP" and story.section.title == "ماحولیات"
    text = (wire_dir / "flood.xml").read_text().replace('version="2"', 'version="3"', 1)
    (wire_dir / "flood.xml").write_text(text.replace("stat:usable", f"stat:{status}", 1))
    (gone,) = ingest_file(wire_dir / "flood.xml")
    assert gone.action == "unpublished"
    story.refresh_from_db()
    assert not story.live and WireEntry.objects.get(uri=story.uri).status == "withdrawn"


def test_rss_and_atom_go_to_the_desk(edition):
    opts = desk()
    for name in ("markets-rss.xml", "science-atom.xml"):
        ingest_bytes((FIXTURES / name).read_bytes(), location=name, base=None, options=opts)
    assert sorted(WireEntry.objects.values_list("format", "language")) == [("rss", "ur")] * 3
    assert "<script" not in WireEntry.objects.get(uri__endswith="stocks-record").body_html
