"""The database side of Discover: index a story, compute and store lists, forget a story.

Runs in background tasks (akhbar.discover.tasks) and the `discover_rebuild` command. The
work per publish is bounded: the story's QUERY_TERMS heaviest terms, at most MAX_POSTINGS
newest postings each, the best MAX_CANDIDATES stories scored in full, and the SPREAD
best of those considered for letting the new story into their lists.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction

from akhbar.discover import engine, features
from akhbar.discover.engine import Pick, Story
from akhbar.discover.memindex import MAX_CANDIDATES, MAX_POSTINGS, QUERY_TERMS
from akhbar.discover.models import (
    DiscoverDoc,
    DiscoverEntry,
    DiscoverOverride,
    DiscoverTerm,
    DiscoverTermStat,
)
from akhbar.newsroom.front import edition_of
from akhbar.newsroom.models import ArticlePage

SPREAD = 50
FRESH_POOL = 40
TERM_MAX = 100
# A withdrawn story leaves holes in the lists it was in. Lists where it was related (or
# pinned, or of the same section) are recomputed, at most REFILL_RECOMPUTE of them, the
# most recently published articles first; the rest (and lists where it was only fresh,
# which can be every list of the day) take the edition's newest story they lack instead.
REFILL_RECOMPUTE = 50


def _wipe(queryset) -> None:
    """Delete rows with one DELETE statement, skipping Django's per-row collector.

    Discover's rows are derived data that nothing references (postings are wiped before
    their doc), yet a plain delete() would fetch them and let Wagtail's reference-index
    receiver run one query per row: most of a publish's time on a big list.
    """
    queryset._raw_delete(queryset.db)


def live_article(article_id: int) -> ArticlePage | None:
    """The story if readers can see it now (live and not private), else None."""
    return ArticlePage.objects.live().public().filter(pk=article_id).first()


def to_story(doc: DiscoverDoc) -> Story:
    """The engine's view of a stored doc."""
    d = doc.data
    return Story(
        id=doc.article_id,
        published=doc.published_at.timestamp(),
        section=doc.section_id,
        terms=d.get("terms", {}),
        tags=frozenset(d.get("tags", ())),
        agencies=frozenset(d.get("agencies", ())),
        signature=tuple(d.get("sig", ())),
        shingles=d.get("sh", 0),
        cluster=doc.cluster,
    )


def _vocab(article: ArticlePage) -> tuple[list[str], dict[str, int], list[str]]:
    """(body words, term counts, vocabulary) of an article's headline, standfirst and body."""
    body_tokens = features.text_words(article.body_text())
    tokens = (
        features.text_words(article.headline) * features.HEADLINE_WEIGHT
        + features.text_words(article.standfirst)
        + body_tokens
    )
    counts = features.term_counts(tokens)
    return body_tokens or tokens, counts, [t for t in counts if len(t) <= TERM_MAX]


def _features(article: ArticlePage, n_docs: int | None = None) -> tuple[Story, list[str]]:
    """The article's Story, weighed with the current document frequencies, and vocabulary."""
    body_tokens, counts, vocab = _vocab(article)
    df = dict(DiscoverTermStat.objects.filter(term__in=vocab).values_list("term", "df"))
    if n_docs is None:
        n_docs = DiscoverDoc.objects.count()
    story = Story(
        id=article.pk,
        published=(article.first_published_at or article.last_published_at).timestamp(),
        section=article.section_id,
        terms=features.weigh({t: counts[t] for t in vocab}, df, n_docs),
        tags=frozenset(t.casefold() for t in article.tags.names()),
        agencies=frozenset(n.casefold() for n in article.agencies.values_list("name", flat=True)),
        signature=features.minhash(body_tokens),
        shingles=features.shingle_count(body_tokens),
    )
    return story, vocab


def _bump(terms: Iterable[str], delta: int) -> None:
    """Add `delta` to the document frequency of each term (one upsert batch)."""
    table = connection.ops.quote_name(DiscoverTermStat._meta.db_table)
    rows = [(t, delta) for t in terms]
    if not rows:
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (term, df) VALUES (%s, %s) "  # noqa: S608 - table name only
            f"ON CONFLICT (term) DO UPDATE SET df = {table}.df + excluded.df",
            rows,
        )


