"""Pages travel compressed: Urdu HTML is three bytes a letter and shrinks well."""

from __future__ import annotations

import gzip

import pytest

pytestmark = pytest.mark.django_db


def test_article_page_is_gzipped_for_readers_who_accept_it(client, story):
    plain = client.get(story.url)
    packed = client.get(story.url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert plain.status_code == packed.status_code == 200
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    html = gzip.decompress(packed.content).decode()
    assert story.headline in html
    assert len(packed.content) < len(plain.content) / 2
