"""The ninjs reader: 1.x, 2.x and 3.x documents in, one WireItem shape out; bad ones refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from akhbar.wire.formats import detect, ninjs
from akhbar.wire.items import WireError

FIXTURES = Path(__file__).parent / "fixtures"


def doc(**over) -> dict:
    base = {
        "uri": "urn:test:1",
        "type": "text",
        "language": "ur",
        "headlines": [{"role": "main", "value": "ایک سرخی"}],
        "bodies": [{"role": "main", "contentType": "text/html", "value": "<p>متن</p>"}],
        "standard": {"name": "ninjs", "version": "3.1"},
    }
    base.update(over)
    return base


def parse_one(d) -> object:
    (item,) = ninjs.parse(json.dumps(d, ensure_ascii=False).encode())
    return item


def test_3x_document_gives_every_part():
    item = parse_one(json.loads((FIXTURES / "port-story-3x.json").read_text()))
    assert item.uri == "urn:akhbar:test:2025-04-10:gwadar-desalination"
    assert item.headline.startswith("گوادر میں")
    assert item.standfirst.startswith("حکام کے مطابق")
    assert item.body_html.startswith("<p>")
    assert item.subjects[0].code == "06000000"
    assert item.sources == ("APP",)
    assert item.authors == ("نمائندہ خصوصی",)
    assert item.keywords == ("گوادر", "پانی")
    assert item.first_created.isoformat() == "2025-04-10T09:30:00+05:00"
    pic = item.picture
    assert (pic.href, pic.caption_language, pic.credit) == ("picture.jpg", "en", "AFP")
    assert pic.caption == "The new desalination plant on the Gwadar seafront"
    assert pic.alt.startswith("گوادر کے ساحل")


def test_2x_lowercase_names_and_plain_text_body():
    item = parse_one(json.loads((FIXTURES / "budget-2x.json").read_text()))
    assert item.first_created.hour == 17
    assert item.sources == ("AP",)
    assert item.body_html.count("<p>") == 2
    assert item.subjects[0].code == "04000000"


def test_1x_single_strings():
    item = parse_one(json.loads((FIXTURES / "cricket-1x.json").read_text()))
    assert item.headline.startswith("لاہور میں")
    assert item.standfirst.startswith("پچیس ہزار")
    assert item.subjects[0].code == "15000000"
    assert item.authors == ("اسپورٹس ڈیسک",)


def test_plain_text_body_is_escaped():
    item = parse_one(
        doc(bodies=[{"role": "main", "contentType": "text/plain", "value": "<script>x</script>"}])
    )
    assert "<script>" not in item.body_html


def test_detect_picks_ninjs_and_refuses_other_bytes():
    assert detect(json.dumps(doc()).encode()) is ninjs
    with pytest.raises(WireError, match="not a wire format"):
        detect(b"hello")


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"uri": None}, "uri", "required"),
        ({"uri": ""}, "uri", "empty"),
        ({"uri": 42}, "uri", "string"),
        ({"uri": "u" * 600}, "uri", "at most"),
        ({"headlines": []}, "headlines", "no headline"),
        ({"headlines": "x"}, "headlines", "list"),
        ({"headlines": [{"role": "main", "value": 5}]}, "headlines[0].value", "string"),
        ({"type": "spaceship"}, "type", "is not one of"),
        ({"pubStatus": "maybe"}, "pubStatus", "usable"),
        ({"language": "<ur>"}, "language", "language tag"),
        ({"firstCreated": "yesterday"}, "firstCreated", "ISO 8601"),
        ({"firstCreated": "2025-01-01T10:00:00"}, "firstCreated", "time zone"),
        (
            {"associations": [{"name": "featureimage", "uri": "urn:p", "type": "picture"}]},
            "renditions",
            "no rendition",
        ),
        (
            {
                "associations": [
                    {
                        "name": "featureimage",
                        "uri": "urn:p",
                        "renditions": [{"name": "base", "href": "a.jpg", "width": -3}],
                    }
                ]
            },
            "width",
            "non-negative",
        ),
    ],
)
def test_invalid_documents_name_the_field(change, field, message):
    d = doc(**change)
    d = {k: v for k, v in d.items() if v is not None}
    with pytest.raises(WireError) as err:
        parse_one(d)
    assert field in str(err.value)
    assert message in str(err.value)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'\xff\xfe{"uri": 1}', "not UTF-8"),
        (b'{"uri": "x", "headlines": [', "not valid JSON"),
        (b"[]", "empty list"),
        (b"[" * 5000 + b"]" * 5000, "nested"),
        (b'{"uri": "x", "a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "nested"),
        (b'"uri"', "object"),
    ],
)
def test_hostile_bytes_are_refused_clearly(data, message):
    with pytest.raises(WireError, match=message):
        ninjs.parse(data)


def test_list_of_items_names_the_bad_one():
    with pytest.raises(WireError, match=r"\[1\]\.uri"):
        ninjs.parse(json.dumps([doc(), {"type": "text"}]).encode())


def test_content_hash_changes_with_text_only():
    a = parse_one(doc())
    assert a.content_hash() == parse_one(doc()).content_hash()
    assert (
        a.content_hash()
        != parse_one(doc(headlines=[{"role": "main", "value": "دوسری"}])).content_hash()
    )
