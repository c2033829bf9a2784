"""An in-memory Discover index: inverted postings of heavy terms, a timeline, and df counts.

Pure Python (no Django). The benchmarks and the quality check run the engine through it;
the app keeps the same structures in database tables (akhbar.discover.store), so both
answer "which stories may be related to this one" with the same bounded work:

- each story is posted under its TOP_TERMS heaviest terms only;
- a query walks the postings of its own QUERY_TERMS heaviest terms, newest MAX_POSTINGS
  entries each, accumulating dot products, and scores only the best MAX_CANDIDATES
  stories in full. Heavy terms are rare ones, so their postings are short; a common term
  that is heavy in one story still costs at most MAX_POSTINGS steps.
"""

from __future__ import annotations

import bisect
import heapq
from collections import Counter
from collections.abc import Iterable, Mapping

from akhbar.discover import engine, features
from akhbar.discover.engine import Pick, Story

# 30, not 20: on the counter corpus 20 left ND (independently written) pairs at 0.891
# original-in-list, 30 gives 0.913 (bench/discover_quality.py) for 1.5x the postings read.
QUERY_TERMS = 30
MAX_POSTINGS = 1000
MAX_CANDIDATES = 200


def make_story(
    story_id: int,
    headline: str,
    body: str,
    published: float,
    *,
    section: int | None = None,
    tags: Iterable[str] = (),
    agencies: Iterable[str] = (),
    df: Mapping[str, int] | None = None,
    n_docs: int = 0,
) -> tuple[Story, Counter[str]]:
    """A Story (weighted by the given df statistics) and its raw term counts."""
    return story_from_words(
        story_id,
        features.text_words(headline),
        features.text_words(body),
        published,
        section=section,
        tags=tags,
        agencies=agencies,
        df=df,
        n_docs=n_docs,
    )


def story_from_words(
    story_id: int,
    head_words: list[str],
    body_words: list[str],
    published: float,
    *,
    section: int | None = None,
    tags: Iterable[str] = (),
    agencies: Iterable[str] = (),
    df: Mapping[str, int] | None = None,
    n_docs: int = 0,
) -> tuple[Story, Counter[str]]:
    """make_story from already folded words (e.g. when words were computed elsewhere)."""
    tokens = head_words * features.HEADLINE_WEIGHT + body_words
    counts = features.term_counts(tokens)
    shingled = body_words or tokens
    story = Story(
        id=story_id,
        published=published,
        section=section,
        terms=features.weigh(counts, df or {}, n_docs),
        tags=frozenset(t.strip().casefold() for t in tags if t.strip()),
        agencies=frozenset(a.strip().casefold() for a in agencies if a.strip()),
        signature=features.minhash(shingled),
        shingles=features.shingle_count(shingled),
    )
    return story, counts


class MemoryIndex:
    """Stories of one edition, with what a publish needs to find related ones fast."""

    def __init__(self) -> None:
        self.stories: dict[int, Story] = {}
        self.df: Counter[str] = Counter()
        self.postings: dict[str, list[tuple[int, float]]] = {}
        self.timeline: list[tuple[float, int]] = []
        self._counts: dict[int, frozenset[str]] = {}

    def __len__(self) -> int:
        return len(self.stories)

    def story(
        self, story_id: int, headline: str, body: str, published: float, **meta
    ) -> tuple[Story, Counter[str]]:
        """make_story with this index's document frequencies."""
        return make_story(
            story_id, headline, body, published, df=self.df, n_docs=len(self.stories), **meta
        )

    def add(self, story: Story, counts: Iterable[str] = (), *, group: bool = True) -> Story:
        """Index a story (joining its near-duplicate group unless `group` is False)."""
        self.remove(story.id)
        if group and not story.cluster:
            found = engine.find_group(story, self.candidates(story, limit=20))
            if found:
                story = Story(**{**_fields(story), "cluster": found})
        self.stories[story.id] = story
        terms = frozenset(counts)
        self._counts[story.id] = terms
        self.df.update(terms)
        for term, weight in story.terms.items():
            self.postings.setdefault(term, []).append((story.id, weight))
        bisect.insort(self.timeline, (story.published, story.id))
        return story

    def remove(self, story_id: int) -> None:
        """Forget a story (unpublished or deleted)."""
        story = self.stories.pop(story_id, None)
        if story is None:
            return
        self.df.subtract(self._counts.pop(story_id, ()))
        for term in story.terms:
            entries = self.postings.get(term)
            if entries:
                entries[:] = [e for e in entries if e[0] != story_id]
        i = bisect.bisect_left(self.timeline, (story.published, story_id))
        if i < len(self.timeline) and self.timeline[i] == (story.published, story_id):
            del self.timeline[i]

    def candidates(self, story: Story, limit: int = MAX_CANDIDATES) -> list[Story]:
        """Stories sharing heavy terms with `story`, best dot product first (bounded)."""
        acc: dict[int, float] = {}
        get = acc.get
        for term, weight in features.heaviest(story.terms, QUERY_TERMS):
            for sid, w in self.postings.get(term, ())[-MAX_POSTINGS:]:
                acc[sid] = get(sid, 0.0) + weight * w
        acc.pop(story.id, None)
        best = heapq.nlargest(limit, acc.items(), key=lambda kv: kv[1])
        return [self.stories[sid] for sid, _ in best]

    def newest(self, limit: int = 40) -> list[Story]:
        """The edition's newest stories, newest first."""
        return [self.stories[sid] for _, sid in reversed(self.timeline[-limit:])]

    def recommend(self, story: Story, **options) -> list[Pick]:
        """The Discover list of `story` (which need not be indexed)."""
        return engine.rank(story, self.candidates(story), self.newest(), **options)


def _fields(story: Story) -> dict:
    return {name: getattr(story, name) for name in Story.__slots__}
