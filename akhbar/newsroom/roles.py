"""Newsroom roles as Wagtail groups, page permissions and review workflows.

Who may do what, in Wagtail's own terms so the admin enforces it everywhere:

- reporter: `add` on the edition — writes stories in any section and edits their own
  drafts; submits them for review; cannot publish.
- section editor: `add`, `change`, `publish`, `lock` on the sections they are given (one
  group per section, see `grant_sections`); approves the review of that section's
  stories, publishes and schedules them.
- chief editor: `add`, `change`, `publish`, `lock`, `unlock`, `bulk_delete` on the whole
  edition; approves anything; the only role that takes a published story down.
- administrator: every permission, on the whole tree.

Wagtail lets `publish` imply unpublish and `change` imply delete. A newsroom keeps
retraction (unpublish or delete of a published story) and changes to the sections
themselves to the chief editor, so `NewsroomPermissionTester` narrows those two rights
to holders of `unlock` ("override anyone's work"), a right only the chief editor and
the administrator hold. Pages use it through `permissions_for_user`, which is what every
admin view asks.

Each section has its own review workflow whose approval task belongs to that section's
editors and the chief editor, so an editor approves only in their sections; the
edition's workflow (chief editor) covers sections created later by wire import.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PagePermissionTester,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

REPORTERS = "Reporters"
EDITORS = "Section editors"
CHIEF_EDITORS = "Chief editors"
ADMINISTRATORS = "Administrators"
ROLES = (REPORTERS, EDITORS, CHIEF_EDITORS, ADMINISTRATORS)

# The page-permission right that marks "may override anyone": the chief's and admin's.
CHIEF_RIGHT = "unlock"

PAGE_RIGHTS = {
    REPORTERS: ("add",),
    "section": ("add", "change", "publish", "lock"),
    CHIEF_EDITORS: ("add", "change", "publish", "lock", "unlock", "bulk_delete"),
    ADMINISTRATORS: ("add", "change", "publish", "lock", "unlock", "bulk_delete"),
}
IMAGE_RIGHTS = {
    REPORTERS: ("add_image", "choose_image"),
    EDITORS: ("add_image", "change_image", "choose_image"),
    CHIEF_EDITORS: ("add_image", "change_image", "delete_image", "choose_image"),
}
MODEL_RIGHTS = {
    REPORTERS: ("wagtailadmin.access_admin",),
    EDITORS: (
        "wagtailadmin.access_admin",
        "newsroom.add_author",
        "newsroom.change_author",
        "newsroom.add_agency",
        "newsroom.change_agency",
    ),
    CHIEF_EDITORS: (
        "wagtailadmin.access_admin",
        "newsroom.add_author",
        "newsroom.change_author",
        "newsroom.delete_author",
        "newsroom.add_agency",
        "newsroom.change_agency",
        "newsroom.delete_agency",
    ),
}


class NewsroomPermissionTester(PagePermissionTester):
    """Wagtail's tester, with retraction and section/edition changes kept to the chief."""

    def _is_chief(self) -> bool:
        return self.user.is_superuser or CHIEF_RIGHT in getattr(self, "permissions", set())

    def _is_container(self) -> bool:
        from akhbar.newsroom.models import ArticlePage

        return not issubclass(self.page.specific_class or Page, ArticlePage)

    def can_edit(self) -> bool:
        if self._is_container() and not self._is_chief():
            return False
        return super().can_edit()

    def can_unpublish(self) -> bool:
        return super().can_unpublish() and self._is_chief()

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        if (self.page.live or self._is_container()) and not self._is_chief():
            return False
        return super().can_delete(ignore_bulk=ignore_bulk)

    def can_publish(self) -> bool:
        if self._is_container() and not self._is_chief():
            return False
        return super().can_publish()

    def can_lock(self) -> bool:
        if self._is_container() and not self._is_chief():
            return False
        return super().can_lock()

    def can_move(self) -> bool:
        # Moving a story between sections or editions changes its URL: chief's call.
        return self._is_chief() and super().can_move()


def _perms(names: Iterable[str]) -> list[Permission]:
    out = []
    for name in names:
        app, codename = name.split(".")
        out.append(Permission.objects.get(content_type__app_label=app, codename=codename))
    return out


def _page_perm(right: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{right}_page")


def _grant_pages(group: Group, page: Page, rights: Iterable[str]) -> None:
    for right in rights:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_page_perm(right)
        )


def _grant_images(group: Group, rights: Iterable[str]) -> None:
    root = Collection.get_first_root_node()
    for codename in rights:
        perm = Permission.objects.get(content_type__app_label="wagtailimages", codename=codename)
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=perm
        )


def section_group_name(section: Page) -> str:
    """The group of a section's editors, e.g. 'Section editors · ur/khel'."""
    return f"{EDITORS} · {section.locale.language_code}/{section.slug}"[:150]


def _review_workflow(name: str, page: Page, groups: list[Group]) -> Workflow:
    """A one-step review (group approval) assigned to `page` and everything below it."""
    workflow, _ = Workflow.objects.get_or_create(name=f"Review · {name}"[:255])
    task = GroupApprovalTask.objects.filter(name=f"Approval · {name}"[:255]).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=f"Approval · {name}"[:255])
    task.groups.add(*groups)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def section_editors(section: Page) -> Group:
    """The group editing and approving one section, with its review workflow (idempotent)."""
    group, _ = Group.objects.get_or_create(name=section_group_name(section))
    _grant_pages(group, section, PAGE_RIGHTS["section"])
    chief = Group.objects.get(name=CHIEF_EDITORS)
    _review_workflow(f"{section.locale.language_code}/{section.slug}", section, [group, chief])
    return group


@transaction.atomic
def ensure_roles(edition: Page) -> dict[str, Group]:
    """Create or complete the four role groups and the review workflows (idempotent)."""
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}
    for name, rights in MODEL_RIGHTS.items():
        groups[name].permissions.add(*_perms(rights))
    for name, rights in IMAGE_RIGHTS.items():
        _grant_images(groups[name], rights)
    _grant_pages(groups[REPORTERS], edition, PAGE_RIGHTS[REPORTERS])
    _grant_pages(groups[CHIEF_EDITORS], edition, PAGE_RIGHTS[CHIEF_EDITORS])
    admin = groups[ADMINISTRATORS]
    admin.permissions.add(*Permission.objects.all())
    _grant_pages(admin, Page.get_first_root_node(), PAGE_RIGHTS[ADMINISTRATORS])
    _grant_images(admin, ("add_image", "change_image", "delete_image", "choose_image"))
    _review_workflow(edition.locale.language_code, edition, [groups[CHIEF_EDITORS]])
    for section in edition.get_children().specific():
        section_editors(section)
    return groups


@transaction.atomic
def grant_sections(user, sections: Iterable[Page]) -> list[Group]:
    """Make `user` an editor of `sections` (adds the editor role and each section's group)."""
    user.groups.add(Group.objects.get(name=EDITORS))
    added = [section_editors(section) for section in sections]
    user.groups.add(*added)
    return added


def revoke_sections(user, sections: Iterable[Page]) -> None:
    """Take sections away from an editor (their other sections stay)."""
    user.groups.remove(*Group.objects.filter(name__in=[section_group_name(s) for s in sections]))
