"""Review workflow, scheduling and the audit log: reporter → section editor → published."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from akhbar.newsroom.models import ArticlePage
from akhbar.newsroom.scheduler import backdate, publish_due, publish_due_task

pytestmark = pytest.mark.django_db


def submit(page: ArticlePage, user) -> WorkflowState:
    workflow = page.get_workflow()
    assert workflow is not None, "the section has no review workflow"
    return workflow.start(page, user)


def current_task(page: ArticlePage) -> TaskState:
    page.refresh_from_db()
    return page.current_workflow_task_state.specific


def test_reporter_submits_and_section_editor_approves_with_comment(staff, politics, write, client):
    draft = write(politics, "بلدیاتی انتخابات کی تاریخ کا اعلان", staff["reporter"], publish=False)
    submit(draft, staff["reporter"])
    state = current_task(draft)
    task = state.task.specific
    assert task.get_actions(draft, staff["reporter"]) == []
    assert task.get_actions(draft, staff["chief"])  # chief may approve anywhere
    assert [a[0] for a in task.get_actions(draft, staff["editor"])][:2] == ["reject", "approve"]

    # The editor's dashboard lists what waits for them; the reporter's, what they sent.
    client.force_login(staff["editor"])
    assert "بلدیاتی انتخابات" in client.get("/admin/").content.decode()
    client.force_login(staff["reporter"])
    assert "بلدیاتی انتخابات" in client.get("/admin/").content.decode()

    task.on_action(state, staff["editor"], "approve", comment="سرخی درست ہے، شائع کریں")
    draft.refresh_from_db()
    assert draft.live
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_APPROVED
    assert state.comment == "سرخی درست ہے، شائع کریں"


def test_editor_of_another_section_cannot_approve(staff, sport, write):
    draft = write(sport, "ہاکی فائنل آج کھیلا جائے گا", staff["reporter"], publish=False)
    submit(draft, staff["reporter"])
    state = current_task(draft)
    assert state.task.specific.get_actions(draft, staff["editor"]) == []


def test_changes_requested_goes_back_to_the_reporter(staff, politics, write):
    draft = write(politics, "نئی خبر برائے نظرثانی", staff["reporter"], publish=False)
    submit(draft, staff["reporter"])
    state = current_task(draft)
    state.task.specific.on_action(state, staff["editor"], "reject", comment="ذرائع شامل کریں")
    draft.refresh_from_db()
    assert not draft.live
    assert draft.workflow_states.get().status == WorkflowState.STATUS_NEEDS_CHANGES
    assert draft.permissions_for_user(staff["reporter"]).can_edit()


def test_approved_story_with_a_go_live_time_waits_for_it(staff, politics, write):
    draft = write(politics, "بجٹ اجلاس کی تاریخ", staff["reporter"], publish=False)
    when = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    draft.go_live_at = when
    draft.save_revision(user=staff["editor"])
    submit(draft, staff["reporter"])
    state = current_task(draft)
    state.task.specific.on_action(state, staff["editor"], "approve")
    draft.refresh_from_db()
    assert not draft.live
    assert draft.get_latest_revision().approved_go_live_at == when
    assert publish_due().published == []
    assert not ArticlePage.objects.get(pk=draft.pk).live

    backdate(draft)
    assert publish_due().published == [f"articlepage:{draft.pk}"]
    draft.refresh_from_db()
    assert draft.live


def test_scheduler_task_publishes_due_stories(politics, write):
    page = write(politics, "مقررہ وقت کی خبر", publish=False)
    page.go_live_at = timezone.now() + timedelta(seconds=1)
    revision = page.save_revision()
    revision.publish()
    assert not ArticlePage.objects.get(pk=page.pk).live
    backdate(page)
    result = publish_due_task.enqueue()  # immediate backend in tests: runs now
    assert result.return_value["published"] == [f"articlepage:{page.pk}"]
    assert ArticlePage.objects.get(pk=page.pk).live


def test_expired_stories_come_down(politics, write):
    page = write(politics, "محدود مدت کی خبر")
    page.expire_at = timezone.now() - timedelta(minutes=1)
    page.save()
    assert publish_due().expired == [f"articlepage:{page.pk}"]
    assert not ArticlePage.objects.get(pk=page.pk).live


def actions(page) -> list[str]:
    return list(
        PageLogEntry.objects.filter(page=page)
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def test_publish_schedule_unschedule_unpublish_are_in_the_audit_log(staff, politics, write):
    page = write(politics, "آڈٹ لاگ کی خبر", staff["reporter"], publish=False)
    page.go_live_at = timezone.now() + timedelta(hours=1)
    revision = page.save_revision(user=staff["editor"], log_action=True)
    revision.publish(user=staff["editor"])
    assert actions(page)[-1] == "wagtail.publish.schedule"

    # The chief changes the embargo: the old schedule is cancelled, the new one logged.
    page = ArticlePage.objects.get(pk=page.pk)
    page.go_live_at = timezone.now() - timedelta(seconds=1)
    page.save_revision(user=staff["chief"], log_action=True).publish(user=staff["chief"])
    page.refresh_from_db()
    assert page.live
    page.unpublish(user=staff["chief"], log_action=True)
    log = actions(page)
    assert "wagtail.publish" in log and "wagtail.unpublish" in log, log
    assert log.index("wagtail.publish") < log.index("wagtail.unpublish")
    users = set(PageLogEntry.objects.filter(page=page).values_list("user__username", flat=True))
    assert {"editor", "chief"} <= users


def test_scheduled_publication_is_logged_as_scheduled(politics, write):
    page = write(politics, "شیڈول شدہ اشاعت", publish=False)
    page.go_live_at = timezone.now() + timedelta(minutes=5)
    page.save_revision().publish()
    backdate(page)
    publish_due()
    assert actions(page)[-2:] == ["wagtail.publish.schedule", "wagtail.publish.scheduled"]


def test_embargo_changes_and_cancellation_are_logged(staff, politics, write, client):
    page = write(politics, "پابندی والی خبر", staff["reporter"], publish=False)
    first = (timezone.now() + timedelta(hours=1)).replace(microsecond=0)
    later = first + timedelta(hours=1)
    for when in (first, later):
        page = ArticlePage.objects.get(pk=page.pk)
        page.go_live_at = when
        page.save_revision(user=staff["chief"], log_action=True).publish(user=staff["chief"])
    entries = PageLogEntry.objects.filter(page=page, action="wagtail.publish.schedule")
    times = [e.data["revision"]["go_live_at"] for e in entries.order_by("timestamp", "pk")]
    assert [t[:19] for t in times] == [first.isoformat()[:19], later.isoformat()[:19]]

    revision = page.get_latest_revision()
    client.force_login(staff["chief"])
    url = f"/admin/pages/{page.pk}/revisions/{revision.pk}/unschedule/"
    assert client.post(url).status_code == 302
    assert actions(page)[-1] == "wagtail.schedule.cancel"
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None


def test_reporter_cannot_cancel_an_embargo(staff, politics, write, client):
    page = write(politics, "رپورٹر اور پابندی", staff["reporter"], publish=False)
    page.go_live_at = timezone.now() + timedelta(hours=1)
    page.save_revision(user=staff["chief"]).publish(user=staff["chief"])
    revision = page.get_latest_revision()
    client.force_login(staff["reporter"])
    client.post(f"/admin/pages/{page.pk}/revisions/{revision.pk}/unschedule/")
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None
