"""Newsroom fixtures: the roles as `akhbar init` makes them and one user per role."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from akhbar.newsroom.models import ArticlePage, SectionPage
from akhbar.newsroom.roles import (
    ADMINISTRATORS,
    CHIEF_EDITORS,
    REPORTERS,
    ensure_roles,
    grant_sections,
)

PASSWORD = "Qalam-o-Dawat-2025!"  # noqa: S105 - a test login


@pytest.fixture
def password() -> str:
    """Every test user's password."""
    return PASSWORD


@pytest.fixture
def roles(edition):
    return ensure_roles(edition)


def section(edition, slug: str) -> SectionPage:
    return SectionPage.objects.child_of(edition).get(slug=slug)


@pytest.fixture
def politics(edition) -> SectionPage:
    return section(edition, "siyasat")


@pytest.fixture
def sport(edition) -> SectionPage:
    return section(edition, "khel")


def make_user(username: str, *groups: str, superuser: bool = False):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", PASSWORD, is_superuser=superuser
    )
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


@pytest.fixture
def staff(edition, roles):
    """reporter, editor (سیاست only), chief editor, administrator, and a user with no role."""
    editor = make_user("editor")
    grant_sections(editor, [section(edition, "siyasat")])
    return {
        "reporter": make_user("reporter", REPORTERS),
        "editor": editor,
        "chief": make_user("chief", CHIEF_EDITORS),
        "admin": make_user("admin", ADMINISTRATORS),
        "nobody": make_user("nobody"),
    }


@pytest.fixture
def write():
    """A factory: a story under a section, owned by `owner`, published or left a draft."""
    return write_story


def write_story(parent: SectionPage, headline: str, owner=None, publish: bool = True):
    page = ArticlePage(
        headline=headline,
        standfirst="مختصر خلاصہ",
        body=[("paragraph", "<p>یہ ایک آزمائشی خبر کا متن ہے۔</p>")],
        live=False,
        owner=owner,
    )
    parent.add_child(instance=page)
    revision = page.save_revision(user=owner)
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page
