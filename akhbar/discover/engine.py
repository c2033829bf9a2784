"""Discover's scoring core: which ~15 stories to show under an article, and why.

Pure Python (no Django), so the app, its tasks, the tests and the benchmarks share it.

The blend, for an article `a` and a candidate story `c` of the same edition:

    text  = cosine of their TF-IDF vectors (features.weigh), 0..1
    meta  = 0.10 * [same section] + 0.20 * Jaccard(tags) + 0.03 * [a source agency shared]
    time  = 2 ** (-|published(a) - published(c)| / HALF_LIFE)          HALF_LIFE = 48 h
    score = (text + meta) * (0.5 + 0.5 * time)

Time is measured between the two stories, not from "now": stories about one event are
written within a day or two of each other, and a stored score then stays true as the
clock moves on (the list need not be recomputed every hour). The decay only halves a
score at worst, so a strongly related story from last month still beats a weak one from
today. Text carries most of the weight because sections are broad (sport, world) and
tags and agencies are often missing on wire copy; agency counts least because every APP
story shares "APP".

A candidate is `related` when text >= MIN_TEXT or it shares a tag; otherwise a story of
the same section may fill in as `section`. The list is: editors' `pinned` stories, up to
SIZE - FRESH_SHARE related stories (best first; when scores are within DIVERSITY of each
other, a section not yet in the list wins), same-section stories nearest in time, then
FRESH_SHARE `fresh` stories, the edition's newest, one per section first, so the list
never goes stale.

Near-duplicates (an agency original and the newspapers' rewrites of it) are one story: a
group whose first story (the earliest published, normally the agency original) is the
original.

- In any list a group has at most one entry: its best-scoring member (the original on a
  tie). Groups are formed on shared phrasing, which agency reports of different matches
  sometimes share, so the member this article is closest to is the safer choice.
- A rewrite is never listed under its original, nor under another copy of the story.
- Under a rewrite, an original it drew on stays listed (as `related`) unless the rewrite
  copies it almost verbatim (containment >= VERBATIM): a partly derived story links back
  to its source, whose other half the reader has not read; a copy does not.

Grouping uses word-trigram containment >= DUPLICATE_CONTAINMENT. Wholly and partly
derived rewrites overlap in that measure (newspapers paraphrase), so a partly derived
rewrite is sometimes grouped with its original; the source rule keeps the original
listed under it all the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from akhbar.discover.features import containment, cosine

SIZE = 15
FRESH_SHARE = 3
HALF_LIFE_HOURS = 48.0
MIN_TEXT = 0.08
DIVERSITY = 0.01
SECTION_WEIGHT = 0.10
TAG_WEIGHT = 0.20
AGENCY_WEIGHT = 0.03
# Word-trigram containment above which two texts are one story. On the COUNTER corpus
# it groups ~64% of wholly derived rewrites with their original and ~12% of partly
# derived ones; the classes overlap (newspapers paraphrase), so no threshold does both
# (bench/discover_quality.py --sweep), hence the source rule in the module docstring.
DUPLICATE_CONTAINMENT = 0.20
# Containment above which a rewrite is a copy: its original is not listed under it.
# Almost no partly derived COUNTER rewrite reaches it (p90 of word-trigram containment
# 0.20); about a sixth of wholly derived ones do.
VERBATIM = 0.6

REASONS = ("pinned", "related", "section", "fresh")


@dataclass(frozen=True, slots=True)
class Story:
    """What Discover knows of one published story."""

    id: int
    published: float  # POSIX seconds
    section: int | None = None
    terms: dict[str, float] = field(default_factory=dict)
    tags: frozenset[str] = frozenset()
    agencies: frozenset[str] = frozenset()
    signature: tuple[int, ...] = ()
    shingles: int = 0
    cluster: int = 0  # id of the first story of its near-duplicate group; 0 = none

    @property
    def group(self) -> int:
        """The near-duplicate group: the first story's id, or its own."""
        return self.cluster or self.id


@dataclass(frozen=True, slots=True)
class Pick:
    """One entry of a Discover list, with the reason editors see."""

    id: int
    score: float
    reason: str


