"""Serving audio: whole files, byte ranges, hostile Range headers, never for stories not live."""

from __future__ import annotations

import pytest
from wagtail.models import PageViewRestriction

from akhbar.listen import pipeline
from akhbar.listen.models import Recording

pytestmark = pytest.mark.django_db


@pytest.fixture
def voiced(make_story, tone_engine):
    page = make_story()
    rec = pipeline.voice(page)
    assert rec.status == Recording.Status.READY
    return page, rec


def url(page, ext="opus") -> str:
    return f"/listen/{page.pk}.{ext}"


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize(("ext", "kind"), [("opus", "audio/ogg"), ("mp3", "audio/mpeg")])
def test_whole_file(client, voiced, ext, kind):
    page, rec = voiced
    response = client.get(url(page, ext))
    assert response.status_code == 200
    assert response["Content-Type"] == kind
    assert response["Accept-Ranges"] == "bytes"
    data = body(response)
    assert int(response["Content-Length"]) == len(data) == rec.size_for(ext)
    with rec.file_for(ext).open("rb") as fh:
        assert data == fh.read()


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [("bytes=0-99", 0, 99), ("bytes=100-", 100, None), ("bytes=-50", -50, None),
     ("bytes=10-99999999", 10, None)],
)
def test_byte_ranges(client, voiced, header, first, last):
    page, rec = voiced
    with rec.opus.open("rb") as fh:
        whole = fh.read()
    size = len(whole)
    first = first % size
    last = size - 1 if last is None else last
    response = client.get(url(page), HTTP_RANGE=header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {first}-{last}/{size}"
    assert response.content == whole[first : last + 1]
    assert int(response["Content-Length"]) == last - first + 1


@pytest.mark.parametrize("header", ["bytes=999999999-", "bytes=-0"])
def test_unsatisfiable_range_is_416(client, voiced, header):
    page, rec = voiced
    response = client.get(url(page), HTTP_RANGE=header)
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{rec.opus_bytes}"


@pytest.mark.parametrize(
    "header",
    ["bytes=0-1,3-4", "bytes=" + "0-1," * 1000, "chunks=0-10", "bytes=abc", "bytes=5-1",
     "bytes=" + "9" * 100 + "-", "bytes=٠-٩", "bytes=0-10\x00", "bytes=-"],
)
def test_hostile_range_headers_get_the_whole_file(client, voiced, header):
    page, rec = voiced
    response = client.get(url(page), HTTP_RANGE=header)
    assert response.status_code == 200
    assert len(body(response)) == rec.opus_bytes


def test_if_range_and_etag(client, voiced):
    page, _ = voiced
    etag = client.get(url(page))["ETag"]
    assert client.get(url(page), HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=etag).status_code == 206
    assert client.get(url(page), HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"old"').status_code == 200
    assert client.get(url(page), HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_head_has_headers_and_no_body(client, voiced):
    page, rec = voiced
    response = client.head(url(page), HTTP_RANGE="bytes=0-9")
    assert response.status_code == 206 and response.content == b""
    assert response["Content-Length"] == "10"
    response = client.head(url(page))
    assert response.status_code == 200 and response["Content-Length"] == str(rec.opus_bytes)


def test_only_safe_methods(client, voiced):
    page, _ = voiced
    assert client.post(url(page)).status_code == 405


@pytest.mark.parametrize("path", ["/listen/999999.opus", "/listen/1.wav", "/listen/1.opus.mp3",
                                  "/listen/-1.opus", "/listen/abc.opus"])
def test_unknown_audio_is_404(client, voiced, path):
    assert client.get(path).status_code == 404


def test_unpublished_story_has_no_audio(client, voiced):
    page, _ = voiced
    page.unpublish()
    assert client.get(url(page)).status_code == 404
    assert client.get(url(page, "mp3"), HTTP_RANGE="bytes=0-9").status_code == 404


def test_private_story_has_no_audio(client, voiced):
    page, _ = voiced
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    assert client.get(url(page)).status_code == 404


def test_draft_story_has_no_audio(client, make_story, tone_engine):
    draft = make_story(publish=False)
    Recording.objects.create(article=draft, status=Recording.Status.READY, opus="listen/x.opus")
    assert client.get(url(draft)).status_code == 404


@pytest.mark.parametrize("status", [Recording.Status.PENDING, Recording.Status.FAILED])
def test_audio_out_of_step_with_the_text_is_not_served(client, voiced, status):
    page, rec = voiced
    Recording.objects.filter(pk=rec.pk).update(status=status)
    assert client.get(url(page)).status_code == 404


def test_missing_file_is_404(client, voiced):
    page, rec = voiced
    rec.opus.storage.delete(rec.opus.name)
    assert client.get(url(page)).status_code == 404
