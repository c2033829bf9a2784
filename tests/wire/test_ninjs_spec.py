"""ninjs 2.x and 3.x structure: the project's own should-pass and should-fail documents.

Equivalents of the cases in IPTC's validation suite, written for akhbar (the suite itself
runs in scripts/ninjs_iptc_suite.py): each accepted document validates, each refused one
fails with an error naming the field.
"""

from __future__ import annotations

import json

import pytest

from akhbar.wire.formats import ninjs
from akhbar.wire.items import WireError

GEO = {"type": "Point", "coordinates": [67.0, 24.86]}
PASS_2 = [
    {"uri": "urn:akhbar:spec:only-uri"},
    {
        "uri": "urn:akhbar:spec:2",
        "type": "text",
        "version": "3",
        "firstcreated": "2025-05-01T10:00:00Z",
        "versioncreated": "2025-05-01T11:00:00+05:00",
        "pubstatus": "usable",
        "urgency": 4.5,
        "language": "ur",
        "headlines": [{"role": "main", "value": "کراچی میں بارش"}],
        "bodies": [{"contenttype": "text/plain", "value": "شہر میں بارش ہوئی۔", "wordcount": 4}],
        "infosources": [{"name": "APP", "role": "source"}],
    },
    {"uri": "urn:akhbar:spec:3", "places": [{"name": "کراچی", "geojson": GEO}]},
    {"uri": "urn:akhbar:spec:4", "rightsinfo": {"linkedrights": "https://example.org/rights"}},
    {
        "uri": "urn:akhbar:spec:5",
        "altids": [{"role": "internal", "value": "42"}],
        "trustindicators": [{"role": "https://example.org/ti", "href": "https://example.org/p"}],
        "genres": [{"name": "خبر", "uri": "http://cv.iptc.org/newscodes/genre/Current"}],
    },
    {
        "uri": "urn:akhbar:spec:6",
        "subjects": [{"name": "سیاست", "relevance": 90, "confidence": 0}],
        "organisations": [{"name": "بینک", "symbols": [{"ticker": "BNK", "exchange": "PSX"}]}],
        "people": [
            {
                "name": "ترجمان",
                "contactinfo": [
                    {"type": "address", "address": {"lines": ["شاہراہ فیصل"], "locality": "کراچی"}}
                ],
            }
        ],
    },
    {
        "uri": "urn:akhbar:spec:7",
        "expires": "2026-01-01T00:00:00Z",
        "digitalsourcetype": {
            "uri": "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture"
        },
    },
    {
        "uri": "urn:akhbar:spec:8",
        "associations": [
            {
                "name": "featureimage",
                "uri": "urn:akhbar:spec:8:pic",
                "type": "picture",
                "renditions": [{"name": "original", "href": "p.jpg", "width": 640.0}],
            }
        ],
    },
]
FAIL_2 = [
    ({"uri": "urn:x", "bekaar": "property"}, "bekaar", "not a ninjs property"),
    ({"uri": "urn:x", "places": [{"geojson": {"coordinates": [1, 2]}}]}, "geojson.type", "GeoJSON"),
    ({"uri": "urn:x", "places": [{"geojson": {"type": "Nowhere"}}]}, "geojson.type", "GeoJSON"),
    (
        {"uri": "urn:x", "places": [{"geojson": {"type": "Point", "coordinates": ["a", "b"]}}]},
        "coordinates",
        "position",
    ),
    (
        {"uri": "urn:x", "associations": [{"uri": "urn:y", "type": "graphic"}]},
        "associations[0].name",
        "required",
    ),
    ({"uri": "urn:x", "associations": [{"name": "logo"}]}, "associations[0].uri", "required"),
    (
        {"uri": "urn:x", "associations": [{"name": "a", "uri": "urn:y", "ghalat": 1}]},
        "associations[0].ghalat",
        "not a ninjs property",
    ),
    (
        {"uri": "urn:x", "rightsinfo": {"linkedrights": "https://e.org/r", "encodedrights": "{}"}},
        "rightsinfo",
        "exactly one",
    ),
    ({"uri": "urn:x", "digitalsourcetype": "bad"}, "digitalsourcetype", "object"),
    ({"uri": "urn:x", "subjects": [{"name": "s", "relevance": 101}]}, "relevance", "more than 100"),
    ({"uri": "urn:x", "renditions": [{"href": "a.jpg"}]}, "renditions[0].name", "required"),
    ({"uri": "urn:x", "type": "event"}, "type", "is not one of"),
    ({"uri": "urn:x", "headlines": [{"role": "main"}]}, "headlines[0].value", "required"),
    ({"uri": 7}, "uri", "string"),
    ({"uri": "urn:x", "versioncreated": "kal subah"}, "versioncreated", "date-time"),
]
PASS_3 = [
    {
        "uri": "urn:akhbar:spec:3x",
        "type": "text",
        "firstCreated": "2025-05-01T10:00:00Z",
        "pubStatus": "usable",
        "urgency": 3,
        "headlines": [{"value": "لاہور میں میلہ"}],
        "bodies": [{"contentType": "text/html", "value": "<p>میلہ</p>", "charCount": 5}],
        "places": [{"name": "لاہور", "geoJSON": GEO}],
        "rightsInfo": {"encodedRights": "{}"},
        "standard": {"name": "ninjs", "version": "3.1"},
    },
    {
        "uri": "urn:akhbar:spec:event",
        "type": "event",
        "title": "بجٹ اجلاس",
        "eventDetails": {
            "eventStatus": "http://cv.iptc.org/newscodes/eventstatus/confirmed",
            "dates": {
                "startDate": "2025-06-10T16:00:00+05:00",
                "expectedEndDate": "2025-06",
                "recurrence": {"recurrenceRules": [{"frequency": "yearly", "count": 3}]},
            },
            "organiser": {"name": "قومی اسمبلی"},
        },
    },
    {
        "uri": "urn:akhbar:spec:end-only",
        "type": "event",
        "eventDetails": {"dates": {"expectedEndDate": "2025"}},
    },
    {
        "uri": "urn:akhbar:spec:planning",
        "type": "planning",
        "plannedCoverage": [
            {
                "uri": "urn:akhbar:spec:planning:text",
                "type": "text",
                "urgency": 9,
                "wordCount": 400,
                "dates": {"expectedStartDate": "2025-06-10T16:00:00"},
                "itemCount": {"rangeFrom": 1},
                "audiences": [{"audience": "قارئین", "significance": 5}],
                "renditions": [
                    {"name": "video", "scanType": "progressive", "poi": {"x": 1, "y": 2}}
                ],
            }
        ],
    },
    {"uri": "urn:akhbar:spec:dst", "digitalSourceType": {"name": "camera"}},
    {
        "uri": "urn:akhbar:spec:assoc",
        "associations": [{"name": "a", "uri": "urn:b", "rel": "photo"}],
    },
]
FAIL_3 = [
    ({"uri": "urn:x", "urgency": 0.1, "pubStatus": "usable"}, "urgency", "integer"),
    ({"uri": "urn:x", "urgency": 10, "pubStatus": "usable"}, "urgency", "more than 9"),
    (
        {"uri": "urn:x", "firstcreated": "2025-01-01T00:00:00Z", "pubStatus": "usable"},
        "firstcreated",
        "not a ninjs property",
    ),
    (
        {
            "uri": "urn:x",
            "type": "event",
            "eventDetails": {
                "dates": {"startDate": "2025-07-11T09:00:00Z", "expectedStartDate": "2025-07-12"}
            },
        },
        "dates",
        "one start date",
    ),
    (
        {"uri": "urn:x", "eventDetails": {"dates": {"expectedStartDate": "29 فروری 2024"}}},
        "expectedStartDate",
        "truncated",
    ),
    (
        {"uri": "urn:x", "eventDetails": {"dates": {"expectedStartDate": "2024-13"}}},
        "expectedStartDate",
        "truncated",
    ),
    (
        {"uri": "urn:x", "plannedCoverage": [{"urgency": 11}]},
        "plannedCoverage[0].urgency",
        "more than 9",
    ),
    (
        {"uri": "urn:x", "plannedCoverage": [{"services": ["feed"]}]},
        "services",
        "not a ninjs property",
    ),
    ({"uri": "urn:x", "digitalSourceType": "bad"}, "digitalSourceType", "object"),
    (
        {
            "uri": "urn:x",
            "renditions": [{"name": "v", "scanType": "diagonal"}],
            "pubStatus": "usable",
        },
        "scanType",
        "is not one of",
    ),
    (
        {"uri": "urn:x", "rightsInfo": {"linkedRights": "https://e.org", "extra": "x"}},
        "extra",
        "not a ninjs property",
    ),
    (
        {"uri": "urn:x", "renditions": [{"name": "a", "width": 1.5}], "edNote": ""},
        "width",
        "integer",
    ),
]


