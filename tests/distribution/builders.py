"""Builders for distribution tests: real pictures and stories made directly in the newsroom."""

from __future__ import annotations

import io
from datetime import datetime

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image, ImageDraw

from akhbar.newsroom.models import Agency, ArticlePage, Author, NewsImage, SectionPage

HOSTILE = 'کراچی </script><script>alert("x")</script> & <b>بندرگاہ</b> پر "نیا" دور'


def jpeg(width: int = 800, height: int = 450) -> bytes:
    """A real small JPEG."""
    im = Image.new("RGB", (width, height), "#264653")
    ImageDraw.Draw(im).rectangle((40, 40, width // 2, height // 2), fill="#e9c46a")
    out = io.BytesIO()
    im.save(out, "JPEG", quality=80)
    return out.getvalue()


def picture(name: str = "bandargah") -> NewsImage:
    image = NewsImage(
        title="بندرگاہ پر جہاز",
        alt_text="بندرگاہ کے کنارے کھڑا ایک مال بردار جہاز",
        caption="A cargo ship at the Karachi port",
        caption_language="en",
        credit="Reuters",
        file=ImageFile(io.BytesIO(jpeg()), name=f"{name}.jpg"),
    )
    image.save()
    return image


BODY = [
    ("paragraph", "<p>شہر کی بندرگاہ پر آج صبح سے سامان اتارنے کا کام معمول کے مطابق رہا۔</p>"),
    ("subhead", "مزدوروں کا مؤقف"),
    ("paragraph", "<p>مزدور یونین کے رہنما نے کہا کہ <b>اجرت</b> کا معاملہ جلد طے ہو گا۔</p>"),
    ("quote", {"text": "ہم کام نہیں روکیں گے۔", "attribution": "یونین کے صدر"}),
    ("paragraph", "<ul><li>پہلا جہاز</li><li>دوسرا جہاز</li></ul>"),
]


def make_story(
    section: SectionPage,
    headline: str,
    *,
    published: datetime | None = None,
    live: bool = True,
    image: NewsImage | None = None,
    body=None,
    standfirst: str = "بندرگاہ پر کام کا ایک عام دن، مزدوروں کی نظر سے",
    authors: tuple[str, ...] = (),
    agencies: tuple[str, ...] = (),
    tags: tuple[str, ...] = (),
    **extra,
) -> ArticlePage:
    """A story saved under `section`; published (as a revision) unless live=False."""
    page = ArticlePage(
        headline=headline,
        standfirst=standfirst,
        live=False,
        lead_image=image,
        body=BODY if body is None else body,
        **extra,
    )
    section.add_child(instance=page)
    page.first_published_at = published or timezone.now()
    page.authors.set([Author.objects.get_or_create(name=n)[0] for n in authors])
    page.agencies.set([Agency.objects.get_or_create(name=n)[0] for n in agencies])
    page.tags.set(list(tags))
    page.save()
    if live:
        page.save_revision().publish()
        page.refresh_from_db()
    return page


