"""Stored lists kept current by tasks on publish/unpublish, editors' choices, the page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail import hooks

from akhbar.discover import store, tasks
from akhbar.discover.models import DiscoverDoc, DiscoverEntry, DiscoverOverride, DiscoverTermStat
from akhbar.newsroom.front import bump_generation
from tests.discover.conftest import STORIES, add_story

pytestmark = pytest.mark.django_db


def listed(article) -> list[int]:
    return list(
        DiscoverEntry.objects.filter(article=article)
        .order_by("rank")
        .values_list("target_id", flat=True)
    )


def reasons(article) -> dict[int, str]:
    return dict(DiscoverEntry.objects.filter(article=article).values_list("target_id", "reason"))


def test_publishing_stores_the_list_through_the_task(stories):
    match, squad = stories["match"], stories["squad"]
    assert DiscoverDoc.objects.count() == 4
    assert listed(match)[0] == squad.pk
    assert reasons(match)[squad.pk] == "related"
    assert match.pk not in listed(match)


def test_a_new_story_enters_the_lists_it_belongs_in(edition, stories):
    squad = stories["squad"]
    # squad's list was computed before the match story existed; the publish let it in.
    assert stories["match"].pk in listed(squad)
    assert reasons(squad)[stories["match"].pk] == "related"


def test_unrelated_stories_are_fresh_not_related(stories):
    r = reasons(stories["match"])
    assert r.get(stories["flood"].pk) == "fresh"
    assert r.get(stories["budget"].pk) == "fresh"


def test_unpublished_story_leaves_every_list(stories):
    squad = stories["squad"]
    squad.unpublish()
    assert squad.pk not in DiscoverEntry.objects.values_list("target_id", flat=True)
    assert not DiscoverDoc.objects.filter(pk=squad.pk).exists()
    assert not DiscoverEntry.objects.filter(article=squad).exists()


def test_deleted_story_leaves_every_list_and_the_counts(stories):
    before = sum(DiscoverTermStat.objects.values_list("df", flat=True))
    stories["squad"].delete()
    assert not DiscoverEntry.objects.filter(target_id=stories["squad"].pk).exists()
    assert sum(DiscoverTermStat.objects.values_list("df", flat=True)) < before


def test_drafts_and_scheduled_stories_never_appear(edition, stories):
    draft = add_story(edition, "squad", hours_ago=0.5, live=False, body="ڈرافٹ " * 3)
    future = add_story(edition, "squad", hours_ago=0.1, live=False)
    future.go_live_at = timezone.now() + timedelta(days=1)
    future.save_revision().publish()  # scheduled: Wagtail keeps it off the site
    store.index_story(draft.pk)
    store.index_story(future.pk)
    shown = set(DiscoverEntry.objects.values_list("target_id", flat=True))
    assert not {draft.pk, future.pk} & shown
    assert not DiscoverDoc.objects.filter(pk__in=[draft.pk, future.pk]).exists()


def test_editor_pins_and_excludes(stories):
    match, squad, budget = stories["match"], stories["squad"], stories["budget"]
    DiscoverOverride.objects.create(article=match, story=budget, action="pin")
    DiscoverOverride.objects.create(article=match, story=squad, action="exclude")
    assert listed(match)[0] == budget.pk
    assert reasons(match)[budget.pk] == "pinned"
    assert squad.pk not in listed(match)
    DiscoverOverride.objects.filter(article=match, story=squad).delete()
    assert squad.pk in listed(match)


def test_excluded_story_does_not_enter_by_spreading(edition, stories):
    squad = stories["squad"]
    DiscoverOverride.objects.create(article=squad, story=stories["match"], action="exclude")
    tasks.story_published.enqueue(stories["match"].pk)  # a republish re-spreads
    assert stories["match"].pk not in listed(squad)


def test_rewrite_is_one_story(edition, stories):
    _, headline, text = STORIES["match"]
    rewrite = add_story(
        edition, "match", hours_ago=1, body=text.replace("کپتان نے کہا", "کپتان بولے")
    )
    assert DiscoverDoc.objects.get(pk=rewrite.pk).cluster == stories["match"].pk
    assert stories["match"].pk not in listed(rewrite)
    assert rewrite.pk not in listed(stories["match"])
    assert not ({rewrite.pk, stories["match"].pk} <= set(listed(stories["squad"])))


def test_partly_derived_story_lists_its_original_but_does_not_enter_its_list(edition, stories):
    match = stories["match"]
    first_sentence = STORIES["match"][2].split("۔")[0]
    partly = add_story(
        edition,
        "match",
        hours_ago=1,
        body=first_sentence + "۔ میچ کے بعد شائقین نے مال روڈ پر ڈھول بجا کر جشن منایا اور رات "
        "گئے تک سڑکوں پر رونق رہی۔ ٹکٹوں کی فروخت سے کرکٹ بورڈ کو ریکارڈ آمدنی ہوئی جبکہ "
        "سکیورٹی کے لیے پانچ ہزار اہلکار تعینات کیے گئے تھے۔",
    )
    assert DiscoverDoc.objects.get(pk=partly.pk).cluster == match.pk  # one story …
    assert reasons(partly).get(match.pk) == "related"  # … whose source stays offered
    assert partly.pk not in listed(match)
    shown = listed(stories["squad"])
    assert len({match.pk, partly.pk} & set(shown)) == 1


def test_rebuild_command_recomputes_everything(stories, capsys):
    DiscoverEntry.objects.all().delete()
    call_command("discover_rebuild")
    assert "4 stories" in capsys.readouterr().out
    assert listed(stories["match"])[0] == stories["squad"].pk
    assert stories["match"].pk in listed(stories["squad"])


def discover_hook():
    (fn,) = [
        f
        for f in hooks.get_hooks("akhbar_article_context")
        if f.__module__.startswith("akhbar.discover")
    ]
    return fn


def test_hook_reads_the_stored_list_in_one_query(stories, django_assert_max_num_queries):
    match = stories["match"]
    context = {"edition": None, "language": "ur", "numerals": "ascii"}
    with django_assert_max_num_queries(1):
        result = discover_hook()(match, context)
        heads = [
            (s.headline, s.section.title, s.date_label, s.discover_reason)
            for s in result["discover"]
        ]
    assert heads[0][0] == stories["squad"].headline and heads[0][3] == "related"


def test_hook_falls_back_to_newest_while_not_computed(stories):
    DiscoverEntry.objects.filter(article=stories["match"]).delete()
    from akhbar.newsroom.front import edition_of

    context = {"edition": edition_of(stories["match"]), "language": "ur", "numerals": "ascii"}
    result = discover_hook()(stories["match"], context)["discover"]
    assert [s.pk for s in result] == [
        stories["squad"].pk,
        stories["flood"].pk,
        stories["budget"].pk,
    ]


def test_page_shows_the_stored_list_and_costs_no_extra_query(client, stories):
    match = stories["match"]
    DiscoverOverride.objects.create(article=match, story=stories["budget"], action="pin")
    client.get(match.url)  # warm caches (site root paths, renditions)
    bump_generation()  # the page is built from the rows again, as after any publish
    with CaptureQueriesContext(connection) as with_list:
        html = client.get(match.url).content.decode()
    discover = html[html.index('class="discover"') :]
    assert discover.index(stories["budget"].headline) < discover.index(stories["squad"].headline)
    assert "دریافت کیجیے" in discover
    DiscoverEntry.objects.filter(article=match).delete()
    bump_generation()
    with CaptureQueriesContext(connection) as fallback:
        client.get(match.url)
    # The stored list costs one query; the fallback reads the entries (none) then newest.
    assert len(with_list) <= len(fallback)
    entry_queries = [q for q in with_list.captured_queries if "discover_discoverentry" in q["sql"]]
    assert len(entry_queries) == 1


def test_unpublished_target_is_hidden_even_before_cleanup(stories):
    squad = stories["squad"]
    type(squad).objects.filter(pk=squad.pk).update(live=False)  # no signal: cleanup pending
    context = {"edition": None, "language": "ur", "numerals": "ascii"}
    assert squad.pk not in [s.pk for s in discover_hook()(stories["match"], context)["discover"]]


def test_editors_manage_choices_in_the_admin(admin_client, stories):
    DiscoverOverride.objects.create(article=stories["match"], story=stories["budget"], action="pin")
    listing = admin_client.get("/admin/snippets/discover/discoveroverride/")
    assert listing.status_code == 200
    assert stories["budget"].headline[:20] in listing.content.decode()
    assert admin_client.get("/admin/snippets/discover/discoveroverride/add/").status_code == 200
    entries = admin_client.get("/admin/snippets/discover/discoverentry/?reason=related")
    assert entries.status_code == 200
    assert stories["squad"].headline[:20] in entries.content.decode()


def test_with_the_database_backend_the_page_falls_back_until_the_worker_runs(edition, stories):
    from django.test import override_settings

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        late = add_story(edition, "squad", hours_ago=0.2, body=STORIES["squad"][2] + " مزید")
        assert not DiscoverEntry.objects.filter(article=late).exists()  # queued, not run
        context = {"edition": edition, "language": "ur", "numerals": "ascii"}
        fallback = discover_hook()(late, context)["discover"]
        assert {s.discover_reason for s in fallback} == {"fresh"}
        run_queued_tasks()
    assert DiscoverEntry.objects.filter(article=late).exists()
    # The late story copies the squad story: one story, so not listed under each other.
    assert DiscoverDoc.objects.get(pk=late.pk).cluster == stories["squad"].pk
    assert reasons(late)[stories["match"].pk] == "related"
    assert stories["squad"].pk not in reasons(late)


def run_queued_tasks() -> None:
    """What `db_worker --batch` does, minus its exclusive transaction (tests run inside one)."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
    )
    for row in DBTaskResult.objects.ready():
        row.claim("test")
        worker.run_task(row)
    assert not DBTaskResult.objects.failed().exists()
