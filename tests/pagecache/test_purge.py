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