@pytest.mark.parametrize("doc", PASS_2, ids=lambda d: d["uri"])
def test_2x_should_pass(doc):
    assert ninjs.validate(doc, major=2) == 2


@pytest.mark.parametrize("doc", PASS_3, ids=lambda d: d["uri"])
def test_3x_should_pass(doc):
    assert ninjs.validate(doc, major=3) == 3
    assert ninjs.major_version(doc) == 3 or "eventDetails" not in doc


@pytest.mark.parametrize(("doc", "field", "message"), FAIL_2)
def test_2x_should_fail_naming_the_field(doc, field, message):
    with pytest.raises(WireError) as err:
        ninjs.validate(doc, major=2)
    assert field in err.value.field and message in str(err.value)


@pytest.mark.parametrize(("doc", "field", "message"), FAIL_3)
def test_3x_should_fail_naming_the_field(doc, field, message):
    with pytest.raises(WireError) as err:
        ninjs.validate(doc, major=3)
    assert field in err.value.field and message in str(err.value)


def test_version_is_told_by_names_then_declaration():
    assert ninjs.major_version({"uri": "u", "firstCreated": "x"}) == 3
    assert ninjs.major_version({"uri": "u", "headline": "x"}) == 1
    assert ninjs.major_version({"uri": "u", "standard": {"version": "3.0"}}) == 3
    assert ninjs.major_version({"uri": "u"}) == 2


def test_parse_validates_before_reading():
    doc = {**PASS_3[0], "bekaar": 1}
    with pytest.raises(WireError, match="bekaar: is not a ninjs property") as err:
        ninjs.parse(json.dumps(doc).encode())
    assert err.value.uri == "urn:akhbar:spec:3x"
    (item,) = ninjs.parse(json.dumps(PASS_3[0]).encode())
    assert item.headline == "لاہور میں میلہ" and item.rights == ""
