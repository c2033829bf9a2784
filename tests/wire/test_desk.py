"""The wire desk in the admin: listing, filters, "use" → draft story, origin shown on the story."""

from __future__ import annotations

import pytest
from django.urls import reverse

from akhbar.newsroom.models import ArticlePage
from akhbar.wire.ingest import Options, ingest_file
from akhbar.wire.models import WireEntry, WireSource

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("desk", "desk@example.org", "pw-desk-123")
    client.force_login(user)
    return client


@pytest.fixture
def desk_source(edition, wire_dir):
    return WireSource.objects.create(
        name="APP folder", kind="folder", location=str(wire_dir), credit="APP", rule=WireSource.DESK
    )


def test_desk_rule_keeps_items_off_the_site(desk_source, wire_dir):
    (outcome,) = ingest_file(
        wire_dir / "port-story-3x.json", options=Options.for_source(desk_source)
    )
    assert outcome.action == "created" and outcome.url is None
    assert not ArticlePage.objects.exists()
    entry = WireEntry.objects.get()
    assert entry.status == "new" and entry.source == desk_source
    assert entry.section_name == "ماحولیات" and entry.language == "ur"


def test_desk_lists_newest_first_and_filters(editor, desk_source, wire_dir):
    opts = Options.for_source(desk_source)
    for name in ("cricket-1x.json", "budget-2x.json", "port-story-3x.json"):
        ingest_file(wire_dir / name, options=opts)
    url = reverse("wire_desk:index")
    page = editor.get(url).content.decode()
    assert page.index("گوادر") < page.index("بجٹ") < page.index("لاہور")
    only = editor.get(url, {"section": "کھیل"}).content.decode()
    assert "لاہور" in only and "گوادر" not in only
    found = editor.get(url, {"q": "بجٹ"}).content.decode()
    assert "بجٹ پر بحث" in found and "لاہور" not in found
    assert (
        "لاہور"
        in editor.get(url, {"source": str(desk_source.pk), "language": "ur"}).content.decode()
    )
    assert "Nothing on the wire" in editor.get(url, {"language": "en"}).content.decode()


def test_use_makes_a_draft_with_credit_and_origin(editor, desk_source, wire_dir):
    ingest_file(wire_dir / "port-story-3x.json", options=Options.for_source(desk_source))
    entry = WireEntry.objects.get()
    response = editor.post(reverse("wire_desk:use", args=[entry.pk]))
    assert response.status_code == 302
    article = ArticlePage.objects.get()
    assert not article.live
    assert response.url == reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert sorted(a.name for a in article.agencies.all()) == ["APP"]
    assert article.lead_image is not None
    entry.refresh_from_db()
    assert (entry.article, entry.status) == (article, "used")
    # the story's admin header links back to where it came from
    edit = editor.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    assert "From the wire: APP folder" in edit
    detail = editor.get(reverse("wire_desk:detail", args=[entry.pk])).content.decode()
    assert entry.uri in detail and "(draft)" in detail
    # using it twice opens the same story
    editor.post(reverse("wire_desk:use", args=[entry.pk]))
    assert ArticlePage.objects.count() == 1


def test_use_refusal_is_a_message_not_a_crash(editor, desk_source, wire_dir):
    ingest_file(wire_dir / "port-story-3x.json", options=Options.for_source(desk_source))
    (wire_dir / "picture.jpg").write_bytes(b"not a picture any more")
    entry = WireEntry.objects.get()
    response = editor.post(reverse("wire_desk:use", args=[entry.pk]), follow=True)
    assert "not a readable image" in response.content.decode()
    assert not ArticlePage.objects.exists()


def test_desk_needs_login(client):
    assert client.get(reverse("wire_desk:index")).status_code == 302


def test_sources_and_quarantine_pages_render(editor, desk_source, wire_dir):
    (wire_dir / "broken.json").write_text('{"uri": "urn:x", ')
    ingest_file(wire_dir / "broken.json", options=Options.for_source(desk_source))
    assert "not valid JSON" in editor.get(reverse("wire_desk:quarantine")).content.decode()
    assert "APP folder" in editor.get(reverse("wire_sources:index")).content.decode()
    assert editor.get(reverse("wire_sources:add")).status_code == 200