def candidates(
    story: Story, edition_id: int, locale_id: int | None, limit: int = MAX_CANDIDATES
) -> list[Story]:
    """Stored stories of the edition and locale sharing heavy terms, best dot product first.

    One statement: the newest MAX_POSTINGS postings of each of the story's QUERY_TERMS
    heaviest terms, glued with UNION ALL (each part walks the (term, -doc) index).
    """
    heavy = dict(features.heaviest(story.terms, QUERY_TERMS))
    if not heavy:
        return []
    q = connection.ops.quote_name
    term, doc = q(DiscoverTerm._meta.db_table), q(DiscoverDoc._meta.db_table)
    part = (
        f"SELECT * FROM (SELECT t.doc_id, t.term, t.weight FROM {term} t "  # noqa: S608
        f"JOIN {doc} d ON d.article_id = t.doc_id "
        f"WHERE t.term = %s AND d.edition_id = %s AND d.locale_id = %s "
        f"ORDER BY t.doc_id DESC LIMIT {int(MAX_POSTINGS)}) p"
    )
    params = [v for t in heavy for v in (t, edition_id, locale_id)]
    acc: dict[int, float] = {}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join([part] * len(heavy)), params)
        for doc_id, t, w in cursor.fetchall():
            acc[doc_id] = acc.get(doc_id, 0.0) + heavy[t] * w
    acc.pop(story.id, None)
    best = [i for i, _ in sorted(acc.items(), key=lambda kv: -kv[1])[:limit]]
    rows = DiscoverDoc.objects.filter(article_id__in=best, article__live=True)
    docs = {d.article_id: d for d in rows}
    return [to_story(docs[i]) for i in best if i in docs]


def newest(edition_id: int, locale_id: int | None, limit: int = FRESH_POOL) -> list[Story]:
    """The edition's newest indexed (live) stories in this locale, newest first."""
    docs = DiscoverDoc.objects.filter(
        edition_id=edition_id, locale_id=locale_id, article__live=True
    )
    return [to_story(d) for d in docs.order_by("-published_at", "-article_id")[:limit]]


def overrides(article_id: int) -> tuple[list[int], set[int]]:
    """Editors' pinned story ids (in order, live only) and excluded ids for one article."""
    pinned, excluded = [], set()
    rows = DiscoverOverride.objects.filter(article_id=article_id).order_by("position", "pk")
    for story_id, action, live in rows.values_list("story_id", "action", "story__live"):
        if action == DiscoverOverride.EXCLUDE:
            excluded.add(story_id)
        elif live:
            pinned.append(story_id)
    return pinned, excluded


def save_list(article_id: int, picks: list[Pick]) -> None:
    """Replace an article's stored list."""
    _wipe(DiscoverEntry.objects.filter(article_id=article_id))
    DiscoverEntry.objects.bulk_create(
        DiscoverEntry(article_id=article_id, target_id=p.id, rank=n, score=p.score, reason=p.reason)
        for n, p in enumerate(picks)
    )


def compute_list(article_id: int, cands: list[Story] | None = None) -> list[Pick]:
    """Recompute and store one article's list from its stored doc (e.g. after an override)."""
    doc = DiscoverDoc.objects.filter(article_id=article_id).first()
    if doc is None:
        return []
    story = to_story(doc)
    if cands is None:
        cands = candidates(story, doc.edition_id, doc.locale_id)
    pinned, excluded = overrides(article_id)
    fresh = newest(doc.edition_id, doc.locale_id)
    picks = engine.rank(story, cands, fresh, pinned=pinned, excluded=excluded)
    save_list(article_id, picks)
    return picks


def _forget(article_id: int, count_df: bool = True) -> None:
    """Take a story's doc, postings and document frequencies out (not its list entries)."""
    doc = DiscoverDoc.objects.filter(article_id=article_id).first()
    if doc is not None:
        if count_df:
            _bump(doc.data.get("vocab", ()), -1)
        _wipe(DiscoverTerm.objects.filter(doc_id=article_id))
        _wipe(DiscoverDoc.objects.filter(article_id=article_id))


def remove_story(article_id: int) -> int:
    """An unpublished or deleted story leaves its own list and every list it was in.

    Those lists are refilled (see REFILL_RECOMPUTE); returns how many were.
    """
    with transaction.atomic():
        doc = DiscoverDoc.objects.filter(article_id=article_id).first()
        holes = list(
            DiscoverEntry.objects.filter(target_id=article_id)
            .exclude(article_id=article_id)
            .order_by("-article__first_published_at", "-article_id")
            .values_list("article_id", "reason")
        )
        _wipe(DiscoverEntry.objects.filter(target_id=article_id))
        _wipe(DiscoverEntry.objects.filter(article_id=article_id))
        _forget(article_id)
        if doc is None or not holes:
            return 0
        recompute = [a for a, reason in holes if reason != "fresh"][:REFILL_RECOMPUTE]
        for a in recompute:
            compute_list(a)
        done = set(recompute)
        rest = [a for a, _ in holes if a not in done]
        fill_fresh(rest, doc.edition_id, doc.locale_id)
        return len(holes)


def fill_fresh(
    article_ids: list[int], edition_id: int, locale_id: int | None, size: int = engine.SIZE
) -> None:
    """Top up short lists with the edition's newest stories they lack, as `fresh`."""
    if not article_ids:
        return
    pool = newest(edition_id, locale_id)
    current: dict[int, list[tuple[int, int]]] = {a: [] for a in article_ids}
    for a, target, rank in DiscoverEntry.objects.filter(article_id__in=article_ids).values_list(
        "article_id", "target_id", "rank"
    ):
        current[a].append((target, rank))
    group_of = {s.id: s.group for s in pool}
    group_of.update(
        DiscoverDoc.objects.filter(
            article_id__in={t for rows in current.values() for t, _ in rows} | set(article_ids)
        ).values_list("article_id", "cluster")
    )
    rows = []
    for a, listed in current.items():
        shown = {t for t, _ in listed} | {a}
        groups = {group_of.get(t) or t for t in shown}
        rank = max((r for _, r in listed), default=-1) + 1
        for story in pool:
            if len(shown) - 1 >= size:  # `shown` holds the article itself too
                break
            if story.id in shown or story.group in groups:
                continue
            shown.add(story.id)
            groups.add(story.group)
            rows.append(DiscoverEntry(article_id=a, target_id=story.id, rank=rank, reason="fresh"))
            rank += 1
    DiscoverEntry.objects.bulk_create(rows)