def time_factor(a: Story, b: Story) -> float:
    """1.0 for stories published together, halving toward 0.5 every HALF_LIFE hours."""
    hours = abs(a.published - b.published) / 3600.0
    return 0.5 + 0.5 * 2.0 ** (-hours / HALF_LIFE_HOURS)


def score(article: Story, candidate: Story) -> tuple[float, float]:
    """(blended score, text similarity) of `candidate` under `article`."""
    text = cosine(article.terms, candidate.terms)
    meta = 0.0
    if article.section is not None and article.section == candidate.section:
        meta += SECTION_WEIGHT
    if article.tags and candidate.tags:
        meta += TAG_WEIGHT * len(article.tags & candidate.tags) / len(article.tags | candidate.tags)
    if article.agencies & candidate.agencies:
        meta += AGENCY_WEIGHT
    return (text + meta) * time_factor(article, candidate), text


def is_related(article: Story, candidate: Story, text: float) -> bool:
    """Related by what it says (or an editor's tag), not merely by section or agency."""
    return text >= MIN_TEXT or bool(article.tags & candidate.tags)


def is_duplicate(a: Story, b: Story) -> bool:
    """True when one text is (mostly) a rewrite of the other."""
    if a.group == b.group:
        return True
    return _overlap(a, b) >= DUPLICATE_CONTAINMENT


def _overlap(a: Story, b: Story) -> float:
    return containment(a.signature, a.shingles, b.signature, b.shingles)


def is_source(article: Story, candidate: Story) -> bool:
    """True when `candidate` is an original `article` partly rewrote (not copied verbatim).

    An original is the first story of its group, published before the article (the lower
    id first when both came out at once, so two stories are never each other's source).
    """
    if candidate.cluster or (candidate.published, candidate.id) > (article.published, article.id):
        return False
    return _overlap(article, candidate) < VERBATIM


def may_list(article: Story, candidate: Story) -> bool:
    """May `candidate` appear under `article` at all (not itself, not a copy of it)?"""
    if candidate.id == article.id:
        return False
    return is_source(article, candidate) or not is_duplicate(article, candidate)


def find_group(story: Story, candidates: Iterable[Story]) -> int:
    """The group a new story joins: the first story it most overlaps, or 0 for none.

    Only a group's first story is compared, so groups are stars, never chains: a rewrite
    of a rewrite of a rewrite cannot drift into a different story.
    """
    best, best_c = 0, 0.0
    for c in candidates:
        if c.id == story.id or c.cluster:
            continue
        value = _overlap(story, c)
        if value >= DUPLICATE_CONTAINMENT and value > best_c:
            best, best_c = c.group, value
    return best


def _diverse(scored: list[tuple[float, Story]], limit: int, counts: dict) -> list[Pick]:
    """Greedy best-first picks; a section already shown costs DIVERSITY per story."""
    pool = sorted(scored, key=lambda sc: (-sc[0], -sc[1].published, sc[1].id))
    out: list[Pick] = []
    while pool and len(out) < limit:
        # Only the head of the pool can win once the penalty is applied: anything scoring
        # more than DIVERSITY * (picks so far) below the best cannot overtake it.
        reach = pool[0][0] - DIVERSITY * (len(out) + 1)
        best_i, best_v = 0, None
        for i, (s, c) in enumerate(pool):
            if s < reach:
                break
            v = s - DIVERSITY * counts.get(c.section, 0)
            if best_v is None or v > best_v:
                best_i, best_v = i, v
        s, c = pool.pop(best_i)
        counts[c.section] = counts.get(c.section, 0) + 1
        out.append(Pick(c.id, round(s, 4), "related"))
    return out


