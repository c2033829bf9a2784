"""Wire ingest speed: generated ninjs items into SQLite with the duplicate detector on.

Part 1 (database): a throwaway SQLite site (test settings) takes in N generated ninjs 3.1
documents (default 10,000; about 10% are planted re-sends of an earlier story under
another agency's uri, with a few words changed) through the real pipeline
(`ingest_bytes`, wire-desk rule): parse + spec validation, nh3 sanitizing, link vetting,
MinHash + LSH grouping, one transaction per item with its bands. The naive baseline in
the same run: `json.loads` + one plain insert per item (no validation, no sanitizing, no
duplicate detection). Also a small sample under the "publish directly" rule, where each
item becomes a published Wagtail page. Reported: items/s, the ratio, and how many
planted duplicates were grouped (and how many items were grouped wrongly).

Part 2 (pure, optional): if /work/shared/corpus/counter exists (agency originals and
their newspaper rewrites, labelled WD/PD/ND in counter-pairs.json), how often each kind
of pair lands in one duplicate group. This part reads /work/shared; the tests never do.

    .venv/bin/python bench/wire.py [--items 10000] [--publish 20] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

LETTERS = "ابپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنوہیے"
FUNCTION = tuple(
    [
        "کے",
        "کی",
        "کا",
        "میں",
        "نے",
        "سے",
        "کو",
        "پر",
        "اور",
        "ہے",
        "ہیں",
        "تھا",
        "تھی",
        "گیا",
        "کیا",
        "بھی",
        "کہ",
        "یہ",
        "وہ",
        "ایک",
    ]
)
COUNTER = Path("/work/shared/corpus/counter")


class Generator:
    """Urdu-script stories: topic words, shared words and real function words."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.vocab = [
            "".join(self.rng.choices(LETTERS, k=self.rng.randint(2, 7))) for _ in range(20000)
        ]

    def sentence(self, topic: list[str]) -> str:
        words = [
            self.rng.choice(
                topic
                if self.rng.random() < 0.3
                else (FUNCTION if self.rng.random() < 0.5 else self.vocab)
            )
            for _ in range(self.rng.randint(8, 16))
        ]
        return " ".join(words) + "۔"

    def story(self) -> tuple[str, str]:
        topic = self.rng.sample(self.vocab, 12)
        paragraphs = [
            "<p>" + " ".join(self.sentence(topic) for _ in range(3)) + "</p>"
            for _ in range(self.rng.randint(3, 6))
        ]
        return " ".join(self.rng.sample(topic, 6)), "".join(paragraphs)

    def edit(self, body: str) -> str:
        words = body.split(" ")
        for _ in range(3):
            words[self.rng.randrange(len(words))] = self.rng.choice(self.vocab)
        return " ".join(words)


def documents(n: int, seed: int) -> tuple[list[bytes], set[str]]:
    gen = Generator(seed)
    docs, planted, sent = [], set(), []
    for i in range(n):
        agency = ("APP", "PPI", "AFP", "Reuters")[i % 4]
        uri = f"urn:{agency}:{i:06d}"
        if sent and gen.rng.random() < 0.1:
            headline, body = gen.rng.choice(sent[-500:])
            body = gen.edit(body)
            planted.add(uri)
        else:
            headline, body = gen.story()
            sent.append((headline, body))
        doc = {
            "uri": uri,
            "type": "text",
            "version": "1",
            "language": "ur",
            "versionCreated": f"2025-07-01T{i // 3600 % 24:02d}:{i // 60 % 60:02d}:{i % 60:02d}Z",
            "headlines": [{"role": "main", "value": headline}],
            "bodies": [{"role": "main", "contentType": "text/html", "value": body}],
            "subjects": [
                {"name": "سیاست", "uri": "http://cv.iptc.org/newscodes/mediatopic/11000000"}
            ],
            "infoSources": [{"name": agency}],
            "standard": {"name": "ninjs", "version": "3.1"},
        }
        docs.append(json.dumps(doc, ensure_ascii=False).encode())
    return docs, planted


