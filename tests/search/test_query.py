"""Query plans and the FTS expressions built from them, run against a real FTS5 table."""

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akhbar.search.query import (
    MAX_QUERY_TERMS,
    freshness,
    fts5_expression,
    plan,
    tsquery_expression,
)

HOSTILE = [
    '"',
    '"""',
    "*",
    "پاکستان*",
    "NEAR(کراچی لاہور)",
    "کراچی NEAR لاہور",
    "-کراچی",
    "headline:کراچی",
    "(کراچی",
    "کراچی)",
    "AND OR NOT",
    "^کراچی",
    "{headline standfirst}: کراچی",
    "'; DROP TABLE search_fts; --",
    "\\",
    "،۔؟!",
    "کراچی Karachi كراچي ۲۰۲۵ 2025",
    "ب" * 10_000,
    " ".join(["خبر"] * 5000),
    "\u200c\u200f\u064e",
    "",
    "کراچی\x00لاہور",
    "NEAR/3 کراچی* -لاہور OR (بارش AND NOT پانی)",
    "headline_terms:کراچی OR body_terms:*",
    "'کراچی' & !لاہور | <-> :*",
    "٪%_ '' \\' \"\"",
    "🇵🇰 کراچی 😀",
    "\u202eکراچی\u202c",
]


@pytest.fixture
def fts():
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(a, b, tokenize='ascii')")
    db.execute("INSERT INTO t VALUES ('کراچی لاہور خبر', 'karachi 2025 near and or not')")
    yield db
    db.close()


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_queries_make_valid_fts5_expressions(fts, text):
    p = plan(text)
    for mode in ("all", "any"):
        expr = fts5_expression(p, mode)
        if expr:
            fts.execute("SELECT count(*) FROM t WHERE t MATCH ?", (expr,)).fetchone()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_string_makes_a_valid_fts5_expression(text):
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(a, tokenize='ascii')")
    p = plan(text)
    for mode in ("all", "any"):
        expr = fts5_expression(p, mode)
        if expr:
            db.execute("SELECT count(*) FROM t WHERE t MATCH ?", (expr,)).fetchone()


def test_fts_keywords_are_searched_as_words(fts):
    expr = fts5_expression(plan("near AND or"))
    assert fts.execute("SELECT count(*) FROM t WHERE t MATCH ?", (expr,)).fetchone() == (1,)


def test_stopwords_are_dropped_when_other_words_remain():
    p = plan("کراچی کے لیے بجٹ")
    assert [g[0] for g in p.groups] == ["کراچی", "بجٹ"]
    assert p.dropped_stopwords == ("کے", "لیے")


def test_a_query_of_only_stopwords_keeps_them():
    assert [g[0] for g in plan("کے لیے").groups] == ["کے", "لیے"]


def test_each_term_may_also_match_joined_with_its_neighbour():
    p = plan("صورت حال")
    assert p.groups == (("صورت", "صورتحال"), ("حال", "صورتحال"))


def test_long_queries_are_truncated_and_say_so():
    p = plan(" ".join(f"لفظ{i}" for i in range(40)))
    assert p.truncated and len(p.groups) == MAX_QUERY_TERMS


def test_empty_and_punctuation_queries_are_empty_plans():
    assert plan("").empty and plan("  ؟؟ !! ***  ").empty


def test_tsquery_expression_quotes_every_term():
    expr = tsquery_expression(plan("صورت حال"))
    assert expr == "('صورت' | 'صورتحال') & ('حال' | 'صورتحال')"
    assert tsquery_expression(plan("صورت حال"), "any") == "'حال' | 'صورت' | 'صورتحال'"


def test_freshness_halves_its_boost_after_a_week_and_never_drops_below_one():
    assert freshness(0) == 2.0
    assert freshness(7) == 1.5
    assert 1.0 < freshness(3650) < 1.01
    assert freshness(-5) == 2.0  # a clock skew in the future is not rewarded further
