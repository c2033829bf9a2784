"""Search terms: every spelling-variant class meets its canonical form, plus properties."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akhbar.text.search_terms import (
    MAX_TERM,
    STOPWORDS,
    joined_pairs,
    match_spans,
    terms,
    terms_of_whole_text,
    word_spans,
)

ZWNJ = "\u200c"

# (variant as a reader or a wire service may type it, the form a story may use)
VARIANT_CLASSES = {
    "arabic yeh/kaf/heh": ("كراچي ميں شهري", "کراچی میں شہری"),
    "alef maksura": ("مصطفى", "مصطفی"),
    "harakat": ("پاکِسْتان", "پاکستان"),
    "superscript alef": ("اعلیٰ عدالت", "اعلی عدالت"),
    "decomposed alef madda": ("\u0627\u0653باد", "آباد"),
    "hamza seats": ("إسلام", "اسلام"),
    "izafat hamza": ("عہدۂ صدارت", "عہدہ صدارت"),
    "urdu digits": ("۲۰۲۵ میں ۱۰٬۰۰۰ روپے", "2025 میں 10,000 روپے"),
    "arabic-indic digits": ("٣٢٠٠ مریض", "3200 مریض"),
    "for: kayliye": ("بچوں کیلئے", "بچوں کے لیے"),
    "for: ke liye": ("بچوں کے لئے", "بچوں کے لیے"),
    "future joined": ("انتخاب ہوگا", "انتخاب ہو گا"),
    "plural future joined": ("وہ کرینگے", "وہ کریں گے"),
    "zwnj inside word": (f"نیم{ZWNJ}سرکاری", "نیمسرکاری"),
    "presentation forms": ("\ufedb\ufe98\ufe8e\ufe91", "کتاب"),
    "tatweel": ("پاکـــستان", "پاکستان"),
    "latin case": ("IMF اور WHO", "imf اور who"),
    "turkish dotted capital": ("İZMİR'de", "izmir'de"),
    "turkish dotless i": ("IŞIK", "ışık"),
    "combining dot above": ("i\u0307zmir", "Izmir"),
}


@pytest.mark.parametrize("variant,canonical", VARIANT_CLASSES.values(), ids=VARIANT_CLASSES)
def test_each_variant_class_gives_the_same_terms(variant, canonical):
    assert terms(variant) == terms(canonical)


def test_numbers_lose_grouping_and_split_at_the_decimal_point():
    assert terms("10,000") == terms("۱۰٬۰۰۰") == ["10000"]
    assert terms("7.4 فیصد") == terms("۷٫۴ فیصد") == ["7", "4", "فیصد"]


def test_punctuation_of_both_scripts_separates_terms():
    assert terms("«بجٹ»، منظور؛ کیوں؟ (خبر) - ختم۔") == ["بجٹ", "منظور", "کیوں", "خبر", "ختم"]


def test_only_punctuation_or_fts_syntax_gives_no_terms():
    assert terms('" * - : ( ) ^ + ، ۔ ؟') == []
    assert terms("") == []


def test_terms_are_capped_in_length():
    assert all(len(t) <= MAX_TERM for t in terms("ب" * 500 + " x" * 3))


def test_joined_pairs_skip_stopwords_and_numbers():
    assert joined_pairs(terms("غیر یقینی صورت حال")) == ["غیریقینی", "یقینیصورت", "صورتحال"]
    assert joined_pairs(terms("پاکستان کے 12 شہر")) == []
    assert "کے" in STOPWORDS


def test_joined_spelling_meets_split_spelling_through_pairs():
    split, joined = terms("صورت حال"), terms("صورتحال")
    assert joined[0] in joined_pairs(split)


def test_word_spans_keep_marks_and_zwnj_inside_the_word():
    text = f"پاکِسْتان کی نیم{ZWNJ}سرکاری کمپنی"
    assert [text[s:e] for s, e in word_spans(text)] == [
        "پاکِسْتان", "کی", f"نیم{ZWNJ}سرکاری", "کمپنی",
    ]  # fmt: skip


def test_match_spans_mark_the_original_spelling():
    text = "وزيرِ اعظم نے كراچی کیلئے نئی صورت حال پر بات کی"
    found = [text[s:e] for s, e in match_spans(text, set(terms("کراچی لیے صورتحال")))]
    assert found == ["كراچی", "کیلئے", "صورت", "حال"]


def test_match_spans_mark_a_joined_word_for_a_split_query():
    text = "صورتحال خراب ہے"
    wanted = set(terms("صورت حال")) | set(joined_pairs(terms("صورت حال")))
    assert [text[s:e] for s, e in match_spans(text, wanted)] == ["صورتحال"]


def test_match_spans_with_nothing_wanted():
    assert match_spans("کچھ بھی", []) == []


any_text = st.text(
    alphabet=st.sampled_from(
        list("پاکستانکیلئےہوگا ي ك ه ۱۲ 12,.'\"*()-:؟،۔") + ["\u064e", "\u0670", ZWNJ, "\u0653"]
    ),
    max_size=60,
)


@given(any_text)
def test_terms_are_stable_when_re_tokenized(text):
    once = terms(text)
    assert terms(" ".join(once)) == once


@given(any_text)
def test_terms_hold_only_word_characters(text):
    for term in terms(text):
        assert term and " " not in term and '"' not in term and "'" not in term


@given(any_text)
def test_match_spans_are_ordered_words_of_the_text(text):
    spans = match_spans(text, set(terms(text)))
    assert spans == sorted(spans)
    assert all(0 <= s < e <= len(text) for s, e in spans)


tricky_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("کیلئےہوگااسکا ي ك ه ى ة ۀ ا ٓ ٔ ی ے ۱۲ 1,2.3'\"،۔؟-«»")),
        st.sampled_from(["\u00a0", "\u200b", "\u200c", "\u200f", "\u00ad", "\ufeff", "\u0640"]),
        st.sampled_from(["\u064e", "\u0670", "\u0654", "\ufe70", "\ufdfa", "\ufdf2", "\ufe50"]),
        st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF),
        st.characters(),
    ),
    max_size=40,
)


@settings(max_examples=1000)
@given(tricky_text)
def test_cached_terms_equal_folding_the_whole_text(text):
    assert terms(text) == terms_of_whole_text(text)
