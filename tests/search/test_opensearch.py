"""The OpenSearch index definition folds as akhbar does: checked by running it in Python,
and against a real cluster when OPENSEARCH_URL is set."""

import json
import os
import re
import sys
import unicodedata
import urllib.request
import uuid
from functools import cache

import pytest

from akhbar.search.evaluation import QUERIES
from akhbar.search.opensearch import ANALYZER, WORD, analysis, index_body
from akhbar.text.search_terms import terms
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


def test_index_body_is_plain_json_with_the_fields():
    body = json.loads(json.dumps(index_body()))
    props = body["mappings"]["properties"]
    assert props["headline"]["analyzer"] == ANALYZER
    assert "joins" in props["body"]["fields"]
    assert props["published"]["type"] == "date"


@pytest.mark.skipif(not os.environ.get("OPENSEARCH_URL"), reason="OPENSEARCH_URL not set")
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
