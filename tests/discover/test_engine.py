"""The pure scoring core: relevance, recency, near-duplicates, never self, diversity."""

from __future__ import annotations

import pytest

from akhbar.discover import engine, features
from akhbar.discover.engine import Pick, Story
from akhbar.discover.memindex import MemoryIndex

HOUR = 3600.0
T0 = 1_750_000_000.0

# Our own short Urdu stories (written for these tests).
CRICKET = (
    "لاہور میں کرکٹ میچ، پاکستان نے سری لنکا کو ہرا دیا",
    "قذافی اسٹیڈیم لاہور میں کھیلے گئے پہلے ٹی ٹوئنٹی میچ میں پاکستان نے سری لنکا کو سات "
    "وکٹوں سے شکست دی۔ کپتان نے کہا کہ بولروں نے شاندار کارکردگی دکھائی اور بلے بازوں نے "
    "ہدف آسانی سے حاصل کر لیا۔ سیریز کا دوسرا میچ جمعے کو راولپنڈی میں ہو گا۔",
)
CRICKET_2 = (
    "راولپنڈی ٹی ٹوئنٹی: سری لنکا کے خلاف پاکستان کی ٹیم کا اعلان",
    "سری لنکا کے خلاف راولپنڈی میں ہونے والے دوسرے ٹی ٹوئنٹی میچ کے لیے پاکستان کرکٹ ٹیم "
    "کا اعلان کر دیا گیا۔ لاہور میں پہلا میچ جیتنے والی ٹیم میں ایک تبدیلی کی گئی ہے اور "
    "نوجوان بولر کو موقع دیا گیا ہے۔",
)
FLOOD = (
    "سندھ میں سیلاب، ہزاروں خاندان بے گھر",
    "دریائے سندھ میں پانی کی سطح بلند ہونے سے سکھر اور لاڑکانہ کے دیہات زیر آب آ گئے۔ "
    "امدادی ٹیموں نے کشتیوں کے ذریعے لوگوں کو محفوظ مقامات پر منتقل کیا اور خیمہ بستیاں قائم "
    "کی گئیں۔ محکمہ موسمیات نے مزید بارشوں کی پیش گوئی کی ہے۔",
)
BUDGET = (
    "وفاقی بجٹ میں ترقیاتی اخراجات کم کر دیے گئے",
    "وزیر خزانہ نے قومی اسمبلی میں نئے مالی سال کا بجٹ پیش کیا جس میں ترقیاتی منصوبوں کی "
    "رقم کم کی گئی اور تنخواہ دار طبقے کے ٹیکس میں معمولی ریلیف دیا گیا۔",
)


def build(stories: list[tuple[int, tuple[str, str], float, int]]) -> MemoryIndex:
    """An index of (id, (headline, body), hours after T0, section) stories."""
    index = MemoryIndex()
    for sid, (head, body), hours, section in stories:
        story, counts = index.story(sid, head, body, T0 + hours * HOUR, section=section)
        index.add(story, counts)
    return index


def ids(picks: list[Pick]) -> list[int]:
    return [p.id for p in picks]


def test_related_story_ranks_above_unrelated():
    index = build([(2, CRICKET_2, 1, 30), (3, FLOOD, 1, 70), (4, BUDGET, 1, 20)])
    article, _ = index.story(1, *CRICKET, T0, section=30)
    picks = index.recommend(article)
    assert picks[0] == Pick(2, picks[0].score, "related")
    assert {3, 4} <= set(ids(picks))  # unrelated stories only as fresh filler
    assert all(p.reason == "fresh" for p in picks if p.id in (3, 4))


def test_never_the_story_itself():
    index = build([(1, CRICKET, 0, 30), (2, CRICKET_2, 1, 30), (3, FLOOD, 1, 70)])
    picks = index.recommend(index.stories[1])
    assert 1 not in ids(picks)
    assert len(ids(picks)) == len(set(ids(picks)))


