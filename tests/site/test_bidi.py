"""Latin runs in Urdu text: isolated, escaped, punctuation left on the Urdu side."""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template
from django.utils.safestring import mark_safe

from akhbar.site.bidi import isolate_html, isolate_text

SPAN = '<span dir="ltr" lang="en">{}</span>'


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("وزیر خزانہ نے IMF سے بات کی۔", ["IMF"]),
        ("یہ بات Dr. Sara Malik نے کہی۔", ["Dr. Sara Malik"]),
        ("تفصیل https://example.org/a?b=1 پر دیکھیں", ["https://example.org/a?b=1"]),
        ("ای میل desk@example.org پر بھیجیں", ["desk@example.org"]),
        ("اجلاس G20 میں ہو گا", ["G20"]),
        ("فاصلہ 5 km ہے", ["5 km"]),
        ("(AP) کے مطابق", ["AP"]),
        ("صرف اردو متن، 22 مارچ 2025", []),
    ],
)
def test_runs_are_wrapped(text, runs):
    out = isolate_text(text)
    assert re.findall(r'<span dir="ltr" lang="en">(.*?)</span>', out) == runs


def test_sentence_punctuation_stays_outside():
    assert isolate_text("رپورٹ Reuters نے دی۔") == f"رپورٹ {SPAN.format('Reuters')} نے دی۔"
    assert isolate_text("Reuters.") == SPAN.format("Reuters") + "."
    assert isolate_text("سائٹ https://a.example/x۔").endswith("</span>۔")


def test_plain_text_is_escaped():
    out = isolate_text('<script>alert("x")</script> & Ali')
    assert "<script>" not in out and "&lt;" in out and "&amp;" in out


def test_html_markup_is_kept_and_text_isolated():
    html = (
        '<p>بیان <b>World Bank</b> کا &amp; <a href="https://x.example/?a=1&amp;b=2">link</a></p>'
    )
    out = isolate_html(html)
    assert '<a href="https://x.example/?a=1&amp;b=2">' in out
    assert f"<b>{SPAN.format('World Bank')}</b>" in out
    assert "&amp;" in out


def test_marked_runs_and_code_are_left_alone():
    html = '<p lang="en">Keep this</p><code>x = y</code><p dir="ltr">Also</p>'
    assert isolate_html(html) == html


def test_hostile_html_stays_inert():
    out = isolate_html("<p>اردو &lt;img src=x onerror=alert(1)&gt; text</p><!-- note -->")
    assert "<img" not in out and "&lt;" in out and "<!--" not in out
    assert isolate_html("<p>unclosed <b>bold").startswith("<p>")
    assert isolate_html("") == ""


def test_template_filter_escapes_plain_and_keeps_safe():
    template = Template("{% load bidi %}{{ plain|isolate_latin }}|{{ safe|isolate_latin }}")
    out = template.render(
        Context({"plain": "<b>IMF</b> اردو", "safe": mark_safe("<b>IMF</b> اردو")})
    )
    plain, safe = out.split("|")
    assert "<b>" not in plain and "&lt;" in plain and SPAN.format("IMF") in plain
    assert safe == f"<b>{SPAN.format('IMF')}</b> اردو"
    assert Template("{% load bidi %}{{ v|isolate_latin }}").render(Context({"v": None})) == ""
