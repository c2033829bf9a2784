"""Roles: every role × action, asked the way the admin asks (page.permissions_for_user)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

from akhbar.newsroom.roles import (
    CHIEF_EDITORS,
    ROLES,
    ensure_roles,
    grant_sections,
    revoke_sections,
    section_group_name,
)

pytestmark = pytest.mark.django_db

ACTIONS = ("add", "edit", "publish", "unpublish", "delete", "schedule")

# Where: "politics" = a live story in the editor's section, "sport" = a live story in a
# section the editor was not given, "own draft" = the reporter's unpublished story.
# For "add" the target is the section itself.
MATRIX = {
    #                add    edit   publish unpub  delete schedule
    ("reporter", "politics"): (1, 0, 0, 0, 0, 0),
    ("reporter", "sport"): (1, 0, 0, 0, 0, 0),
    ("reporter", "own draft"): (1, 1, 0, 0, 1, 0),
    ("editor", "politics"): (1, 1, 1, 0, 0, 1),
    ("editor", "sport"): (0, 0, 0, 0, 0, 0),
    ("editor", "own draft"): (1, 1, 1, 0, 1, 1),
    ("chief", "politics"): (1, 1, 1, 1, 1, 1),
    ("chief", "sport"): (1, 1, 1, 1, 1, 1),
    ("chief", "own draft"): (1, 1, 1, 0, 1, 1),  # a draft is not live: nothing to unpublish
    ("admin", "politics"): (1, 1, 1, 1, 1, 1),
    ("admin", "sport"): (1, 1, 1, 1, 1, 1),
    ("admin", "own draft"): (1, 1, 1, 0, 1, 1),
    ("nobody", "politics"): (0, 0, 0, 0, 0, 0),
    ("nobody", "sport"): (0, 0, 0, 0, 0, 0),
    ("nobody", "own draft"): (0, 0, 0, 0, 0, 0),
}


def allowed(page, section, user, action: str) -> bool:
    user = get_user_model().objects.get(pk=user.pk)  # empty permission cache
    perms = page.specific.permissions_for_user(user)
    if action == "add":
        return section.specific.permissions_for_user(user).can_add_subpage()
    if action == "schedule":
        # Setting a go-live time takes effect only for a user who may publish.
        return perms.can_publish() and perms.can_unschedule()
    return {
        "edit": perms.can_edit,
        "publish": perms.can_publish,
        "unpublish": perms.can_unpublish,
        "delete": perms.can_delete,
    }[action]()


@pytest.mark.parametrize(("role", "where"), list(MATRIX))
def test_permission_matrix(staff, politics, sport, write, role, where):
    if where == "own draft":
        page = write(politics, "مسودہ خبر", owner=staff["reporter"], publish=False)
        section = politics
    else:
        section = politics if where == "politics" else sport
        page = write(section, f"شائع شدہ خبر {where}")
    got = tuple(int(allowed(page, section, staff[role], a)) for a in ACTIONS)
    assert got == MATRIX[(role, where)], dict(zip(ACTIONS, got, strict=True))


@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_only_the_chief_changes_sections_and_the_edition(staff, edition, politics, role):
    for page in (politics, edition):
        perms = page.permissions_for_user(staff[role])
        assert not perms.can_edit() and not perms.can_delete() and not perms.can_unpublish()
    chief = politics.permissions_for_user(staff["chief"])
    assert chief.can_edit() and chief.can_publish()


def test_inactive_users_can_do_nothing(staff, politics, write):
    page = write(politics, "کوئی خبر")
    staff["chief"].is_active = False
    staff["chief"].save()
    assert not any(allowed(page, politics, staff["chief"], a) for a in ACTIONS)


def test_ensure_roles_is_idempotent(edition):
    ensure_roles(edition)
    counts = (Group.objects.count(), GroupPagePermission.objects.count(), Workflow.objects.count())
    ensure_roles(edition)
    assert (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
    ) == counts
    assert set(ROLES) <= set(Group.objects.values_list("name", flat=True))


def test_each_section_has_its_own_review(edition, roles, politics, sport):
    for section in (politics, sport):
        workflow = WorkflowPage.objects.get(page=section).workflow
        (task,) = [t.specific for t in workflow.tasks.all()]
        names = set(task.groups.values_list("name", flat=True))
        assert names == {section_group_name(section), CHIEF_EDITORS}
    assert WorkflowPage.objects.get(page=edition).workflow.active


def test_grant_and_revoke_sections(staff, politics, sport, write):
    editor = staff["editor"]
    story = write(sport, "کھیل کی خبر")
    assert not story.permissions_for_user(editor).can_publish()
    grant_sections(editor, [sport])
    assert story.permissions_for_user(get_user_model().objects.get(pk=editor.pk)).can_publish()
    revoke_sections(editor, [sport])
    editor = get_user_model().objects.get(pk=editor.pk)
    assert not story.permissions_for_user(editor).can_publish()
    assert write(politics, "سیاسی خبر").permissions_for_user(editor).can_publish()


def test_grant_creates_group_for_a_new_section(staff, edition, write):
    from akhbar.newsroom.editions import section_for

    new = section_for(edition, "تعلیم", "05000000")
    grant_sections(staff["editor"], [new])
    assert Group.objects.filter(name=section_group_name(new)).exists()
    assert WorkflowPage.objects.filter(page=new).exists()