def test_recency_prefers_the_story_nearer_in_time():
    near = Story(2, T0 + 2 * HOUR, terms={"کرکٹ": 1.0})
    far = Story(3, T0 + 30 * 24 * HOUR, terms={"کرکٹ": 1.0})
    article = Story(1, T0, terms={"کرکٹ": 1.0})
    assert engine.score(article, near)[0] > engine.score(article, far)[0]
    assert ids(engine.rank(article, [far, near]))[:2] == [2, 3]
    # The decay halves a score at worst: a strongly related old story beats a weak new one.
    weak_new = Story(4, T0, terms={"کرکٹ": 0.1, "سیلاب": 0.99})
    assert engine.score(article, far)[0] > engine.score(article, weak_new)[0]


def test_time_factor_bounds():
    a = Story(1, T0)
    assert engine.time_factor(a, Story(2, T0)) == 1.0
    half = engine.time_factor(a, Story(2, T0 + engine.HALF_LIFE_HOURS * HOUR))
    assert half == pytest.approx(0.75)
    assert 0.5 <= engine.time_factor(a, Story(2, T0 + 1e9)) < 0.51


def test_rewrite_and_original_are_one_story():
    rewrite_body = CRICKET[1].replace("کپتان نے کہا", "ٹیم کے کپتان نے میچ کے بعد کہا")
    index = build([(1, CRICKET, 0, 30), (2, ("پاکستان کی فتح", rewrite_body), 3, 30)])
    assert index.stories[2].group == index.stories[1].group == 1
    index.add(index.story(3, *CRICKET_2, 5, section=30)[0])
    index.add(index.story(4, *FLOOD, 5, section=70)[0])
    # The original's rewrite is never recommended under it, nor the other way round …
    assert 2 not in ids(index.recommend(index.stories[1]))
    assert 1 not in ids(index.recommend(index.stories[2]))
    # … and a third story lists the event once, not twice.
    listed = ids(index.recommend(index.stories[3]))
    assert len({1, 2} & set(listed)) == 1


# A newspaper story that takes the first half of CRICKET and adds its own reporting.
PARTLY = (
    "پاکستان کی جیت پر لاہور میں جشن",
    CRICKET[1].split("۔")[0]
    + "۔ میچ کے بعد شائقین نے مال روڈ پر ڈھول بجا کر جشن منایا اور رات گئے تک سڑکوں پر "
    "رونق رہی۔ ٹکٹوں کی فروخت سے کرکٹ بورڈ کو ریکارڈ آمدنی ہوئی جبکہ سکیورٹی کے لیے "
    "پانچ ہزار اہلکار تعینات کیے گئے تھے۔",
)


def test_partly_derived_story_lists_its_original_but_not_the_other_way():
    index = build([(1, CRICKET, 0, 30), (2, PARTLY, 20, 30), (3, FLOOD, 5, 70)])
    original, partly = index.stories[1], index.stories[2]
    overlap = engine._overlap(partly, original)
    assert engine.DUPLICATE_CONTAINMENT <= overlap < engine.VERBATIM
    assert partly.group == original.id  # one story for every other list …
    assert engine.is_source(partly, original)
    assert not engine.is_source(original, partly)  # a later story is nobody's original
    # … but under the newspaper story, the agency original it drew on is still offered,
    picks = index.recommend(partly)
    assert Pick(1, picks[0].score, "related") == picks[0]
    # while the original never lists its rewrite.
    assert 2 not in ids(index.recommend(original))


def test_verbatim_copy_does_not_list_its_original():
    head, body = CRICKET
    index = build([(1, CRICKET, 0, 30), (2, (head, body.replace("۔", "، ")), 2, 30)])
    assert engine._overlap(index.stories[2], index.stories[1]) >= engine.VERBATIM
    assert not engine.is_source(index.stories[2], index.stories[1])
    assert 1 not in ids(index.recommend(index.stories[2]))


def test_a_group_gets_one_entry_the_original_on_a_tie():
    article = Story(9, T0, terms={"x": 1.0})
    original = Story(1, T0, terms={"x": 1.0})
    copy = Story(2, T0, terms={"x": 1.0}, cluster=1)
    assert ids(engine.rank(article, [copy, original], fresh_share=0)) == [1]
    closer = Story(3, T0, terms={"x": 1.0}, cluster=1)
    weaker = Story(1, T0, terms={"x": 0.6, "y": 0.8})
    assert ids(engine.rank(article, [weaker, closer], fresh_share=0)) == [3]


