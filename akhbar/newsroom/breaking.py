"""Breaking news: which stories put up the banner on their edition's home page, and when
an editor's publish marks a story as updated.

A story flagged `is_breaking` shows in the banner while it is live and until
`breaking_until` (or, when no end was set, six hours after it last went live), so a
banner nobody takes down still comes down by itself.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from akhbar.newsroom.models import ArticlePage, EditionPage
from akhbar.newsroom.models.article import BREAKING_DEFAULT

BANNER_SIZE = 3


def breaking_stories(edition: EditionPage, now=None) -> list[ArticlePage]:
    """Live, public breaking stories of an edition whose banner has not expired, newest first."""
    now = now or timezone.now()
    current = Q(breaking_until__gt=now) | Q(
        breaking_until__isnull=True, last_published_at__gt=now - BREAKING_DEFAULT
    )
    qs = (
        ArticlePage.objects.live()
        .public()
        .descendant_of(edition)
        .filter(current, is_breaking=True)
        .order_by("-last_published_at", "-pk")
        .only("id", "path", "depth", "url_path", "slug", "title", "headline", "locale_id")
    )
    return list(qs[:BANNER_SIZE])


def mark_updated(sender, instance, revision=None, **kwargs) -> None:
    """`page_published` receiver: a person re-publishing a story stamps `updated_at`.

    Imports and the scheduler publish without a user and bring their own times (the
    agency's version time), so only publishes by a person count as an editorial update.
    """
    if not isinstance(instance, ArticlePage) or revision is None:
        return
    user_id = revision.user_id
    if user_id is None or instance.first_published_at is None:
        return
    when = instance.last_published_at or timezone.now()
    ArticlePage.objects.filter(pk=instance.pk).update(updated_at=when)
    instance.updated_at = when
