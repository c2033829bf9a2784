"""Origin speed: an article page with every part renders in at most five SQL queries.

The story has a lead picture with caption and credit, two agencies, an author, tags, a
correction, a stored Discover list and ready audio; an anonymous reader asks for it.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

MAX_QUERIES = 5

pytestmark = pytest.mark.django_db


def render(client, page) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in ctx.captured_queries]


def test_article_page_with_every_part_in_five_queries(client, full_story):
    page, rec = full_story
    cache.clear()
    render(client, page)  # the first reader warms the site's caches (site roots, renditions)
    html, queries = render(client, page)
    # Every part is on the page, so the count is not low because something went missing.
    assert page.headline in html
    assert "story__caption" in html and "story__credit" in html
    assert "نامہ نگار خصوصی" in html and "اے پی پی" in html
    assert "گوادر" in html and "پانی" in html
    assert "تصحیح" in html
    assert 'class="discover"' in html
    assert 'class="listen__audio"' in html and f"/listen/{page.pk}." in html
    assert len(queries) <= MAX_QUERIES, "\n".join(queries)


def test_first_reader_sees_the_same_page(client, full_story):
    """The cold request (empty caches) builds the same parts the warm one reuses."""
    page, _ = full_story
    cache.clear()
    cold, cold_queries = render(client, page)
    warm, _ = render(client, page)
    assert cold == warm
    assert len(cold_queries) > MAX_QUERIES  # the caches really carry the difference


def test_a_new_byline_shows_after_publishing(client, full_story):
    from akhbar.newsroom.models import ArticlePage, Author

    page, _ = full_story
    render(client, page)
    page = ArticlePage.objects.get(pk=page.pk)
    page.authors.add(Author.objects.create(name="کراچی ڈیسک"))
    page.tags.remove("پانی")
    page.save_revision().publish()
    html, _ = render(client, page)
    assert "کراچی ڈیسک" in html and "پانی</bdi>" not in html


def test_private_story_stays_private_on_the_fast_route(client, full_story):
    """The one-query route still honours a restriction on the story or its section."""
    from wagtail.models import PageViewRestriction

    page, _ = full_story
    render(client, page)
    for protected in (page, page.get_parent()):
        restriction = PageViewRestriction.objects.create(
            page=protected, restriction_type=PageViewRestriction.PASSWORD, password="x"  # noqa: S106
        )
        response = client.get(page.url)
        assert response.status_code == 200 and page.headline not in response.content.decode()
        restriction.delete()
    assert page.headline in client.get(page.url).content.decode()


def test_unpublished_story_is_gone_on_the_fast_route(client, full_story):
    page, _ = full_story
    url = page.url
    render(client, page)
    page.unpublish()
    assert client.get(url).status_code == 404


def test_story_cards_with_pictures_cost_no_query_each(client, full_story, edition):
    """A new story whose Discover list is not computed yet lists the newest stories, the
    pictured Gwadar story among them: card pictures must not cost a query each."""
    from akhbar.discover.models import DiscoverEntry
    from akhbar.newsroom.models import ArticlePage, SectionPage

    section = SectionPage.objects.child_of(edition).first()
    page = ArticlePage(headline="بلتستان میں شمسی توانائی کا منصوبہ مکمل",
                       body=[("paragraph", "<p>سکردو کے قریب منصوبہ مکمل ہو گیا۔</p>")])
    section.add_child(instance=page)
    page.save_revision().publish()
    DiscoverEntry.objects.filter(article_id=page.pk).delete()
    render(client, page)
    html, queries = render(client, page)
    assert full_story[0].headline in html  # the pictured story's card
    assert len(queries) <= MAX_QUERIES, "\n".join(queries)