def test_related_but_different_texts_are_not_duplicates():
    index = build([(1, CRICKET, 0, 30), (2, CRICKET_2, 20, 30)])
    assert index.stories[2].group == 2
    assert not engine.is_duplicate(index.stories[1], index.stories[2])


def test_diverse_sections_when_scores_tie():
    article = Story(1, T0, section=9, terms={"x": 1.0})
    same = [Story(10 + i, T0, section=1, terms={"x": 1.0}) for i in range(3)]
    other = [Story(20 + i, T0, section=2, terms={"x": 1.0}) for i in range(3)]
    picks = engine.rank(article, [*same, *other], fresh_share=0)
    assert ids(picks) == [10, 20, 11, 21, 12, 22]  # equal scores: sections alternate


def test_clear_relevance_beats_diversity():
    article = Story(1, T0, section=1, terms={"x": 1.0})
    strong = [Story(10 + i, T0, section=1, terms={"x": 1.0}) for i in range(3)]
    weak = Story(20, T0, section=2, terms={"x": 0.3, "y": 0.95})
    assert ids(engine.rank(article, [*strong, weak], fresh_share=0))[:3] == [10, 11, 12]


def test_fresh_share_fills_from_other_sections_first():
    article = Story(1, T0, section=1, terms={"x": 1.0})
    fresh = [Story(30 + i, T0 + i, section=i % 2 + 5) for i in range(6)][::-1]
    picks = engine.rank(article, [], fresh, size=5, fresh_share=3)
    assert [p.reason for p in picks] == ["fresh"] * 5
    assert {fresh[0].section, fresh[1].section} == {5, 6}


def test_pins_first_and_excluded_never():
    article = Story(1, T0, terms={"x": 1.0})
    cands = [Story(i, T0, terms={"x": 1.0}) for i in range(2, 8)]
    picks = engine.rank(article, cands, pinned=[7, 1, 7], excluded=[2, 3])
    assert picks[0] == Pick(7, 1.0, "pinned")
    assert not {1, 2, 3} & set(ids(picks))
    assert ids(picks).count(7) == 1


def test_insert_lets_a_better_story_in_and_keeps_size():
    current = [Pick(i, 1.0 - i / 100, "related") for i in range(12)] + [
        Pick(50 + i, 0.0, "fresh") for i in range(3)
    ]
    new = engine.insert(current, Pick(99, 0.995, "related"))
    assert new is not None and len(new) == 15
    assert ids(new)[:2] == [0, 99] and 11 not in ids(new)
    assert engine.insert(current, Pick(98, 0.1, "related")) is None
    assert engine.insert(new, Pick(99, 0.9, "related")) is None  # already listed
    short = [Pick(1, 0.5, "section")]
    assert ids(engine.insert(short, Pick(2, 0.2, "related"))) == [2, 1]


@pytest.mark.parametrize(
    "text",
    ["", "   ", "<p></p>", "<script>x</script>", "۔۔۔ ،،، !!!", "a" * 10_000, "<<<>>>"],
)
def test_features_survive_empty_and_hostile_text(text):
    tokens = features.story_words(text, text)
    counts = features.term_counts(tokens)
    assert isinstance(features.weigh(counts, {}, 0), dict)
    sig = features.minhash(tokens)
    assert features.containment(sig, features.shingle_count(tokens), sig, 0) == 0.0


def test_folded_spellings_match():
    # Arabic yeh/kaf and the compound کیلئے / کے لیے are one word after folding.
    a = features.term_counts(features.story_words("", "پاکستان کیلئے كرکٹ ٹيم"))
    b = features.term_counts(features.story_words("", "پاکستان کے لیے کرکٹ ٹیم"))
    va, vb = features.weigh(a, {}, 0), features.weigh(b, {}, 0)
    assert features.cosine(va, vb) == pytest.approx(1.0, abs=1e-3)


def test_removed_story_is_gone_from_the_index():
    index = build([(1, CRICKET, 0, 30), (2, CRICKET_2, 1, 30)])
    index.remove(2)
    assert 2 not in ids(index.recommend(index.stories[1]))
    assert index.candidates(index.stories[1]) == []