@transaction.atomic
def index_story(
    article_id: int, *, spread: bool = True, n_docs: int | None = None, listing: bool = True
) -> list[Pick]:
    """Index a published (or updated) story, store its list, and let it into others' lists.

    `n_docs` is given by `rebuild`, which counts document frequencies beforehand and
    computes the lists (`listing`) only once every story is indexed.
    """
    article = live_article(article_id)
    edition = edition_of(article) if article is not None else None
    if article is None or edition is None:
        remove_story(article_id)
        return []
    _forget(article_id, count_df=n_docs is None)
    story, vocab = _features(article, n_docs)
    cands = candidates(story, edition.pk, article.locale_id)
    group = engine.find_group(story, cands[:20])
    doc = DiscoverDoc.objects.create(
        article_id=article.pk,
        edition_id=edition.pk,
        locale_id=article.locale_id,
        section_id=article.section_id,
        published_at=article.first_published_at or article.last_published_at,
        cluster=group,
        data={
            "terms": story.terms,
            "tags": sorted(story.tags),
            "agencies": sorted(story.agencies),
            "sig": list(story.signature),
            "sh": story.shingles,
            "vocab": vocab,
        },
    )
    DiscoverTerm.objects.bulk_create(
        DiscoverTerm(term=t, doc=doc, weight=w) for t, w in story.terms.items()
    )
    if n_docs is None:
        _bump(vocab, 1)
    picks = compute_list(article.pk, cands) if listing else []
    if spread:
        spread_into(to_story(doc), cands[:SPREAD])
    return picks


def spread_into(story: Story, targets: list[Story]) -> int:
    """Let a new story into the stored lists of the stories it is related to; how many."""
    scores: dict[int, float] = {}
    for t in targets:
        s, text = engine.score(t, story)
        if engine.is_related(t, story, text) and engine.may_list(t, story):
            scores[t.id] = s
    if not scores:
        return 0
    excluded = set(
        DiscoverOverride.objects.filter(
            article_id__in=scores, story_id=story.id, action=DiscoverOverride.EXCLUDE
        ).values_list("article_id", flat=True)
    )
    current: dict[int, list[Pick]] = {}
    for a, t, s, r in (
        DiscoverEntry.objects.filter(article_id__in=scores)
        .order_by("article_id", "rank")
        .values_list("article_id", "target_id", "score", "reason")
    ):
        current.setdefault(a, []).append(Pick(t, s, r))
    listed = {p.id for picks in current.values() for p in picks}
    group_of = dict(
        DiscoverDoc.objects.filter(article_id__in=listed).values_list("article_id", "cluster")
    )
    changed: dict[int, list[Pick]] = {}
    for article_id, picks in current.items():
        if article_id in excluded:
            continue
        if any((group_of.get(p.id) or p.id) == story.group for p in picks):
            continue  # one entry per story: a copy of it is already listed
        new = engine.insert(picks, Pick(story.id, round(scores[article_id], 4), "related"))
        if new is not None:
            changed[article_id] = new
    if changed:
        _wipe(DiscoverEntry.objects.filter(article_id__in=changed))
        DiscoverEntry.objects.bulk_create(
            DiscoverEntry(article_id=a, target_id=p.id, rank=n, score=p.score, reason=p.reason)
            for a, picks in changed.items()
            for n, p in enumerate(picks)
        )
    return len(changed)


def rebuild() -> int:
    """Recompute everything from the live stories, oldest first; returns how many."""
    with transaction.atomic():
        for model in (DiscoverEntry, DiscoverTerm, DiscoverDoc, DiscoverTermStat):
            _wipe(model.objects.all())
    ids = list(
        ArticlePage.objects.live()
        .public()
        .order_by("first_published_at", "pk")
        .values_list("pk", flat=True)
    )
    # Document frequencies over the whole edition first, so the first stories are not
    # weighed against an almost empty index.
    df: Counter[str] = Counter()
    for article in ArticlePage.objects.filter(pk__in=ids).iterator(chunk_size=500):
        df.update(_vocab(article)[2])
    DiscoverTermStat.objects.bulk_create(
        (DiscoverTermStat(term=t, df=n) for t, n in df.items()), batch_size=2000
    )
    for article_id in ids:
        index_story(article_id, spread=False, n_docs=len(ids), listing=False)
    # Then every list, with later stories (follow-ups) indexed too.
    for article_id in ids:
        compute_list(article_id)
    return len(ids)
