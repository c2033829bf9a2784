"""Which URLs a publish purges, and that a broken purge never blocks publishing."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from django.urls import reverse

from akhbar.site.purge import urls_showing


def paths(urls: list[str]) -> set[str]:
    return {unquote(urlsplit(u).path) for u in urls}


def test_a_story_purges_every_page_that_lists_it(story):
    section = story.get_parent().specific
    edition = section.get_parent().specific
    got = paths(urls_showing(story))
    expected = {
        unquote(story.url),
        section.url,
        edition.url,
        reverse("distribution:edition-rss", kwargs={"language": "ur"}),
        reverse("distribution:edition-atom", kwargs={"language": "ur"}),
        reverse("distribution:section-rss", kwargs={"language": "ur", "section": section.slug}),
        reverse("distribution:section-atom", kwargs={"language": "ur", "section": section.slug}),
        reverse("distribution:sitemap-index"),
        reverse("distribution:sitemap", kwargs={"section": "ur"}),
        reverse("distribution:sitemap", kwargs={"section": "news"}),
        reverse("distribution:sitemap", kwargs={"section": "ur-pages"}),
    }
    assert expected <= got
    assert "/*" not in got  # a story change does not empty the whole cache


def test_a_section_change_empties_the_whole_in_process_cache(edition):
    section = edition.get_children().first()
    assert "/*" in paths(urls_showing(section))


def test_purged_paths_land_in_the_log_after_commit(
    story, purge_log, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        story.save_revision().publish()
    assert not purge_log.exists() or unquote(story.url) not in purge_log.read_text()
    for callback in callbacks:
        callback()
    logged = set(purge_log.read_text().splitlines())
    assert unquote(story.url) in logged
    assert story.get_parent().url in logged


def test_a_broken_purge_never_stops_publishing(
    story, settings, tmp_path, django_capture_on_commit_callbacks, caplog
):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    settings.AKHBAR_PAGECACHE_LOG = blocker / "purges.log"  # cannot be created
    story.headline = "ایک اور سرخی"
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()
    story.refresh_from_db()
    assert story.live and story.headline == "ایک اور سرخی"
    assert "purge failed" in caplog.text


def test_nginx_refresh_failures_are_logged_and_the_rest_still_sent(caplog):
    import socket
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    from akhbar.site.purge import NginxRefreshBackend

    seen: list[tuple[str, str]] = []

    class Refresh(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            seen.append((self.path, self.headers["Host"]))
            self.send_response(404 if "gone" in self.path else 200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Refresh)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        location = f"http://127.0.0.1:{server.server_port}"
        backend = NginxRefreshBackend({"LOCATION": location, "HOSTS": ["a.example", "b.example"]})
        backend.purge_batch(
            ["http://localhost/ur/خبر/", "http://localhost/ur/%DA%A9/gone/", "http://localhost/*"]
        )
    finally:
        server.shutdown()
    paths = sorted(seen)
    assert ("/ur/%D8%AE%D8%A8%D8%B1/", "a.example") in paths  # encoded as browsers do
    assert ("/ur/%DA%A9/gone/", "b.example") in paths  # not encoded twice
    assert len(paths) == 4  # "*" (empty our own cache) is not an nginx URL

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    NginxRefreshBackend({"LOCATION": f"http://127.0.0.1:{closed}", "HOSTS": ["a"]}).purge_batch(
        ["http://localhost/ur/", "http://localhost/ur/khel/"]
    )
    assert caplog.text.count("nginx refresh of") == 2
