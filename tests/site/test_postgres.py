"""The same import and pages on PostgreSQL (runs when make test's DATABASE_URL is PostgreSQL)."""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL pointing at PostgreSQL (CI sets it in .ci/run)")


def test_import_and_article_page_on_postgres(client, story, wire_dir):
    from akhbar.wire.ingest import ingest_file

    html = client.get(story.url).content.decode()
    assert "2 منٹ پڑھنے" in html and "10 اپریل 2025" in html
    outcomes = [o.action for path in sorted(wire_dir.glob("*.json")) for o in ingest_file(path)]
    assert sorted(outcomes) == ["created", "created", "unchanged"]
    assert client.get("/ur/").status_code == 200
