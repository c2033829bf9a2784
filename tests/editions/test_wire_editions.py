"""Wire copy lands in the edition of its language; an item becomes a linked draft elsewhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.test import override_settings

from akhbar.newsroom.editions import NoEdition
from akhbar.newsroom.models import ArticlePage
from akhbar.wire.ingest import Options, ingest_file
from akhbar.wire.models import WireEntry, WireSource
from akhbar.wire.translate import (
    Glossary,
    KeepOriginal,
    draft_translation,
    get_translator,
    translate_html,
)


def ninjs(folder: Path, name: str, language: str, headline: str, body: str,
          subject=("Business", "04000000")) -> Path:
    doc = {
        "uri": f"urn:akhbar:test:editions:{name}",
        "type": "text",
        "language": language,
        "versioncreated": "2026-10-27T12:00:00+00:00",
        "headline": headline,
        "body_html": body,
        "subject": [{"name": subject[0], "code": f"medtop:{subject[1]}"}],
        "copyrightholder": "Agency Wire",
    }
    path = folder / f"{name}.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    return path


ENGLISH = "<p>The central bank kept the interest rate unchanged on Monday.</p>"
ARABIC = "<p>أبقى البنك المركزي سعر الفائدة دون تغيير يوم الاثنين.</p>"


@pytest.mark.parametrize(
    ("language", "headline", "body", "section"),
    [
        ("en", "Central bank holds rates", ENGLISH, "Business"),
        ("en-GB", "Central bank holds rates", ENGLISH, "Business"),
        ("ar", "البنك المركزي يثبت الفائدة", ARABIC, "اقتصاد"),
    ],
)
def test_ninjs_language_picks_the_edition(editions, tmp_path, language, headline, body, section):
    path = ninjs(tmp_path, "rates", language, headline, body)
    (outcome,) = ingest_file(path)
    assert outcome.action == "created", outcome
    story = ArticlePage.objects.get(uri="urn:akhbar:test:editions:rates")
    primary = language.split("-")[0]
    assert story.locale.language_code == primary
    assert story.get_parent().specific.title == section
    assert outcome.url.startswith(f"/{primary}/")


def test_arabic_subject_maps_by_iptc_code_to_the_arabic_section(editions, tmp_path):
    path = ninjs(tmp_path, "sport", "ar", "فوز الفريق", "<p>فاز الفريق.</p>",
                 subject=("Sport", "15000000"))
    (outcome,) = ingest_file(path)
    story = ArticlePage.objects.get(uri="urn:akhbar:test:editions:sport")
    assert story.get_parent().specific.slug == "riyada"
    assert story.reading_minutes == 1


@pytest.mark.parametrize("language", ["fr", "xx", "de-DE"])
def test_a_language_without_an_edition_is_refused_clearly(editions, tmp_path, language):
    path = ninjs(tmp_path, "nowhere", language, "Titre", "<p>Texte.</p>")
    (outcome,) = ingest_file(path)
    assert outcome.action == "rejected"
    assert "no edition publishes in language" in outcome.error
    assert not ArticlePage.objects.filter(uri="urn:akhbar:test:editions:nowhere").exists()


def test_malformed_language_tag_is_refused(editions, tmp_path):
    path = ninjs(tmp_path, "bad", "en_<script>", "Headline", "<p>Text.</p>")
    (outcome,) = ingest_file(path)
    assert outcome.action == "rejected"


@pytest.fixture
def english_entry(editions, tmp_path):
    source = WireSource.objects.create(
        name="Agency Wire EN", kind="folder", location=str(tmp_path), credit="Agency Wire",
        language="en", rule=WireSource.DESK,
    )
    path = ninjs(tmp_path, "desk-rates", "en", "Central bank holds rates", ENGLISH)
    (outcome,) = ingest_file(path, options=Options.for_source(source))
    assert outcome.action == "created"
    return WireEntry.objects.get(uri="urn:akhbar:test:editions:desk-rates")


GLOSSARY = {"en>ur": {"central bank": "مرکزی بینک", "interest rate": "شرحِ سود",
                      "Monday": "پیر", "holds rates": "شرحِ سود برقرار"}}


def test_wire_item_becomes_a_linked_draft_in_another_edition(english_entry):
    draft = draft_translation(english_entry, "ur", Glossary(GLOSSARY))
    english_entry.refresh_from_db()
    original = english_entry.article
    assert original is not None and original.locale.language_code == "en"
    assert draft.locale.language_code == "ur" and not draft.live and not original.live
    assert draft.translation_key == original.translation_key
    assert draft.get_parent().specific.slug == "maeeshat"  # by IPTC code
    assert "مرکزی بینک" in draft.headline and "شرحِ سود" in draft.body_text()
    assert [a.name for a in draft.agencies.all()] == [a.name for a in original.agencies.all()]
    assert "Agency Wire" in {a.name for a in draft.agencies.all()}
    assert draft.uri == original.uri + "#ur"


def test_default_translator_calls_nothing_and_keeps_the_text(english_entry):
    assert isinstance(get_translator(), KeepOriginal)
    draft = draft_translation(english_entry, "ar")
    assert draft.headline == "Central bank holds rates"
    assert draft.locale.language_code == "ar"


def test_translator_is_configuration(english_entry):
    with override_settings(AKHBAR_TRANSLATOR="akhbar.wire.translate.Glossary",
                           AKHBAR_TRANSLATOR_OPTIONS={"terms": GLOSSARY}):
        engine = get_translator()
        assert isinstance(engine, Glossary)
        draft = draft_translation(english_entry, "ur")
    assert draft.headline.startswith("مرکزی بینک")


def test_translator_setting_must_name_a_translator(english_entry):
    with override_settings(AKHBAR_TRANSLATOR="akhbar.wire.translate.Path"), \
            pytest.raises(TypeError):
        get_translator()


def test_refusals(english_entry):
    draft_translation(english_entry, "ur")
    with pytest.raises(ValueError, match="already has a version"):
        draft_translation(english_entry, "ur")
    with pytest.raises(ValueError, match="already in that edition"):
        draft_translation(english_entry, "en")
    with pytest.raises(NoEdition):
        draft_translation(english_entry, "fr")
    assert ArticlePage.objects.filter(locale__language_code="ur").count() == 1


def test_translate_html_keeps_markup_and_escapes():
    engine = Glossary({"en>ur": {"bank": "<بینک>"}})
    out = translate_html('<p class="x">The bank &amp; co</p><h2>bank</h2>', engine, "en", "ur")
    assert out == '<p class="x">The &lt;بینک&gt; &amp; co</p><h2>&lt;بینک&gt;</h2>'


def test_turkish_headline_with_dotted_capital_i_gets_a_valid_slug(editions, tmp_path):
    path = ninjs(tmp_path, "izmir", "tr", "İzmir'de yeni bisiklet yolu açıldı: İSTANBUL da sırada",
                 "<p>Metin.</p>", subject=("Çevre", "06000000"))
    (outcome,) = ingest_file(path)
    assert outcome.action == "created", outcome.error
    story = ArticlePage.objects.get(uri="urn:akhbar:test:editions:izmir")
    assert story.slug.startswith("izmirde-yeni-bisiklet-yolu-açıldı-istanbul")
    assert "\u0307" not in story.slug and story.url.startswith("/tr/cevre/")


def test_desk_makes_a_translation_draft(english_entry, client, django_user_model):
    from django.urls import reverse

    user = django_user_model.objects.create_superuser("desk", "desk@example.org", "pw-desk-123")
    client.force_login(user)
    page = client.get(reverse("wire_desk:detail", args=[english_entry.pk])).content.decode()
    assert 'name="language"' in page and 'value="ur"' in page and 'value="en"' not in page
    url = reverse("wire_desk:translate", args=[english_entry.pk])
    response = client.post(url, {"language": "tr"})
    draft = ArticlePage.objects.get(locale__language_code="tr")
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[draft.pk])
    english_entry.refresh_from_db()
    assert draft.translation_key == english_entry.article.translation_key
    refused = client.post(url, {"language": "<script>"}, follow=True)
    assert refused.status_code == 200 and ArticlePage.objects.count() == 2
    assert client.get(url).status_code == 405
