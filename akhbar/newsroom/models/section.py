"""A section of an edition (سیاست, کھیل …), tied to an IPTC media topic for wire import."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from akhbar.newsroom.adminforms import NewsroomPageForm

SECTION_PAGE_SIZE = 20


class SectionPage(Page):
    """A section: lists its stories newest first, a page at a time."""

    description = models.TextField(blank=True)
    iptc_code = models.CharField(
        max_length=16,
        blank=True,
        db_index=True,
        help_text=_("IPTC media topic code (e.g. 11000000 for politics) that wire copy maps to."),
    )
    order = models.PositiveSmallIntegerField(default=100, help_text=_("Position in navigation."))

    content_panels = [
        *Page.content_panels,
        FieldPanel("description"),
        FieldPanel("iptc_code"),
        FieldPanel("order"),
    ]
    subpage_types = ["newsroom.ArticlePage"]
    base_form_class = NewsroomPageForm
    parent_page_types = ["newsroom.EditionPage"]

    class Meta:
        verbose_name = _("section")

    def stories(self):
        from akhbar.newsroom.models.article import ArticlePage

        return ArticlePage.objects.live().public().child_of(self).newest_first()

    def permissions_for_user(self, user):
        from akhbar.newsroom.roles import NewsroomPermissionTester

        return NewsroomPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        from akhbar.newsroom.front import apply_hooks, decorate, edition_of, sections

        context = super().get_context(request, *args, **kwargs)
        edition = edition_of(self)
        paginator = Paginator(self.stories().for_listing(), SECTION_PAGE_SIZE)
        stories_page = paginator.get_page(request.GET.get("page"))
        stories_page.object_list = decorate(
            list(stories_page.object_list), edition.language, edition.numerals
        )
        context.update(
            edition=edition,
            language=edition.language,
            stories_page=stories_page,
            nav_sections=sections(edition),
        )
        return apply_hooks(self, context, "akhbar_page_context")


def section_of_parent(parent: Page | None) -> int | None:
    """The section a story under `parent` belongs to: the parent if it is a section."""
    if parent is None:
        return None
    model = parent.specific_class
    return parent.pk if model is not None and issubclass(model, SectionPage) else None
