"""Discover fixtures: an edition with a few of our own Urdu stories, published for real."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

# (section slug, headline, body) — written for these tests.
STORIES = {
    "match": (
        "khel",
        "لاہور ٹی ٹوئنٹی میں پاکستان نے سری لنکا کو سات وکٹوں سے ہرا دیا",
        "قذافی اسٹیڈیم لاہور میں کھیلے گئے پہلے ٹی ٹوئنٹی میچ میں پاکستان نے سری لنکا کو سات "
        "وکٹوں سے شکست دی۔ کپتان نے کہا کہ بولروں نے شاندار کارکردگی دکھائی اور بلے بازوں نے "
        "ہدف آسانی سے حاصل کر لیا۔ سیریز کا دوسرا میچ جمعے کو راولپنڈی میں ہو گا۔",
    ),
    "squad": (
        "khel",
        "راولپنڈی ٹی ٹوئنٹی کے لیے پاکستان کرکٹ ٹیم کا اعلان، نوجوان بولر شامل",
        "سری لنکا کے خلاف راولپنڈی میں ہونے والے دوسرے ٹی ٹوئنٹی میچ کے لیے پاکستان کرکٹ ٹیم "
        "کا اعلان کر دیا گیا۔ لاہور میں پہلا میچ جیتنے والی ٹیم میں ایک تبدیلی کی گئی ہے اور "
        "نوجوان بولر کو موقع دیا گیا ہے۔ کپتان کے مطابق وکٹ بلے بازوں کے لیے سازگار ہو گی۔",
    ),
    "flood": (
        "mahoul",
        "سندھ میں سیلاب، سکھر اور لاڑکانہ کے ہزاروں خاندان بے گھر",
        "دریائے سندھ میں پانی کی سطح بلند ہونے سے سکھر اور لاڑکانہ کے دیہات زیر آب آ گئے۔ "
        "امدادی ٹیموں نے کشتیوں کے ذریعے لوگوں کو محفوظ مقامات پر منتقل کیا اور خیمہ بستیاں "
        "قائم کی گئیں۔ محکمہ موسمیات نے مزید بارشوں کی پیش گوئی کی ہے۔",
    ),
    "budget": (
        "maeeshat",
        "وفاقی بجٹ میں ترقیاتی اخراجات کم، تنخواہ دار طبقے کو معمولی ریلیف",
        "وزیر خزانہ نے قومی اسمبلی میں نئے مالی سال کا بجٹ پیش کیا جس میں ترقیاتی منصوبوں کی "
        "رقم کم کی گئی اور تنخواہ دار طبقے کے ٹیکس میں معمولی ریلیف دیا گیا۔ اپوزیشن نے بجٹ کو "
        "عوام دشمن قرار دیا۔",
    ),
}


def add_story(edition, key: str, hours_ago: float = 1.0, live: bool = True, body: str = ""):
    """Create a story under its section and publish it through a revision (signals fire)."""
    from akhbar.newsroom.models import ArticlePage, SectionPage

    slug, headline, text = STORIES[key]
    section = SectionPage.objects.child_of(edition).get(slug=slug)
    page = ArticlePage(
        headline=headline,
        standfirst=headline,
        live=False,
        body=[("paragraph", f"<p>{body or text}</p>")],
    )
    section.add_child(instance=page)
    page.first_published_at = timezone.now() - timedelta(hours=hours_ago)
    page.save()
    if live:
        page.save_revision().publish()
    return ArticlePage.objects.get(pk=page.pk)


@pytest.fixture
def stories(edition):
    """The four stories published, oldest first; the match is the newest."""
    return {
        key: add_story(edition, key, hours_ago=hours)
        for key, hours in (("budget", 30), ("flood", 20), ("squad", 5), ("match", 2))
    }
