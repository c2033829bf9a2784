"""Stories for distribution tests, made directly in the newsroom (not through the wire).

`newsroom` gives the Urdu edition with a mix that every output must sort out: live stories
(one with a picture, bylines, tags, a quote and a hostile headline), a draft, an
unpublished story, a story scheduled for later and one behind a privacy restriction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from akhbar.newsroom.models import ArticlePage, SectionPage
from tests.distribution.builders import HOSTILE, make_story, picture


@dataclass
class Newsroom:
    """The edition and the stories a test checks outputs against."""

    edition: object
    sections: dict[str, SectionPage]
    live: list[ArticlePage] = field(default_factory=list)
    hidden: list[ArticlePage] = field(default_factory=list)

    @property
    def featured(self) -> ArticlePage:
        return self.live[0]


@pytest.fixture
def newsroom(edition) -> Newsroom:
    sections = {s.slug: s for s in SectionPage.objects.child_of(edition)}
    now = timezone.now()
    room = Newsroom(edition=edition, sections=sections)
    room.live.append(
        make_story(
            sections["maeeshat"], HOSTILE, published=now - timedelta(hours=2),
            image=picture(), authors=("نمائندہ خصوصی",), agencies=("APP",),
            tags=("کراچی", "بندرگاہ"),
        )
    )
    room.live.append(
        make_story(sections["siyasat"], "اسمبلی کا اجلاس کل تک ملتوی",
                   published=now - timedelta(hours=30), agencies=("Reuters",))
    )
    room.live.append(
        make_story(sections["khel"], "قومی ٹیم کا اعلان ہفتے کو ہو گا",
                   published=now - timedelta(days=5))
    )
    draft = make_story(sections["siyasat"], "مسودہ: ابھی شائع نہیں ہوا", live=False)
    gone = make_story(sections["siyasat"], "واپس لی گئی خبر", published=now - timedelta(hours=1))
    gone.unpublish()
    later = make_story(sections["khel"], "کل صبح شائع ہونے والی خبر", live=False)
    later.go_live_at = now + timedelta(days=1)
    later.save_revision().publish()
    private = make_story(sections["sehat"], "صرف عملے کے لیے خبر",
                         published=now - timedelta(hours=3))
    PageViewRestriction.objects.create(page=private, restriction_type="password",
                                       password="x")  # noqa: S106
    room.hidden = [draft, gone, later, private]
    return room
