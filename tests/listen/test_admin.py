"""The pronunciation lexicon in the Wagtail admin: listed, added, and applied to stories."""

from __future__ import annotations

import pytest
from django.urls import reverse

from akhbar.listen.models import PronunciationEntry, Recording

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "e@example.com", "pw")
    client.force_login(user)
    return client


def test_lexicon_is_listed_in_the_admin(editor):
    PronunciationEntry.objects.create(word="شوئیگو", spoken="شوئی گو")
    response = editor.get(reverse("wagtailsnippets_listen_pronunciationentry:list"))
    assert response.status_code == 200
    assert "شوئیگو" in response.content.decode()


def test_adding_an_entry_in_the_admin_revoices_stories(editor, make_story, tone_engine,
                                                       django_capture_on_commit_callbacks):
    page = make_story(headline="شوئیگو پیانگ یانگ پہنچ گئے")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            reverse("wagtailsnippets_listen_pronunciationentry:add"),
            {"word": "شوئیگو", "spoken": "شوئی گو", "note": "روسی نام"},
        )
    assert response.status_code == 302, response.content.decode()[:500]
    assert PronunciationEntry.objects.get().spoken == "شوئی گو"
    rec = Recording.objects.get(article=page)
    assert rec.status == Recording.Status.READY and rec.lexicon_words == ["شوئیگو"]
    assert tone_engine.calls[0] == "شوئی گو پیانگ یانگ پہنچ گئے۔"


@pytest.mark.parametrize(
    ("word", "spoken"),
    [("شوئیگو", "کچھ اور"), ("شوئيگو", "کچھ اور"), ("  ", "کچھ"), ("نیا", "۔۔۔")],
)
def test_duplicate_or_empty_entries_are_refused(editor, word, spoken):
    PronunciationEntry.objects.create(word="شوئیگو", spoken="شوئی گو")
    response = editor.post(
        reverse("wagtailsnippets_listen_pronunciationentry:add"), {"word": word, "spoken": spoken}
    )
    assert response.status_code == 200  # the form again, with an error
    assert PronunciationEntry.objects.count() == 1
