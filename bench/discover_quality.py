"""Discover quality on real stories: the COUNTER corpus of Urdu agency copy and rewrites.

Reads /work/shared/corpus/counter (300 agency originals NNNN.json and 300 newspaper
versions NNNNp.json, ninjs 3.1) and /work/shared/corpus/counter-pairs.json, which labels
each pair WD (wholly derived), PD (partly derived) or ND (same event, written
independently). Outside the test suite on purpose: the project's tests never read
/work/shared.

All 600 stories form one edition (section = first subject, agency = infoSources). The
pure core runs directly on the parsed documents (akhbar.wire.formats.ninjs.parse, HTML
stripped by the feature extractor). Reported:

- PD and ND: how often the original is in the rewrite's Discover list (target >= 0.9),
  and the other way round;
- WD: how often the two are recognised as one story (same near-duplicate group: the
  rewrite is never listed under the original, and other lists show one of them). For WD
  "original in rewrite's list" is information, not a target: under a rewrite its source
  stays listed unless the rewrite is a verbatim copy (see akhbar.discover.engine);
- "original or resend": the original, or the same agency text sent again under another
  number (the corpus has eight such resends, identical word for word after folding), is
  in the list: a list shows one entry per story, so it may rightly show the resend;
- "original's story listed": any story of the original's near-duplicate group is listed
  (looser: a group may also hold a different report with shared phrasing);
- the same figures for the naive list (the newest 15 stories before the rewrite);
- over all 600 lists: entries that are two copies of one story (must be 0).

Protocol: the candidate pool is all 600 stories in one edition, published in corpus
order by their own dates (agency copy at 09:00, the newspaper's the next morning, July to
December 2014); each list is the one stored after the whole corpus is in (later stories
enter lists when they are published), with three `fresh` slots from the corpus's newest.
The corpus is sparse (about four stories a day), which flatters the naive list.

Two documents carry impossible dates (0082: '2014--0', 0109: '2014-09-31'); the ninjs
parser rightly refuses them, so here their dates are dropped and the partner's used.

    .venv/bin/python -m bench.discover_quality [--sweep]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from akhbar.discover import engine  # noqa: E402
from akhbar.discover.features import text_words  # noqa: E402
from akhbar.discover.memindex import MemoryIndex, make_story  # noqa: E402
from akhbar.wire.formats import ninjs  # noqa: E402
from akhbar.wire.items import WireError, WireItem  # noqa: E402

CORPUS = Path("/work/shared/corpus")


def load() -> tuple[dict[str, WireItem], dict[str, tuple[str, str]]]:
    """Parsed items by uri, and the pairs {rewrite uri: (original uri, label)}."""
    items: dict[str, WireItem] = {}
    for path in sorted((CORPUS / "counter").glob("*.json")):
        data = path.read_bytes()
        try:
            (item,) = ninjs.parse(data)
        except WireError:
            doc = json.loads(data)
            doc.pop("firstCreated", None)
            doc.pop("versionCreated", None)
            (item,) = ninjs.parse(json.dumps(doc).encode())
        items[item.uri] = item
    labels = json.loads((CORPUS / "counter-pairs.json").read_text())
    pairs = {rewrite: (original, label) for rewrite, (original, label) in labels.items()}
    return items, pairs


def when(item: WireItem, partner: WireItem) -> float:
    stamp = item.first_created or partner.first_created
    return stamp.timestamp() if stamp else 0.0


def build(items, pairs) -> tuple[MemoryIndex, dict[str, int]]:
    """Index all stories, oldest first (as they would have been published)."""
    partner = {}
    for rewrite, (original, _) in pairs.items():
        partner[rewrite], partner[original] = original, rewrite
    ids = {uri: n for n, uri in enumerate(sorted(items), start=1)}
    sections = {name: n for n, name in enumerate(sorted({_section(i) for i in items.values()}))}
    # Document frequencies from the whole corpus first, so early stories are not weighed
    # against an almost empty edition (the app's rebuild does the same).
    df: Counter[str] = Counter()
    raw = {}
    for uri, item in items.items():
        story, counts = make_story(
            ids[uri],
            item.headline,
            item.body_html,
            when(item, items[partner[uri]]),
            section=sections[_section(item)],
            agencies=item.sources,
        )
        raw[uri] = story
        df.update(counts.keys())
    index = MemoryIndex()
    for uri in sorted(items, key=lambda u: (raw[u].published, u)):
        item = items[uri]
        story, counts = make_story(
            ids[uri],
            item.headline,
            item.body_html,
            raw[uri].published,
            section=raw[uri].section,
            agencies=item.sources,
            df=df,
            n_docs=len(items),
        )
        index.add(story, counts.keys())
    return index, ids


def _section(item: WireItem) -> str:
    return item.subjects[0].name if item.subjects else ""


def resends(items: dict[str, WireItem], ids: dict[str, int]) -> dict[int, set[int]]:
    """Story id → ids of stories with the very same folded body text (itself included)."""
    by_text: dict[tuple[str, ...], set[int]] = {}
    for uri, item in items.items():
        by_text.setdefault(tuple(text_words(item.body_html)), set()).add(ids[uri])
    return {i: same for same in by_text.values() for i in same}


def evaluate(index: MemoryIndex, ids, pairs, same: dict[int, set[int]]) -> dict:
    found: dict[str, Counter] = {label: Counter() for label in ("WD", "PD", "ND")}
    by_time = sorted(index.stories.values(), key=lambda s: (s.published, s.id))
    for rewrite, (original, label) in pairs.items():
        r, o = index.stories[ids[rewrite]], index.stories[ids[original]]
        tally = found[label]
        tally["n"] += 1
        tally["one story"] += r.group == o.group
        listed = {p.id for p in index.recommend(r)}
        tally["original in rewrite's list"] += o.id in listed
        # The corpus holds agency texts sent twice (0014/0015/0016 are one text); a list
        # shows one of them, so also count "the original's story is listed".
        tally["original or resend"] += bool(same[o.id] & listed)
        tally["original's story listed"] += o.group in {index.stories[i].group for i in listed}
        tally["rewrite in original's list"] += r.id in {p.id for p in index.recommend(o)}
        naive = [s.id for s in by_time if s.published <= r.published and s.id != r.id][-15:]
        tally["naive: original or resend"] += bool(same[o.id] & set(naive))
    return {
        label: {k: v / t["n"] for k, v in t.items() if k != "n"} | {"n": t["n"]}
        for label, t in found.items()
    }


def copies_listed(index: MemoryIndex) -> int:
    """Entries, over every story's list, whose group is already listed (should be 0)."""
    twice = 0
    for story in index.stories.values():
        groups = [index.stories[p.id].group for p in index.recommend(story)]
        twice += len(groups) - len(set(groups))
    return twice


def report(result) -> None:
    keys = [
        "one story",
        "original in rewrite's list",
        "original or resend",
        "original's story listed",
        "rewrite in original's list",
        "naive: original or resend",
    ]
    print(f"{'label':5} {'n':>4} | " + " | ".join(keys))
    for label, row in result.items():
        print(f"{label:5} {row['n']:>4} | " + " | ".join(f"{row[k]:>{len(k)}.3f}" for k in keys))


def main() -> None:
    items, pairs = load()
    index, ids = build(items, pairs)
    same = resends(items, ids)
    print(
        f"COUNTER: {len(items)} stories, {len(pairs)} pairs; "
        f"duplicate containment threshold {engine.DUPLICATE_CONTAINMENT}"
    )
    report(evaluate(index, ids, pairs, same))
    print(f"entries that repeat a story already in the same list: {copies_listed(index)}")
    if "--sweep" in sys.argv:
        for threshold in (0.1, 0.15, 0.2, 0.25, 0.3, 0.4):
            engine.DUPLICATE_CONTAINMENT = threshold
            index, ids = build(items, pairs)
            print(f"\nthreshold {threshold}")
            report(evaluate(index, ids, pairs, same))


if __name__ == "__main__":
    main()
