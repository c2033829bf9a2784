"""An edition's numeral setting reaches every label it prints (dates, reading time)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_urdu_digits_edition(client, story, edition):
    edition.numerals = "urdu"
    edition.save_revision().publish()
    html = client.get(story.url).content.decode()
    assert "۲ منٹ پڑھنے" in html
    assert "۱۰ اپریل ۲۰۲۵" in html
    assert "2 منٹ پڑھنے" not in html


def test_ascii_digits_by_default(client, story):
    html = client.get(story.url).content.decode()
    assert "2 منٹ پڑھنے" in html and "10 اپریل 2025" in html
