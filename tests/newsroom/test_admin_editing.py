"""Editing Urdu in the admin: fields follow the content's language, not the admin's."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from akhbar.newsroom.adminforms import direction

pytestmark = pytest.mark.django_db


def field_tag(html: str, name: str) -> str:
    match = re.search(rf'<(?:textarea|input)[^>]*name="{name}"[^>]*>', html)
    assert match, f"no field {name}"
    return match.group(0)


def test_urdu_story_fields_are_rtl_in_an_english_admin(staff, politics, write, client):
    page = write(politics, "اردو سرخی")
    from wagtail.users.models import UserProfile

    user = staff["editor"]
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert '<html lang="en" dir="ltr"' in html or 'dir="ltr"' in html.split(">", 2)[1]
    for name in ("headline", "standfirst", "correction_note", "slug"):
        tag = field_tag(html, name)
        assert 'dir="rtl"' in tag and 'lang="ur"' in tag, tag
    assert 'dir="rtl"' not in field_tag(html, "go_live_at")
    assert "newsroom/admin/content-direction.css" in html
    assert "newsroom/admin/content-direction.js" in html


def test_new_story_form_takes_the_sections_language(staff, politics, client):
    client.force_login(staff["reporter"])
    html = client.get(f"/admin/pages/add/newsroom/articlepage/{politics.pk}/").content.decode()
    assert 'lang="ur"' in field_tag(html, "headline")


def test_english_edition_fields_stay_ltr(edition, client, django_user_model):
    from akhbar.newsroom.editions import ensure_edition, section_for

    english = ensure_edition("en")
    section = section_for(english, "World", "")
    root = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    client.force_login(root)
    html = client.get(f"/admin/pages/add/newsroom/articlepage/{section.pk}/").content.decode()
    tag = field_tag(html, "headline")
    assert 'dir="ltr"' in tag and 'lang="en"' in tag


def test_admin_in_urdu_uses_our_catalogue():
    from akhbar.newsroom.models import ArticlePage

    with translation.override("ur"):
        assert str(ArticlePage._meta.get_field("correction_note").verbose_name) == "تصحیح"


def test_compiled_catalogue_matches_its_source():
    """The committed .mo is the committed .po compiled (no gettext needed to check)."""
    from pathlib import Path

    from babel.messages.mofile import read_mo
    from babel.messages.pofile import read_po

    folder = Path(__file__).resolve().parents[2] / "akhbar/locale/ur/LC_MESSAGES"
    def key(m):  # plural messages carry a list of ids and strings in a .mo, a tuple in a .po
        return (m.context, tuple(m.id) if isinstance(m.id, list | tuple) else m.id)

    def text(m):
        return tuple(m.string) if isinstance(m.string, list | tuple) else m.string

    with open(folder / "django.po", "rb") as f:
        po = {key(m): text(m) for m in read_po(f) if m.id}
    with open(folder / "django.mo", "rb") as f:
        mo = {key(m): text(m) for m in read_mo(f) if m.id}
    assert po == mo
    assert all(po.values()), [k for k, v in po.items() if not v]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ur", "rtl"), ("ar", "rtl"), ("fa-IR", "rtl"), ("en", "ltr"), ("tr", "ltr"), ("", "ltr")],
)
def test_direction_by_language(language, expected):
    assert direction(language) == expected
