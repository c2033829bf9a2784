"""The OpenSearch index definition folds as akhbar does, and its search request ranks as
akhbar does: checked by running them in Python, and against a real cluster when
OPENSEARCH_URL is set."""

import json
import os
import re
import sys
import unicodedata
import urllib.request
import uuid
from datetime import UTC, datetime, timedelta
from functools import cache
from types import SimpleNamespace

import pytest

from akhbar.search.evaluation import QUERIES
from akhbar.search.opensearch import ANALYZER, WORD, analysis, index_body, search_body
from akhbar.search.query import freshness, plan
from akhbar.text.search_terms import terms
from tests.search.test_query import HOSTILE
from tests.text.test_search_terms import VARIANT_CLASSES


@cache
def _word_class() -> str:
    """Python `re` has no \\p{…}: spell out the letters, marks and digits as ranges."""
    ranges, start = [], None
    for code in range(sys.maxunicode + 1):
        inside = unicodedata.category(chr(code))[0] in "LMN"
        if inside and start is None:
            start = code
        elif not inside and start is not None:
            ranges.append((start, code - 1))
            start = None
    return "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)


def _python_pattern(java: str) -> re.Pattern:
    return re.compile(java.replace(WORD, _word_class()))


def _unescape(rule: str) -> str:
    return rule.encode("ascii").decode("unicode_escape")


def emulate(text: str) -> list[str]:
    """Run the analyzer definition (char filters, tokenizer, filters) in Python."""
    spec = analysis()
    for name in spec["analyzer"][ANALYZER]["char_filter"]:
        cf = spec["char_filter"][name]
        if cf["type"] == "mapping":
            table = dict(_unescape(r).split("=>") for r in cf["mappings"])
            longest = max(len(k) for k in table)
            out, i = [], 0
            while i < len(text):
                for size in range(longest, 0, -1):
                    if text[i : i + size] in table:
                        out.append(table[text[i : i + size]])
                        i += size
                        break
                else:
                    out.append(text[i])
                    i += 1
            text = "".join(out)
        else:
            text = _python_pattern(cf["pattern"]).sub(cf["replacement"], text)
    tokenizer = _python_pattern(spec["tokenizer"]["akhbar_words"]["pattern"])
    tokens = [t.lower()[:64] for t in tokenizer.split(text) if t]
    return [t for t in tokens if any(unicodedata.category(c)[0] in "LN" for c in t)]


TEXTS = [v for pair in VARIANT_CLASSES.values() for v in pair] + [q for q, _, _ in QUERIES]


@pytest.mark.parametrize("text", TEXTS)
def test_definition_folds_like_akhbar(text):
    assert emulate(text) == terms(text)


def test_definition_folds_the_demo_stories_like_akhbar():
    from akhbar.newsroom.demo import STORIES_DIR

    for path in sorted(STORIES_DIR.glob("*.json"))[:10]:
        doc = json.loads(path.read_text(encoding="utf-8"))
        text = re.sub(r"<[^>]+>", " ", doc["bodies"][0]["value"])
        assert emulate(text) == terms(text), path.name


def test_definition_folds_the_turkish_demo_stories_like_akhbar():
    """İ, ı and I: the cluster must meet them on i as ``fold`` does (İzmir, IŞIK)."""
    from akhbar.newsroom.demo import EDITIONS_DIR

    paths = sorted(EDITIONS_DIR.glob("tr-*.json"))
    assert paths
    for path in paths:
        doc = json.loads(path.read_text(encoding="utf-8"))
        body = re.sub(r"<[^>]+>", " ", doc["bodies"][0]["value"])
        text = doc["headlines"][0]["value"] + " " + body
        assert emulate(text) == terms(text), path.name
        assert emulate(text.upper()) == terms(text.upper()), path.name


def test_index_body_is_plain_json_with_the_fields():
    body = json.loads(json.dumps(index_body()))
    props = body["mappings"]["properties"]
    assert props["headline"]["analyzer"] == ANALYZER
    assert "joins" in props["body"]["fields"]
    assert props["published"]["type"] == "date"


@pytest.mark.skipif(not os.environ.get("OPENSEARCH_URL"),
                    reason="OPENSEARCH_URL not set: no OpenSearch/Elasticsearch cluster to test on")
