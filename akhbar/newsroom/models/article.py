"""The article: every part of a news story page, from section label to body.

The whole headline lives in `headline` (Urdu headlines run past Page.title's 255
characters); `title` and `slug` are derived from it on save so nothing is cut silently.
Word count and reading time are computed from the text on save, never typed.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from akhbar.newsroom.adminforms import NewsroomPageForm
from akhbar.newsroom.blocks import ArticleBodyBlock
from akhbar.newsroom.edition_settings import reading_minutes_for
from akhbar.text import slugify_headline, word_count

TITLE_MAX = 255
SLUG_BASE_MAX = 80
BREAKING_DEFAULT = timedelta(hours=6)


class ArticleTag(TaggedItemBase):
    """A tag on an article (a person, place or running story)."""

    content_object = ParentalKey(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticleQuerySet(PageQuerySet):
    """Article queries the site's lists share."""

    def newest_first(self) -> ArticleQuerySet:
        return self.order_by("-first_published_at", "-pk")

    def for_listing(self) -> ArticleQuerySet:
        """What a list of stories shows: headline, date, section, picture, reading time."""
        return self.select_related("section", "lead_image").only(
            "id",
            "path",
            "depth",
            "url_path",
            "slug",
            "title",
            "headline",
            "standfirst",
            "first_published_at",
            "reading_minutes",
            "locale_id",
            "live",
            "section__id",
            "section__title",
            "section__url_path",
            "section__slug",
            "section__path",
            "section__depth",
            "lead_image__id",
            "lead_image__file",
            "lead_image__width",
            "lead_image__height",
            "lead_image__alt_text",
            "lead_image__title",
            "lead_image__focal_point_x",
            "lead_image__focal_point_y",
            "lead_image__focal_point_width",
            "lead_image__focal_point_height",
            "lead_image__file_hash",  # renditions are looked up by it; deferred it costs a query
        )


ArticleManager = PageManager.from_queryset(ArticleQuerySet)


class ArticleForm(NewsroomPageForm):
    """Title and slug are derived from the headline, so the editor need not type them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("title", "slug"):
            if name in self.fields:
                self.fields[name].required = False


class ArticlePage(Page):
    """A news story with all the parts of the seed page."""

    headline = models.TextField(help_text=_("The whole headline; it may be long."))
    standfirst = models.TextField(
        blank=True, help_text=_("One or two sentences under the headline.")
    )
    lead_image = models.ForeignKey(
        "newsroom.NewsImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(ArticleBodyBlock(), blank=True)
    section = models.ForeignKey(
        "newsroom.SectionPage",
        null=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
    )
    agencies = ParentalManyToManyField("newsroom.Agency", blank=True, related_name="articles")
    authors = ParentalManyToManyField("newsroom.Author", blank=True, related_name="articles")
    tags = ClusterTaggableManager(through=ArticleTag, blank=True)
    uri = models.CharField(
        max_length=500,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_("The ninjs/NewsML uri this story was imported from."),
    )
    updated_at = models.DateTimeField(null=True, blank=True, editable=False)
    correction_note = models.TextField(
        _("correction note"),
        blank=True,
        help_text=_("Shown on the story: what was wrong and what was corrected."),
    )
    is_breaking = models.BooleanField(
        _("breaking news"),
        default=False,
        help_text=_("Show a breaking-news banner on the edition's home page."),
    )
    breaking_until = models.DateTimeField(
        _("breaking until"),
        null=True,
        blank=True,
        help_text=_("When the banner comes down; empty means six hours after going live."),
    )
    word_count = models.PositiveIntegerField(default=0, editable=False)
    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)

    objects = ArticleManager()

    content_panels = [
        FieldPanel("headline"),
        FieldPanel("standfirst"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("authors"), FieldPanel("agencies"), FieldPanel("tags")],
            heading=_("Bylines, sources and tags"),
        ),
        FieldPanel("correction_note"),
    ]
    promote_panels = [
        FieldPanel("slug"),
        FieldPanel("seo_title"),
        FieldPanel("search_description"),
        MultiFieldPanel(
            [FieldPanel("is_breaking"), FieldPanel("breaking_until")],
            heading=_("Breaking news"),
        ),
    ]
    base_form_class = ArticleForm
    parent_page_types = ["newsroom.SectionPage"]
    subpage_types: list[str] = []

    search_fields = [
        *Page.search_fields,
        index.SearchField("headline", boost=3),
        index.SearchField("standfirst", boost=2),
        index.SearchField("body_text"),
        index.FilterField("first_published_at"),
        index.FilterField("section"),
    ]

    class Meta:
        verbose_name = _("article")

    def __str__(self) -> str:
        return self.headline or self.title

    # -- derived parts ---------------------------------------------------------------

    def paragraphs(self) -> list[str]:
        """The body as plain-text paragraphs, in order (for counting, speech and search)."""
        out: list[str] = []
        for block in self.body:
            if block.block_type == "paragraph":
                out.append(" ".join(strip_tags(block.value.source).split()))
            elif block.block_type == "subhead":
                out.append(block.value)
            elif block.block_type == "quote":
                out.append(block.value["text"])
        return [p for p in out if p]

    def body_text(self) -> str:
        return "\n\n".join(self.paragraphs())

    @property
    def language(self) -> str:
        return self.locale.language_code if self.locale_id else "ur"

    @property
    def is_updated(self) -> bool:
        """Shown as 'updated' only when a later version changed it after first publication."""
        return bool(
            self.updated_at
            and self.first_published_at
            and (self.updated_at - self.first_published_at).total_seconds() > 300
        )

    def _derive(self) -> None:
        self.title = _cut(self.headline.strip(), TITLE_MAX) or self.title
        words = word_count(self.body_text())
        self.word_count = words
        self.reading_minutes = reading_minutes_for(words, self.language)  # edition's rate
        parent = self.get_parent() if self.path else None
        from akhbar.newsroom.models.section import section_of_parent

        section_id = section_of_parent(parent)
        if section_id is not None:
            self.section_id = section_id
        if not self.slug and parent is not None:
            self.slug = self._free_slug(parent)

    def _free_slug(self, parent: Page) -> str:
        base = slugify_headline(self.headline or self.title, max_length=SLUG_BASE_MAX)
        taken = set(
            parent.get_children()
            .exclude(pk=self.pk)
            .filter(slug__startswith=base)
            .values_list("slug", flat=True)
        )
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def full_clean(self, *args, **kwargs):
        self._derive()
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        self._derive()
        if self.live and self.first_published_at is None:
            self.first_published_at = timezone.now()
        return super().save(*args, **kwargs)

    def permissions_for_user(self, user):
        from akhbar.newsroom.roles import NewsroomPermissionTester

        return NewsroomPermissionTester(user, self)

    def breaking_ends(self):
        """When this story's breaking banner comes down (None when it is not breaking)."""
        if not self.is_breaking:
            return None
        if self.breaking_until:
            return self.breaking_until
        start = self.last_published_at or self.first_published_at
        return start + BREAKING_DEFAULT if start else None

    def get_view_restrictions(self):
        # Routing already asked whether any restriction covers this story (front.route_story).
        if getattr(self, "akhbar_restricted", True) or self.alias_of_id:
            return super().get_view_restrictions()
        return []

    def get_context(self, request, *args, **kwargs):
        from akhbar.newsroom.front import apply_hooks, article_parts

        context = super().get_context(request, *args, **kwargs)
        context.update(article_parts(self))
        return apply_hooks(self, context, "akhbar_article_context", "akhbar_page_context")


def _cut(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary with an ellipsis when needed."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1].rsplit(" ", 1)[0]
    return head + "…"
