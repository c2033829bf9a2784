"""Feed and sitemap generation time over 100,000 stories, vs Django's plain framework classes.

Builds a throwaway SQLite database (file, WAL, the production settings' engine options)
with the Urdu edition and N stories spread over its seven sections and two years (some in
the last 48 hours for the News sitemap), all sharing one lead picture. Stories are made
fast: one real ArticlePage per section through Wagtail, then its `wagtailcore_page` and
`newsroom_articlepage` rows are copied with raw `executemany` inserts (new id, treebeard
path, slug, url_path, translation key, dates), and the sections' `numchild` is fixed.
Every output is made by calling its view with a RequestFactory request (no middleware),
akhbar's and the references alike, so the figures compare the views themselves.

Measured (median of --repeat runs, milliseconds):

- akhbar RSS edition feed (50 items, enclosures): uncached (cache cleared: one aggregate
  query + build), cached (aggregate + cache hit), 304 (If-None-Match), and full text;
- Django's plain syndication Feed over the same stories (live().public() newest 50, URL
  from Wagtail's `page.full_url`), the reference;
- akhbar story sitemap (first page: 50,000 URLs) uncached / cached, the sitemap index,
  and the Google News sitemap;
- Django's plain `GenericSitemap` over the same stories (lastmod from
  last_published_at, location from Wagtail's `page.url`), the reference.

    .venv/bin/python bench/distribution.py [--stories 100000] [--repeat 5]

Reads nothing from /work/shared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ["DJANGO_SETTINGS_MODULE"] = "akhbar.settings.test"  # throwaway AKHBAR_HOME

import django  # noqa: E402

django.setup()

from django.contrib.sitemaps import GenericSitemap  # noqa: E402
from django.contrib.sitemaps import views as sitemap_views  # noqa: E402
from django.contrib.syndication.views import Feed  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import RequestFactory  # noqa: E402

NOW = datetime.now(UTC)
SECTIONS = ["siyasat", "maeeshat", "khel", "science", "sehat", "saqafat", "mahoul"]


def build(n: int) -> None:
    """The edition, one real story per section, then n stories in all by copying rows."""
    from akhbar.newsroom.editions import ensure_edition
    from akhbar.newsroom.models import ArticlePage, NewsImage, SectionPage

    call_command("migrate", verbosity=0)
    edition = ensure_edition("ur")
    image = picture()
    image.get_rendition("width-1200")
    sections = [SectionPage.objects.child_of(edition).get(slug=s) for s in SECTIONS]
    templates = []
    for section in sections:
        page = ArticlePage(
            headline="بجٹ پر قومی اسمبلی میں بحث جاری، اپوزیشن کا واک آؤٹ",
            standfirst="وزیرِ خزانہ نے کہا کہ ترقیاتی اخراجات میں کٹوتی نہیں ہو گی",
            lead_image=image,
            body=[("paragraph", "<p>اجلاس میں حکومت اور حزبِ اختلاف کے ارکان نے تقاریر کیں۔</p>"),
                  ("paragraph", "<p>بحث کل بھی جاری رہے گی اور ووٹنگ جمعے کو متوقع ہے۔</p>")],
        )
        section.add_child(instance=page)
        page.save_revision().publish()
        templates.append(page)
    assert NewsImage.objects.count() == 1
    with connection.cursor() as cur:
        cur.execute("SELECT MAX(id) FROM wagtailcore_page")
        next_id = cur.fetchone()[0] + 1
        page_cols, page_rows = _row(cur, "wagtailcore_page", "id", templates)
        art_cols, art_rows = _row(cur, "newsroom_articlepage", "page_ptr_id", templates)
    per_section = (n - len(sections)) // len(sections) + 1
    pages, articles = [], []
    made = len(sections)
    for s_i, section in enumerate(sections):
        base_page, base_art = page_rows[s_i], art_rows[s_i]
        for k in range(2, per_section + 2):
            if made >= n:
                break
            made += 1
            pid = next_id
            next_id += 1
            # Most stories spread over two years; every 300th within the last 48 hours.
            age = timedelta(hours=(made % 47) + 0.5) if made % 300 == 0 else timedelta(
                minutes=made * 10 % (60 * 24 * 730) + 60 * 48)
            when = connection.ops.adapt_datetimefield_value(NOW - age)
            slug = f"khabar-{pid}"
            row = dict(base_page, id=pid, path=ArticlePage._get_path(section.path, 4, k),
                       slug=slug, url_path=f"{section.url_path}{slug}/",
                       translation_key=uuid.uuid4().hex, first_published_at=when,
                       last_published_at=when, latest_revision_created_at=when,
                       latest_revision_id=None, live_revision_id=None,
                       title=f"{base_page['title']} {pid}",
                       draft_title=f"{base_page['title']} {pid}")
            pages.append(tuple(row[c] for c in page_cols))
            art = dict(base_art, page_ptr_id=pid, headline=f"{base_art['headline']} ({pid})",
                       uri=None, updated_at=when)
            articles.append(tuple(art[c] for c in art_cols))
        SectionPage.objects.filter(pk=section.pk).update(numchild=per_section + 1)
    with transaction.atomic(), connection.cursor() as cur:
        _insert(cur, "wagtailcore_page", page_cols, pages)
        _insert(cur, "newsroom_articlepage", art_cols, articles)
    cur = connection.cursor()
    cur.execute("ANALYZE")


def picture():
    """One real JPEG lead picture shared by every story."""
    import io

    from django.core.files.images import ImageFile
    from PIL import Image

    from akhbar.newsroom.models import NewsImage

    out = io.BytesIO()
    Image.new("RGB", (1600, 900), "#2a9d8f").save(out, "JPEG", quality=80)
    image = NewsImage(title="بینچ", alt_text="ایک سادہ رنگین تصویر", caption="A plain picture",
                      caption_language="en", credit="akhbar",
                      file=ImageFile(io.BytesIO(out.getvalue()), name="bench.jpg"))
    image.save()
    return image


def _row(cur, table: str, key: str, pages) -> tuple[list[str], list[dict]]:
    ids = [p.pk for p in pages]
    cur.execute(f"SELECT * FROM {table} WHERE {key} IN ({','.join('%s' for _ in ids)})", ids)  # noqa: S608
    cols = [c[0] for c in cur.description]
    rows = {r[cols.index(key)]: dict(zip(cols, r, strict=True)) for r in cur.fetchall()}
    return cols, [rows[i] for i in ids]


def _insert(cur, table: str, cols: list[str], rows: list[tuple]) -> None:
    marks = ",".join("%s" for _ in cols)
    names = ",".join(f'"{c}"' for c in cols)
    cur.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608


class PlainFeed(Feed):
    """Django's syndication Feed as the docs write it (the reference)."""

    title = "اخبار"
    link = "/"
    description = "plain"

    def items(self):
        from akhbar.newsroom.models import ArticlePage

        return ArticlePage.objects.live().public().order_by("-first_published_at")[:50]

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        return item.standfirst

    def item_link(self, item):
        return item.full_url

    def item_pubdate(self, item):
        return item.first_published_at


