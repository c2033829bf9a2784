"""The page cache in front of the real Django app: who gets cached pages, and when they change."""

from __future__ import annotations

import gzip
import json
from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from akhbar.newsroom.models import ArticlePage
from akhbar.newsroom.scheduler import backdate, publish_due
from tests.fixtures_ninjs import embargoed_ninjs

from .conftest import Reader

TOKEN = "فیروزی"  # only in the embargoed story of this module


def test_second_anonymous_request_is_answered_from_memory(cached, story):
    first = cached.get(story.url)
    second = cached.get(story.url)
    assert first.status == second.status == 200
    assert first.headers["x-page-cache"] == "MISS"
    assert second.headers["x-page-cache"] == "HIT"
    assert second.body == first.body
    assert story.headline in second.text()
    control = second.headers["cache-control"]
    assert "public" in control and "s-maxage=" in control and "stale-while-revalidate" in control
    assert "cookie" not in second.headers.get("vary", "").lower()
    assert second.headers["etag"] == first.headers["etag"]


def test_revalidation_and_head_come_from_memory(cached, story):
    etag = cached.get(story.url).headers["etag"]
    again = cached.get(story.url, IF_NONE_MATCH=etag)
    assert again.status == 304 and again.body == b""
    head = cached.get(story.url, method="HEAD")
    assert head.status == 200 and head.body == b"" and head.headers["x-page-cache"] == "HIT"


def test_gzip_and_plain_readers_each_get_their_own_copy(cached, story):
    zipped = cached.get(story.url, ACCEPT_ENCODING="gzip, br")
    plain = cached.get(story.url)
    assert zipped.headers.get("content-encoding") == "gzip"
    assert story.headline in gzip.decompress(zipped.body).decode()
    assert "content-encoding" not in plain.headers
    assert story.headline in plain.text()
    assert cached.get(story.url, ACCEPT_ENCODING="gzip").headers["x-page-cache"] == "HIT"
    assert cached.get(story.url).headers["x-page-cache"] == "HIT"


@pytest.mark.parametrize(
    "headers",
    [
        {"AUTHORIZATION": "Bearer x"},
        {"RANGE": "bytes=0-10"},
        {"COOKIE": "theme=dark; sessionid=abc"},
    ],
)
def test_requests_with_credentials_never_get_a_cached_page(cached, story, headers):
    cached.get(story.url)
    assert cached.get(story.url).headers["x-page-cache"] == "HIT"
    answer = cached.get(story.url, **headers)
    assert "x-page-cache" not in answer.headers


def test_other_cookies_do_not_split_the_cache(cached, story):
    cached.get(story.url)
    answer = cached.get(story.url, COOKIE="csrftoken=abc; _ga=1")
    assert answer.headers["x-page-cache"] == "HIT"


def test_logged_in_staff_pages_are_private_and_never_stored(cached, story, edition):
    user = get_user_model().objects.create_superuser("desk", "desk@example.org", "x-pass-1234")
    client = Client()
    client.force_login(user)
    session = client.cookies["sessionid"].value
    staff = cached.get(story.url, COOKIE=f"sessionid={session}")
    assert staff.status == 200
    assert "private" in staff.headers["cache-control"]
    assert "no-store" in staff.headers["cache-control"]
    assert "x-page-cache" not in staff.headers
    anonymous = cached.get(story.url)
    assert anonymous.headers["x-page-cache"] == "MISS"  # nothing the editor saw was kept


def test_post_admin_and_static_pass_through(cached, story):
    assert "x-page-cache" not in cached.get(story.url, method="POST").headers
    for _ in range(2):
        assert "x-page-cache" not in cached.get("/admin/login/").headers


def test_publishing_an_update_shows_at_once(cached, story, django_capture_on_commit_callbacks):
    home = story.get_parent().get_parent().url
    for url in (story.url, home):
        cached.get(url)
        assert cached.get(url).headers["x-page-cache"] == "HIT"
    story.headline = "گوادر میں پانی کا نیا منصوبہ شروع ہو گیا"
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()
    for url in (story.url, home):
        answer = cached.get(url)
        assert answer.headers["x-page-cache"] == "MISS"
        assert "نیا منصوبہ شروع" in answer.text()


def test_unpublished_story_goes_at_once_and_returns(
    cached, story, django_capture_on_commit_callbacks
):
    url = story.url
    cached.get(url)
    assert cached.get(url).headers["x-page-cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        story.unpublish()
    gone = cached.get(url)
    assert gone.status == 404
    assert cached.get(url).status == 404  # the 404 is cached like a page
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=story.pk).save_revision().publish()
    assert cached.get(url).status == 200


def test_embargoed_story_absent_from_cached_pages_until_release(
    cached, edition, tmp_path, django_capture_on_commit_callbacks
):
    from akhbar.wire.ingest import ingest_file

    home = edition.url
    section = edition.get_children().get(slug="saqafat").url
    for url in (home, section):
        cached.get(url)
    doc = tmp_path / "firozi.json"
    firozi = embargoed_ninjs(
        "urn:akhbar:test:pagecache:firozi",
        timezone.now() + timedelta(hours=2),
        headline=f"{TOKEN} پتھروں کی نمائش کا اعلان",
        body_html=f"<p>{TOKEN} نمائش۔</p>",
        subject={"name": "ثقافت", "uri": "http://cv.iptc.org/newscodes/mediatopic/01000000"},
    )
    doc.write_text(json.dumps(firozi), "utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        (outcome,) = ingest_file(doc)
    assert outcome.action == "created", outcome
    page = ArticlePage.objects.get(uri="urn:akhbar:test:pagecache:firozi")
    for url in (home, section):
        assert TOKEN not in cached.get(url).text()
        assert cached.get(url).headers["x-page-cache"] == "HIT"
    assert cached.get(page.url).status == 404
    backdate(page)
    with django_capture_on_commit_callbacks(execute=True):
        run = publish_due()
    assert run.published
    for url in (home, section):
        assert TOKEN in cached.get(url).text()
    assert cached.get(page.url).status == 200


@pytest.fixture
def with_files(django_wsgi, purge_log, tmp_path, settings):
    from akhbar.site.pagecache import LocalStore, PageCache, PageFiles

    settings.AKHBAR_PAGECACHE_DIR = tmp_path / "pages"
    files = PageFiles(tmp_path / "pages")

    return Reader(PageCache(django_wsgi, LocalStore(8 << 20, purge_log), files=files)), files


def test_plain_pages_are_written_for_nginx_and_purged_on_publish(
    with_files, story, django_capture_on_commit_callbacks
):
    reader, files = with_files
    reader.get(story.url)
    page_file = files.file_for("testserver", unquote(story.url))
    assert page_file.read_bytes() == reader.get(story.url).body
    # Not written: query strings, compressed copies, answers for staff.
    reader.get(story.url + "?page=2")
    reader.get(story.get_parent().url, ACCEPT_ENCODING="gzip")
    assert not files.file_for("testserver", story.get_parent().url).exists()
    story.headline = "گوادر کی نئی خبر"
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()
    assert not page_file.exists()
    reader.get(story.url)
    assert "نئی خبر" in page_file.read_text("utf-8")
