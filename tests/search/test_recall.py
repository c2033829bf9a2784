"""Search quality on the demo stories: a sample of the evaluation set, every variant class.

Quality only (which story comes back), never speed. The whole set and the comparison with
plain FTS5 are in bench/search_eval.py.
"""

import pytest

from akhbar.search.backends import search
from akhbar.search.evaluation import QUERIES, evaluate

pytestmark = pytest.mark.django_db

# Two queries of every variant class (the first two of each in the set).
SAMPLE = [q for i, q in enumerate(QUERIES) if [k for _, _, k in QUERIES[:i]].count(q[2]) < 2]


def test_sample_covers_every_variant_class():
    assert {kind for _, _, kind in SAMPLE} == {kind for _, _, kind in QUERIES}
    assert len(QUERIES) >= 60


def test_recall_at_10_on_variant_spellings(demo_stories):
    story_of_page = {page.pk: stem[:2] for stem, page in demo_stories.items()}

    def run(text: str) -> list[str]:
        return [story_of_page[pk] for pk, _ in search(text, limit=10, fallback=False).hits]

    result = evaluate(run, SAMPLE)
    assert result["missed"] == []
    assert result["recall"] == 1.0 and result["mrr"] >= 0.9
