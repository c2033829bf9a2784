"""ninjs documents that tests build on the fly (the fixed ones are in tests/wire/fixtures/).

Imported by tests as `from tests.fixtures_ninjs import embargoed_ninjs`; pytest does not
collect it (its name does not start with test_).
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone


def embargoed_ninjs(
    uri: str,
    until: datetime,
    *,
    headline: str,
    body_html: str,
    subject: dict,
    summary: str | None = None,
    picture: tuple[str, str] | None = None,
) -> dict:
    """A usable Urdu text story, created now, under embargo until `until`.

    `subject` is the ninjs subject object as is; `summary` adds a summary description;
    `picture` = (file name beside the document, alt text) adds a feature image whose
    association uri is `uri` + ":image".
    """
    now = timezone.now().isoformat()
    doc: dict = {
        "uri": uri,
        "type": "text",
        "version": "1",
        "firstCreated": now,
        "versionCreated": now,
        "embargoedUntil": until.isoformat(),
        "pubStatus": "usable",
        "language": "ur",
        "headlines": [{"role": "main", "value": headline}],
    }
    if summary is not None:
        doc["descriptions"] = [{"role": "summary", "value": summary}]
    doc["bodies"] = [{"role": "main", "contentType": "text/html", "value": body_html}]
    doc["subjects"] = [subject]
    if picture is not None:
        href, alt = picture
        doc["associations"] = [
            {
                "name": "featureimage",
                "uri": f"{uri}:image",
                "type": "picture",
                "headlines": [{"role": "alt", "value": alt}],
                "renditions": [{"name": "original", "href": href, "contentType": "image/jpeg"}],
            }
        ]
    return doc