def db_part(n: int, n_publish: int, seed: int) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "akhbar.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    from akhbar.newsroom.editions import ensure_edition
    from akhbar.wire.ingest import Options, ingest_bytes
    from akhbar.wire.models import WireBand, WireEntry, WireSource

    call_command("migrate", verbosity=0)
    ensure_edition("ur")
    docs, planted = documents(n, seed)
    print(
        f"{n:,} generated ninjs 3.1 items ({len(planted):,} planted near-duplicates), "
        f"{sum(map(len, docs)) / n / 1024:.1f} KB each on average"
    )

    t0, c0 = time.perf_counter(), time.process_time()
    for i, data in enumerate(docs):
        doc = json.loads(data)
        WireEntry.objects.create(
            uri=f"naive:{i}",
            format="ninjs",
            content_hash="",
            item=doc,
            headline=doc["headlines"][0]["value"],
            body_html=doc["bodies"][0]["value"],
        )
    naive, naive_cpu = time.perf_counter() - t0, time.process_time() - c0
    WireEntry.objects.all().delete()

    source = WireSource.objects.create(name="bench", kind="http", location="https://example.org/")
    options = Options.for_source(source)
    actions: dict[str, int] = {}
    wrong = missed = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for data in docs:
        (outcome,) = ingest_bytes(data, location="bench", base=None, options=options)
        actions[outcome.action] = actions.get(outcome.action, 0) + 1
        is_dup = outcome.action == "duplicate"
        wrong += is_dup and outcome.uri not in planted
        missed += not is_dup and outcome.uri in planted
    full, full_cpu = time.perf_counter() - t0, time.process_time() - c0
    load = os.getloadavg()[0]
    print(
        f"  (load average {load:.1f} on {os.cpu_count()} CPUs; items per CPU-second is the "
        f"figure that survives a busy machine)"
    )
    print(
        f"  naive json.loads + insert:           {n / naive:7.0f} items/s wall, "
        f"{n / naive_cpu:7.0f} per CPU-s"
    )
    print(
        f"  akhbar ingest, desk rule, dedupe on: {n / full:7.0f} items/s wall, "
        f"{n / full_cpu:7.0f} per CPU-s  (target >= 200/s)"
    )
    print(
        f"  ratio akhbar/naive: {naive / full:.2f} wall, {naive_cpu / full_cpu:.2f} CPU  "
        f"(outcomes: {actions}; {WireBand.objects.count():,} band rows)"
    )
    print(
        f"  planted duplicates grouped: {len(planted) - missed}/{len(planted)}; "
        f"items grouped that were not planted: {wrong}"
    )

    publish = Options(rule=WireSource.PUBLISH)
    extra, _ = documents(n_publish, seed + 1)
    extra = [d.replace(b'"urn:', b'"urn:pub-') for d in extra]
    t0, c0 = time.perf_counter(), time.process_time()
    outcomes = [ingest_bytes(d, location="bench", base=None, options=publish)[0] for d in extra]
    took, took_cpu = time.perf_counter() - t0, time.process_time() - c0
    made = sum(o.action == "created" for o in outcomes)
    print(
        f"  publish-directly rule ({n_publish} items, {made} new Wagtail pages, with every "
        f"app's publish hooks): {n_publish / took:.1f} items/s wall, "
        f"{n_publish / took_cpu:.1f} per CPU-s"
    )


def counter_part() -> None:
    from akhbar.wire import dedupe
    from akhbar.wire.formats import ninjs
    from akhbar.wire.items import WireError

    if not COUNTER.is_dir():
        print("COUNTER corpus not present; part 2 skipped")
        return
    sigs, refused = {}, 0
    for path in sorted(COUNTER.glob("*.json")):
        try:
            (item,) = ninjs.parse(path.read_bytes())
        except WireError:
            refused += 1
            continue
        sigs[item.uri] = dedupe.signature(item.headline + " " + item.body_html)
    pairs = json.loads((COUNTER.parent / "counter-pairs.json").read_text())
    by_kind: dict[str, list[int]] = {}
    for rewrite, (original, kind) in pairs.items():
        if rewrite in sigs and original in sigs:
            same = dedupe.similarity(sigs[rewrite], sigs[original]) >= dedupe.THRESHOLD
            by_kind.setdefault(kind, [0, 0])
            by_kind[kind][0] += same
            by_kind[kind][1] += 1
    print(
        f"COUNTER corpus: {len(sigs)} documents validated and parsed, {refused} refused "
        f"(invalid dates)"
    )
    print(
        "  (rewrites, not re-sends: WD pairs share a median ~8% of word triples, so the "
        "detector is not meant to group them; ND grouped would be false positives)"
    )
    for kind, (same, total) in sorted(by_kind.items()):
        print(f"  {kind} pairs grouped as duplicates: {same}/{total}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--publish", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # progress shows even when redirected
    db_part(args.items, args.publish, args.seed)
    counter_part()


if __name__ == "__main__":
    main()