class PlainSitemap(GenericSitemap):
    def location(self, item):
        return item.url


def plain_sitemap(request):
    from akhbar.newsroom.models import ArticlePage

    qs = ArticlePage.objects.live().public().order_by("-first_published_at")
    maps = {"ur": PlainSitemap({"queryset": qs, "date_field": "last_published_at"})}
    return sitemap_views.sitemap(request, maps, section="ur").render()


def timed(fn, repeat: int, before=None) -> tuple[float, object]:
    times, result = [], None
    fn()  # warm-up (imports, template loading, first connection), not counted
    for _ in range(repeat):
        if before:
            before()
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    start = time.perf_counter()
    build(args.stories)
    print(f"built {args.stories:,} stories in {time.perf_counter() - start:.1f} s "
          f"(SQLite {connection.settings_dict['NAME']})")
    from akhbar.distribution import views

    factory = RequestFactory(HTTP_HOST="localhost")
    r = args.repeat
    rows = []
    routes = {
        "/feeds/ur.rss": (views.edition_rss, {"language": "ur"}),
        "/feeds/ur.atom": (views.edition_atom, {"language": "ur"}),
        "/feeds/ur/khel.rss": (views.edition_rss, {"language": "ur", "section": "khel"}),
        "/sitemap-ur.xml": (views.sitemap_section, {"section": "ur"}),
        "/sitemap-news.xml": (views.sitemap_section, {"section": "news"}),
        "/sitemap.xml": (views.sitemap_index, {}),
    }

    def get(url, **headers):
        path, _, query = url.partition("?")
        view, kwargs = routes[path]
        request = factory.get(url, **headers)
        response = view(request, **kwargs)
        assert response.status_code in (200, 304), (url, response.status_code)
        return response

    plain_feed, resp = timed(lambda: PlainFeed()(factory.get("/plain.rss")), r)
    rows.append(("feed  Django plain Feed (reference)", plain_feed, len(resp.content)))
    ms, resp = timed(lambda: get("/feeds/ur.rss"), r, before=cache.clear)
    rows.append(("feed  akhbar RSS uncached", ms, len(resp.content)))
    ms, resp = timed(lambda: get("/feeds/ur.rss"), r)
    rows.append(("feed  akhbar RSS cached", ms, len(resp.content)))
    etag = resp["ETag"]
    ms, resp = timed(lambda: get("/feeds/ur.rss", HTTP_IF_NONE_MATCH=etag), r)
    rows.append(("feed  akhbar RSS 304", ms, len(resp.content)))
    ms, resp = timed(lambda: get("/feeds/ur.atom?full=1"), r, before=cache.clear)
    rows.append(("feed  akhbar Atom full text uncached", ms, len(resp.content)))
    ms, resp = timed(lambda: get("/feeds/ur/khel.rss"), r, before=cache.clear)
    rows.append(("feed  akhbar section RSS uncached", ms, len(resp.content)))

    plain_map, resp = timed(lambda: plain_sitemap(factory.get("/plain.xml")), r)
    rows.append(("map   Django plain GenericSitemap (reference)", plain_map, len(resp.content)))
    ms, resp = timed(lambda: get("/sitemap-ur.xml"), r, before=cache.clear)
    rows.append(("map   akhbar story sitemap uncached", ms, len(resp.content)))
    ms, resp = timed(lambda: get("/sitemap-ur.xml"), r)
    rows.append(("map   akhbar story sitemap cached", ms, len(resp.content)))
    ms, resp = timed(lambda: get("/sitemap.xml"), r, before=cache.clear)
    rows.append(("map   akhbar sitemap index uncached", ms, len(resp.content)))
    ms, resp = timed(lambda: get("/sitemap-news.xml"), r, before=cache.clear)
    rows.append(("map   akhbar News sitemap uncached", ms, len(resp.content)))

    print(f"\n{'output':48} {'median ms':>10} {'bytes':>11}  vs reference")
    for name, ms, size in rows:
        ref = plain_feed if name.startswith("feed") else plain_map
        print(f"{name:48} {ms:10.1f} {size:11,}  {ref / ms:6.2f}x faster" if ms else name)


if __name__ == "__main__":
    main()
