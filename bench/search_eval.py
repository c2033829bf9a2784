"""Search quality: recall@10 and MRR of akhbar vs plain FTS5 on raw text, same run.

Publishes the 35 demo stories (akhbar/newsroom/demo/stories) through Wagtail into a
throwaway SQLite site, then runs the evaluation set (akhbar.search.evaluation: 75 Urdu
queries, each with its expected story, labelled by spelling-variant class) through:

- akhbar        the real search (akhbar.search.backends.search: fold → terms → FTS5 with
                joined pairs, BM25 × freshness), as the page and the API run it;
- no-pairs      akhbar's folding but without the joined-pair column (ablation: what the
                spacing-variant handling buys);
- trigram       folded text in an FTS5 trigram index, spaces removed (the character
                n-gram alternative for spacing variants);
- raw FTS5      the stock unicode61 tokenizer on the stories' raw text, each query word
                quoted (so its syntax cannot fail), same all-words-then-any strategy.

    .venv/bin/python bench/search_eval.py [--verbose]

Reads nothing from /work/shared.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import tempfile

os.environ["AKHBAR_HOME"] = tempfile.mkdtemp(prefix="akhbar-search-eval-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "akhbar.settings.dev")
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

# Speech for 35 stories is the listen app's cost, not search's: voice nothing here.
settings.AKHBAR_LISTEN_ON_PUBLISH = False

from django.core.management import call_command  # noqa: E402

from akhbar.newsroom.editions import ensure_edition  # noqa: E402
from akhbar.search.backends import search  # noqa: E402
from akhbar.search.demo import load_demo_stories  # noqa: E402
from akhbar.search.evaluation import QUERIES, evaluate  # noqa: E402
from akhbar.search.query import fts5_expression, plan  # noqa: E402
from akhbar.text import fold  # noqa: E402
from akhbar.text.search_terms import terms  # noqa: E402

WEIGHTS = "4.0, 2.0, 1.0"


def quoted(words: list[str], joiner: str) -> str:
    return f" {joiner} ".join('"' + w.replace('"', '""') + '"' for w in words)


class MemoryEngine:
    """An in-memory FTS5 table over (headline, standfirst+tags, body) of each story."""

    def __init__(self, tokenize: str, docs: dict[str, tuple[str, str, str]], prepare) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute(f"CREATE VIRTUAL TABLE t USING fts5(story UNINDEXED, h, s, b, "
                        f"tokenize={tokenize!r})")
        for story, fields in docs.items():
            self.db.execute("INSERT INTO t VALUES (?, ?, ?, ?)",
                            (story, *(prepare(f) for f in fields)))

    def run(self, expressions: list[str], strict: bool) -> list[str]:
        for expr in expressions[:1] if strict else expressions:
            if not expr:
                continue
            try:
                rows = self.db.execute(
                    f"SELECT story FROM t WHERE t MATCH ? ORDER BY bm25(t, {WEIGHTS}) LIMIT 10",
                    (expr,),
                ).fetchall()
            except sqlite3.OperationalError:
                rows = []
            if rows:
                return [r[0] for r in rows]
        return []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list every missed query")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    pages = load_demo_stories(ensure_edition("ur"))
    story_of_page = {page.pk: stem[:2] for stem, page in pages.items()}
    docs = {
        stem[:2]: (
            page.headline,
            page.standfirst + " ، " + " ، ".join(page.tags.names()),
            page.body_text(),
        )
        for stem, page in pages.items()
    }

    def akhbar(text: str, strict: bool) -> list[str]:
        return [story_of_page[pk] for pk, _ in search(text, limit=10, fallback=not strict).hits]

    no_pairs = MemoryEngine("ascii", docs, lambda f: " ".join(terms(f)))

    def akhbar_no_pairs(text: str, strict: bool) -> list[str]:
        p = plan(text)
        single = type(p)(groups=tuple((g[0],) for g in p.groups))
        expressions = [fts5_expression(single, "all"), fts5_expression(single, "any")]
        return no_pairs.run(expressions, strict)

    trigram = MemoryEngine("trigram", docs, lambda f: fold(f).replace(" ", ""))

    def trigram_run(text: str, strict: bool) -> list[str]:
        words = [w for w in terms(text) if len(w) >= 3]
        return trigram.run([quoted(words, "AND"), quoted(words, "OR")], strict)

    raw = MemoryEngine("unicode61", docs, lambda f: f)

    def raw_run(text: str, strict: bool) -> list[str]:
        words = text.split()
        return raw.run([quoted(words, "AND"), quoted(words, "OR")], strict)

    engines = [("akhbar", akhbar), ("no-pairs", akhbar_no_pairs),
               ("trigram", trigram_run), ("raw FTS5", raw_run)]
    results = {name: evaluate(lambda t, r=run: r(t, False)) for name, run in engines}
    strict = {name: evaluate(lambda t, r=run: r(t, True)) for name, run in engines}
    print(f"{len(QUERIES)} queries over {len(pages)} demo stories\n")
    print("all words, then any word (as the site runs)   |  all words only (no fallback)")
    print(f"{'engine':<10} {'recall@10':>9} {'MRR':>6} {'hit@1':>6}  |  "
          f"{'recall@10':>9} {'MRR':>6} {'hit@1':>6}")
    for name, res in results.items():
        st = strict[name]
        print(f"{name:<10} {res['recall']:>9.3f} {res['mrr']:>6.3f} {res['hit1']:>6.3f}  |  "
              f"{st['recall']:>9.3f} {st['mrr']:>6.3f} {st['hit1']:>6.3f}")
    base, ours = results["raw FTS5"], results["akhbar"]
    sbase, sours = strict["raw FTS5"], strict["akhbar"]
    print(f"\nakhbar / raw FTS5: recall@10 ×{ours['recall'] / max(base['recall'], 1e-9):.2f}, "
          f"MRR ×{ours['mrr'] / max(base['mrr'], 1e-9):.2f}; all-words only: recall@10 "
          f"×{sours['recall'] / max(sbase['recall'], 1e-9):.2f}, "
          f"MRR ×{sours['mrr'] / max(sbase['mrr'], 1e-9):.2f}\n")
    print("per variant class, all words only (found in top 10 / queries):")
    classes = list(ours["per_class"])
    print(f"{'variant class':<28}" + "".join(f"{n:>10}" for n in results))
    for kind in classes:
        row = "".join(
            f"{res['per_class'][kind][0]:>7}/{res['per_class'][kind][1]:<2}"
            for res in strict.values()
        )
        print(f"{kind:<28}{row}")
    for name, res in strict.items():
        if res["missed"] and (args.verbose or name == "akhbar"):
            print(f"\nmissed by {name} (all words only):")
            for text, expected, kind in res["missed"]:
                print(f"  [{kind}] {text!r} → story {expected}")


if __name__ == "__main__":
    main()
