"""Each edition under its language prefix; "/" goes where the reader's Accept-Language says."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("accept", "prefix"),
    [
        ("", "/ur/"),
        ("ur-PK,ur;q=0.9", "/ur/"),
        ("en-GB,en;q=0.8", "/en/"),
        ("ar", "/ar/"),
        ("tr-TR,tr;q=0.9,en;q=0.5", "/tr/"),
        ("fr-FR,de;q=0.5", "/ur/"),
        ("de;q=0.9,en;q=0.8", "/en/"),
        ("*", "/ur/"),
        ("en;q=garbage,,;;", "/ur/"),
    ],
)
def test_root_redirects_to_the_edition_the_reader_prefers(client, editions, accept, prefix):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept) if accept else client.get("/")
    assert response.status_code == 302
    assert response["Location"] == prefix


def test_urdu_edition_lives_under_ur(client, edition):
    assert edition.url == "/ur/"
    response = client.get("/ur/")
    assert response.status_code == 200
    assert 'lang="ur"' in response.content.decode()


def test_section_and_story_urls_carry_the_prefix(client, story):
    assert story.url.startswith("/ur/")
    assert story.section.url.startswith("/ur/")
    assert client.get(story.url).status_code == 200
    # The old unprefixed address still reaches the story, through the Urdu edition.
    old = story.url[len("/ur") :]
    response = client.get(old)
    assert response.status_code == 302
    assert response["Location"] == story.url


def test_search_is_per_edition(client, edition):
    assert client.get("/ur/search/", {"q": "گوادر"}).status_code == 200


def test_feeds_and_api_stay_unprefixed(client, story):
    assert client.get("/feeds/ur.rss").status_code == 200
    assert client.get("/sitemap.xml").status_code == 200
    assert client.get("/robots.txt").status_code == 200


def test_unknown_prefix_is_not_an_edition(client, edition):
    assert client.get("/xx/")["Location"] == "/ur/xx/"
    assert client.get("/ur/xx/").status_code == 404
    assert client.get("/ur/no-such-section/").status_code == 404


def test_unprefixed_404s_stay_404s(client, story):
    """An API or audio 404 is an answer, not a missing language prefix."""
    for path in ("/api/v1/articles/999999", "/listen/999999.mp3", "/feeds/xx.rss"):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 404, path
        assert "Accept-Language" not in response.get("Vary", ""), path


def test_unprefixed_paths_keep_the_default_language(client, story):
    response = client.get("/feeds/ur.rss", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Accept-Language" not in response.get("Vary", "")


def test_redirect_from_root_varies_by_language(client, editions):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ar")
    assert "Accept-Language" in response["Vary"]


def test_prefixed_page_ignores_accept_language(client, edition):
    response = client.get("/ur/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert 'lang="ur"' in response.content.decode()


def test_search_page_belongs_to_the_prefix_edition(client, db):
    from akhbar.newsroom.editions import ensure_editions

    ensure_editions()
    english = client.get("/en/search/").content.decode()
    assert '<html lang="en" dir="ltr">' in english
    arabic = client.get("/ar/search/").content.decode()
    assert '<html lang="ar" dir="rtl">' in arabic


def test_root_only_redirects_to_editions_that_exist(client, edition):
    """Only the Urdu edition: an English reader still lands on /ur/, and /en/ is not Urdu."""
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Location"] == "/ur/"
    assert client.get("/en/").status_code == 404
    assert client.get("/en/search/").status_code == 404