def rank(
    article: Story,
    candidates: Iterable[Story],
    fresh: Iterable[Story] = (),
    *,
    size: int = SIZE,
    fresh_share: int = FRESH_SHARE,
    pinned: Sequence[int] = (),
    excluded: Iterable[int] = (),
) -> list[Pick]:
    """The Discover list of `article` from its text candidates and the edition's newest.

    `candidates` are stories that may be related (e.g. sharing heavy terms); `fresh` are
    the edition's newest stories, newest first. Both must hold published stories only.
    """
    banned = set(excluded) | {article.id}
    picks = [Pick(i, 1.0, "pinned") for i in dict.fromkeys(pinned) if i not in banned][:size]
    used_ids = {p.id for p in picks} | banned
    related: list[tuple[float, Story]] = []
    same_section: list[tuple[float, Story]] = []
    seen: set[int] = set()
    for c in candidates:
        if c.id in used_ids or c.id in seen:
            continue
        seen.add(c.id)
        s, text = score(article, c)
        if not may_list(article, c):
            continue  # the article's own rewrite, or another copy of its story
        if is_related(article, c, text):
            related.append((s, c))
        elif article.section is not None and c.section == article.section:
            same_section.append((s, c))
    counts: dict = {}
    room = max(0, size - fresh_share - len(picks))
    related = _representatives(related)
    stories = {c.id: c for _, c in related}
    groups: set[int] = set()
    for pick in _dedupe(_diverse(related, room + 8, counts), stories)[:room]:
        groups.add(stories[pick.id].group)
        picks.append(pick)
    groups.add(article.group)  # from here on, nothing of the article's own group
    by_time = sorted(same_section, key=lambda sc: abs(sc[1].published - article.published))
    for s, c in by_time:
        if len(picks) >= size - fresh_share:
            break
        if c.group not in groups:
            groups.add(c.group)
            picks.append(Pick(c.id, round(s, 4), "section"))
    fresh = (c for c in fresh if may_list(article, c))
    picks.extend(_fresh(fresh, size - len(picks), used_ids | {p.id for p in picks}, groups))
    return picks[:size]


def _representatives(scored: list[tuple[float, Story]]) -> list[tuple[float, Story]]:
    """One (score, story) per near-duplicate group: the best-scoring, the original on a tie."""
    chosen: dict[int, tuple[float, Story]] = {}
    for s, c in sorted(scored, key=lambda sc: (-sc[0], sc[1].id)):
        g = c.group
        if g not in chosen:
            chosen[g] = (s, c)
        elif c.id == g and s >= chosen[g][0]:
            chosen[g] = (s, c)  # on a tie the original stands for its rewrites
    return list(chosen.values())


def _dedupe(picks: list[Pick], stories: dict[int, Story]) -> list[Pick]:
    """Drop picks that are near-duplicates of a better pick (one entry per story)."""
    kept: list[Pick] = []
    for p in picks:
        story = stories[p.id]
        if not any(is_duplicate(story, stories[k.id]) for k in kept):
            kept.append(p)
    return kept


def _fresh(fresh: Iterable[Story], room: int, used: set[int], groups: set[int]) -> list[Pick]:
    """The newest stories, one per section first, then any, skipping what is shown."""
    if room <= 0:
        return []
    pool = [c for c in fresh if c.id not in used and c.group not in groups]
    out: list[Pick] = []
    sections: set = set()
    for strict in (True, False):
        for c in pool:
            if len(out) >= room:
                return out
            if c.group in groups or (strict and c.section in sections):
                continue
            groups.add(c.group)
            sections.add(c.section)
            out.append(Pick(c.id, 0.0, "fresh"))
    return out


def insert(
    current: Sequence[Pick], new: Pick, *, size: int = SIZE, fresh_share: int = FRESH_SHARE
) -> list[Pick] | None:
    """`current` (a stored list) with a newly published related story let in, or None.

    Used when a story is published: it enters the lists of the stories it is related to
    without recomputing them. Order stays pinned, related (by score), section, fresh; a
    full list drops its last section entry first, then its weakest related one.
    """
    if any(p.id == new.id for p in current):
        return None
    pinned = [p for p in current if p.reason == "pinned"]
    related = [p for p in current if p.reason == "related"]
    section = [p for p in current if p.reason == "section"]
    fresh = [p for p in current if p.reason == "fresh"]
    room = max(0, size - fresh_share - len(pinned))
    if room == 0 or (len(related) >= room and new.score <= related[-1].score):
        return None
    related = sorted([*related, new], key=lambda p: -p.score)[:room]
    while len(pinned) + len(related) + len(section) + len(fresh) > size:
        (section or fresh).pop()
    return [*pinned, *related, *section, *fresh]
