"""Discover in Wagtail: the article page's list (hook) and editors' pins and exclusions.

`akhbar_article_context` (run by akhbar.newsroom.front.apply_hooks) replaces the
newsroom's naive newest-stories list with the stored Discover list, read in one query.
"""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from akhbar.discover.models import DiscoverEntry, DiscoverOverride
from akhbar.discover.reader import discover_stories
from akhbar.newsroom.front import decorate


@hooks.register("akhbar_article_context")
def discover_context(article, context: dict) -> dict:
    """The article's Discover list, with the card labels the template shows.

    Lazy: the cards are a fragment kept per publish (`{% part %}`), and while it is kept
    the list is never read.
    """
    edition = context.get("edition")
    language, numerals = context.get("language", "ur"), context.get("numerals", "ascii")
    return {"discover": SimpleLazyObject(
        lambda: decorate(discover_stories(article, edition), language, numerals)
    )}


class DiscoverOverrideViewSet(SnippetViewSet):
    """Pin or exclude a story under one article (Snippets → Discover choices)."""

    model = DiscoverOverride
    menu_label = "Discover choices"
    icon = "pick"
    list_display = ["article", "action", "story", "position"]
    list_filter = ["action"]


register_snippet(DiscoverOverrideViewSet)


class DiscoverEntryViewSet(SnippetViewSet):
    """The stored lists with each story's reason, for editors to see why it was picked.

    Changing an entry here lasts until the list is next computed; pins and exclusions
    (Discover choices) are how editors change a list for good.
    """

    model = DiscoverEntry
    menu_label = "Discover lists"
    icon = "list-ol"
    list_display = ["article", "rank", "target", "reason", "score"]
    list_filter = ["reason"]
    inspect_view_enabled = True


register_snippet(DiscoverEntryViewSet)
