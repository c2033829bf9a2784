"""The grown-up size on PostgreSQL: a scheduled story goes live, is found by search, and its
page costs at most five queries (runs when DATABASE_URL points at PostgreSQL, as in CI)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _needs_postgres(db):
    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL pointing at PostgreSQL (CI sets it)")


def test_scheduled_story_goes_live_and_is_found_on_postgres(client, story, edition):
    from akhbar.newsroom.models import ArticlePage, SectionPage
    from akhbar.newsroom.scheduler import backdate, publish_due_task
    from akhbar.search.backends import search

    section = SectionPage.objects.child_of(edition).first()
    text = "<p>سکردو کے قریب شمسی توانائی کا منصوبہ مکمل ہو گیا۔</p>"
    page = ArticlePage(headline="بلتستان میں شمسی توانائی کا منصوبہ مکمل",
                       body=[("paragraph", text)], live=False)
    section.add_child(instance=page)
    page.go_live_at = timezone.now() + timedelta(hours=1)
    page.save_revision().publish()
    assert not ArticlePage.objects.get(pk=page.pk).live
    backdate(page)
    result = publish_due_task.enqueue()
    assert result.return_value["published"] == [f"articlepage:{page.pk}"]
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live
    assert page.pk in [pk for pk, _ in search("شمسی توانائی").hits]

    client.get(page.url)  # warms the caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(page.url)
    assert response.status_code == 200 and page.headline in response.content.decode()
    assert len(ctx.captured_queries) <= 5, "\n".join(q["sql"][:150] for q in ctx.captured_queries)
