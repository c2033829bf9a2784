"""The newsroom in Chromium: a reporter writes an Urdu story and submits it, a section
editor schedules and approves it, an anonymous reader finds it nowhere before its time
and everywhere after it (the clock is moved by putting the go-live time in the near past
and running the scheduler routine)."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import timezone

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

HEADLINE = "شالیمار باغ کے فواروں کی مرمت مکمل، باغ شہریوں کے لیے دوبارہ کھل گیا"
STANDFIRST = "محکمہ آثار قدیمہ کے مطابق تین سو سال پرانے فوارے پھر سے چلنے لگے"
TOKEN = "شالیمار"
PASSWORD = "Baagh-e-Shalimar-1641!"  # noqa: S105 - a test login


@pytest.fixture
def desk(edition):
    """A reporter and the editor of سیاست, made the way `akhbar init` makes the roles."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from akhbar.newsroom.models import SectionPage
    from akhbar.newsroom.roles import REPORTERS, ensure_roles, grant_sections

    ensure_roles(edition)
    users = get_user_model().objects
    reporter = users.create_user("reporter", "reporter@example.org", PASSWORD)
    reporter.groups.add(Group.objects.get(name=REPORTERS))
    editor = users.create_user("editor", "editor@example.org", PASSWORD)
    grant_sections(editor, [SectionPage.objects.child_of(edition).get(slug="siyasat")])
    return {"reporter": reporter, "editor": editor}


def login(browser, base: str, username: str, password: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/admin/")
    return page


def open_actions(page) -> None:
    """Open the footer's "more actions" menu of the page editor."""
    page.locator("footer .w-dropdown__toggle").first.click()


def reader_sees(browser, base: str, paths: list[str]) -> dict[str, bool]:
    """For each path, whether an anonymous reader finds the story there."""
    context = browser.new_context()
    page = context.new_page()
    out = {}
    for path in paths:
        response = page.goto(base + path)
        body = page.content() if response.ok else ""
        out[path] = response.ok and (TOKEN in body or quote(TOKEN) in body)
    context.close()
    return out


def test_reporter_to_reader(browser, live_server, wagtail_tree, edition, desk, artifacts):
    from akhbar.newsroom.models import ArticlePage, SectionPage
    from akhbar.newsroom.scheduler import backdate, publish_due

    base = live_server.url
    politics = SectionPage.objects.child_of(edition).get(slug="siyasat")

    # 1. The reporter writes the story in the admin and submits it for review.
    reporter = login(browser, base, "reporter", PASSWORD)
    reporter.goto(f"{base}/admin/pages/add/newsroom/articlepage/{politics.pk}/")
    headline = reporter.locator("#id_headline")
    assert headline.get_attribute("dir") == "rtl" and headline.get_attribute("lang") == "ur"
    family = headline.evaluate("e => getComputedStyle(e).fontFamily")
    assert family.startswith('"Noto Nastaliq Urdu"'), family
    assert headline.evaluate("e => getComputedStyle(e).direction") == "rtl"
    headline.fill(HEADLINE)
    reporter.fill("#id_standfirst", STANDFIRST)
    open_actions(reporter)
    reporter.click("button[name=action-submit]")
    reporter.wait_for_load_state()
    story = ArticlePage.objects.get(headline=HEADLINE)
    assert not story.live and story.workflow_in_progress
    assert story.owner.username == "reporter"
    reporter.screenshot(path=str(artifacts / "newsroom-reporter-submitted.png"))
    reporter.close()

    # 2. The section editor sees it waiting, sets a go-live time and approves.
    editor = login(browser, base, "editor", PASSWORD)
    assert TOKEN in editor.content(), "the dashboard does not show what waits for the editor"
    editor.goto(f"{base}/admin/pages/{story.pk}/edit/")
    go_live = (timezone.now() + timedelta(hours=1)).astimezone(ZoneInfo(settings.TIME_ZONE))
    editor.locator('button[data-side-panel-toggle="status"]').first.click()  # the status panel
    editor.locator(
        'button[data-a11y-dialog-show="schedule-publishing-dialog"]:visible'
    ).first.click()
    editor.fill("#id_go_live_at", go_live.strftime("%Y-%m-%d %H:%M"))
    editor.locator("#schedule-publishing-dialog button.action-save").click()
    editor.wait_for_load_state()
    open_actions(editor)
    editor.locator(
        'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
    ).first.click()
    editor.wait_for_load_state()
    editor.screenshot(path=str(artifacts / "newsroom-editor-approved.png"))
    editor.close()

    story.refresh_from_db()
    revision = story.get_latest_revision()
    assert not story.live, "published before its time"
    assert revision.approved_go_live_at is not None, "approved but not scheduled"
    assert abs((revision.approved_go_live_at - go_live).total_seconds()) < 60

    # 3. Before its time an anonymous reader finds it nowhere.
    channels = [
        "/",
        politics.url,
        "/search/?q=" + quote(TOKEN),
        "/api/v1/search?q=" + quote(TOKEN),
        "/api/v1/articles",
        "/feeds/ur.rss",
        "/feeds/ur.atom",
        "/sitemap.xml",
        "/sitemap-ur.xml",
    ]
    before = reader_sees(browser, base, channels)
    # The search page repeats the query word in its box; it must not list the story.
    assert not any(v for k, v in before.items() if "search/?q" not in k), before
    context = browser.new_context()
    assert context.new_page().goto(base + story.get_url()).status == 404
    context.close()

    # 4. Its time comes: the scheduler routine publishes it; it is everywhere.
    backdate(story)
    assert publish_due().published == [f"articlepage:{story.pk}"]
    story.refresh_from_db()
    assert story.live
    context = browser.new_context()
    reader = context.new_page()
    assert reader.goto(base + story.get_url()).status == 200
    assert reader.locator(".story__headline").inner_text().strip() == HEADLINE
    reader.screenshot(path=str(artifacts / "newsroom-released.png"), full_page=True)
    context.close()
    after = reader_sees(browser, base, channels)
    missing = [k for k, v in after.items() if not v and k != "/sitemap.xml"]
    assert not missing, after
