"""An edition: the home page of the site in one language (Urdu first)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from akhbar.newsroom.adminforms import NewsroomPageForm

NUMERAL_CHOICES = [("ascii", "0–9"), ("urdu", "۰–۹"), ("arabic", "٠–٩")]


class EditionPage(Page):
    """Home of one language edition; its sections and stories live below it.

    The edition's language is its Wagtail locale, so translations of a story in other
    editions are linked by Wagtail's translation key.
    """

    tagline = models.CharField(max_length=255, blank=True)
    numerals = models.CharField(
        max_length=8,
        choices=NUMERAL_CHOICES,
        default="ascii",
        help_text=_("Digits used for dates, reading time and counts on this edition's pages."),
    )

    content_panels = [*Page.content_panels, FieldPanel("tagline"), FieldPanel("numerals")]
    subpage_types = ["newsroom.SectionPage"]
    base_form_class = NewsroomPageForm
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = None

    class Meta:
        verbose_name = _("edition")

    @property
    def language(self) -> str:
        return self.locale.language_code

    def permissions_for_user(self, user):
        from akhbar.newsroom.roles import NewsroomPermissionTester

        return NewsroomPermissionTester(user, self)

    def route(self, request, path_components):
        # A story (section/story) is found in one query instead of two per level.
        from akhbar.newsroom.front import route_story

        story = route_story(self, path_components)
        if story is not None and story.live:
            return story.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from akhbar.newsroom.front import apply_hooks, edition_front

        context = super().get_context(request, *args, **kwargs)
        context.update(edition_front(self))
        return apply_hooks(self, context, "akhbar_page_context")