def test_live_cluster_analyzes_like_akhbar():
    base = os.environ["OPENSEARCH_URL"].rstrip("/")
    index = f"akhbar-test-{uuid.uuid4().hex[:8]}"

    def call(method: str, path: str, payload: dict | None = None) -> dict:
        data = json.dumps(payload).encode() if payload is not None else None
        req = urllib.request.Request(f"{base}/{path}", data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as resp:  # noqa: S310 - test cluster URL
            return json.loads(resp.read() or b"{}")

    call("PUT", index, index_body())
    try:
        for text in TEXTS[:40]:
            got = call("POST", f"{index}/_analyze", {"analyzer": ANALYZER, "text": text})
            assert [t["token"] for t in got["tokens"]] == terms(text), text
    finally:
        call("DELETE", index)


# --- the search request ------------------------------------------------------------------

NOW = datetime(2026, 11, 29, 12, tzinfo=UTC)


def painless_freshness(age_days: float) -> float:
    """Evaluate FRESHNESS_SCRIPT's own text (Painless is Java-like arithmetic) in Python."""
    script = search_body(plan("بارش"), now=NOW)["query"]["function_score"]["functions"][0]
    source = script["script_score"]["script"]["source"]
    params = script["script_score"]["script"]["params"]
    age_expr = re.search(r"double age = (.*?); return", source, re.S).group(1)
    ret_expr = re.search(r"return (.*?);$", source, re.S).group(1)
    published_ms = params["now"] - age_days * 86_400_000
    env = {"Math": SimpleNamespace(max=max), "params": SimpleNamespace(**params)}
    age_py = age_expr.replace(
        "doc['published'].value.toInstant().toEpochMilli()", repr(published_ms)
    )
    env["age"] = eval(age_py, {}, env)  # noqa: S307 - our own constant script text
    return eval(ret_expr, {}, env)  # noqa: S307


@pytest.mark.parametrize("age", [0.0, 0.5, 7.0, 30.0, 365.0, -3.0])
def test_freshness_script_is_the_documented_formula(age):
    assert painless_freshness(age) == pytest.approx(freshness(age))


def _queries(node) -> list[str]:
    """Every text handed to a query clause, anywhere in the body."""
    if isinstance(node, dict):
        found = [node["multi_match"]["query"]] if "multi_match" in node else []
        return found + [t for v in node.values() for t in _queries(v)]
    if isinstance(node, list):
        return [t for v in node for t in _queries(v)]
    return []


def test_all_words_wants_one_spelling_of_every_group_with_the_column_weights():
    p = plan("صورت حال کراچی")
    body = search_body(p, now=NOW)
    groups = body["query"]["function_score"]["query"]["bool"]["must"]
    assert [sorted(_queries(g)) for g in groups] == [sorted(g) for g in p.groups]
    fields = groups[0]["bool"]["should"][0]["multi_match"]["fields"]
    assert {"headline^4", "standfirst^2", "body^1", "body.joins^1"} <= set(fields)
    assert body["sort"][0] == {"_score": {"order": "desc"}}
    assert body["query"]["function_score"]["boost_mode"] == "multiply"


def test_any_word_filters_and_newest():
    since = NOW - timedelta(days=3)
    p = plan("گندم زعفران")
    body = search_body(p, now=NOW, mode="any", section="khel", since=since, sort="newest",
                       size=5, offset=10)
    query = body["query"]["function_score"]["query"]["bool"]
    assert sorted(_queries(query["should"])) == ["زعفران", "گندم", "گندمزعفران"]
    assert query["minimum_should_match"] == 1
    assert {"term": {"section": "khel"}} in query["filter"]
    assert {"range": {"published": {"gte": since.isoformat()}}} in query["filter"]
    assert body["sort"][0] == {"published": {"order": "desc"}}
    assert (body["from"], body["size"]) == (10, 5)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_queries_reach_the_cluster_only_as_folded_terms(text):
    p = plan(text)
    body = json.loads(json.dumps(search_body(p, now=NOW)))
    assert "query_string" not in json.dumps(body)
    assert set(_queries(body)) == set(p.highlight_terms)
    for term in _queries(body):  # letters, marks and digits only: nothing is syntax
        assert all(unicodedata.category(c)[0] in "LMN" for c in term), term


@pytest.fixture
def cluster():
    """A throwaway index on the cluster at OPENSEARCH_URL (the test skips without one)."""
    if not os.environ.get("OPENSEARCH_URL"):
        pytest.skip("OPENSEARCH_URL not set: no OpenSearch/Elasticsearch cluster to test on")
    base = os.environ["OPENSEARCH_URL"].rstrip("/")
    index = f"akhbar-test-{uuid.uuid4().hex[:8]}"

    def call(method: str, path: str, payload: dict | None = None) -> dict:
        data = json.dumps(payload).encode() if payload is not None else None
        req = urllib.request.Request(f"{base}/{index}{path}", data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as resp:  # noqa: S310 - test cluster URL
            return json.loads(resp.read() or b"{}")

    call("PUT", "", index_body())
    yield call
    call("DELETE", "")


def test_live_cluster_ranks_like_akhbar(cluster):
    stories = {
        "old": ("كراچي میں بارش", "", "شہر میں پانی", NOW - timedelta(days=300)),
        "new": ("کراچی میں بارش", "", "شہر میں پانی", NOW - timedelta(days=1)),
        "body": ("موسم کی خبر", "", "کراچی کا ذکر", NOW - timedelta(days=1)),
        "english": ("کراچی میں بارش", "", "", NOW),
    }
    for uri, (headline, standfirst, body, published) in stories.items():
        cluster("PUT", f"/_doc/{uri}", {
            "uri": uri, "headline": headline, "standfirst": standfirst, "body": body,
            "published": published.isoformat(), "locale": "en" if uri == "english" else "ur",
        })
    cluster("POST", "/_refresh")

    def found(text: str, **kw) -> list[str]:
        got = cluster("POST", "/_search", search_body(plan(text), now=NOW, **kw))
        return [hit["_id"] for hit in got["hits"]["hits"]]

    assert found("کراچی") == ["new", "old", "body"]  # headline first, then fresher first
    assert found("كراچي بارش") == ["new", "old"]
    assert found("کراچی", sort="newest") == ["new", "body", "old"]
    assert found("کراچی زعفران") == []
    assert found("کراچی زعفران", mode="any")[:1] == ["new"]
