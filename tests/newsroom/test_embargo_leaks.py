"""An embargoed wire story surfaces nowhere before its time, and everywhere after it.

The story comes in as ninjs with `embargoedUntil` two hours ahead. Every reader-facing
channel is then asked for it, one by one: the named channels (home, section, the story's
URL, another story's page, search page, search API, article list API, feeds, sitemaps,
listen) and, so a channel added later is not forgotten, every URL pattern of the project
outside the admin, with its parameters filled in (language, section, the story's id).
The test then moves the clock (the go-live time into the past), runs the scheduler
routine, and checks the story is in each channel.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from akhbar.newsroom.models import ArticlePage
from akhbar.newsroom.scheduler import backdate, publish_due
from tests.fixtures_ninjs import embargoed_ninjs

pytestmark = pytest.mark.django_db

TOKEN = "زبرجدی"  # an uncommon word, in the headline and body only of the embargoed story
URI = "urn:akhbar:test:embargo:zabarjadi-lake"
SKIP_PREFIXES = ("admin/", "documents/", "_util/", "media/", "django-admin/")
AUDIO_EXTS = ("mp3", "ogg", "opus", "m4a", "webm", "vtt", "json")


def embargoed_doc(until) -> dict:
    return embargoed_ninjs(
        URI,
        until,
        headline=f"{TOKEN} جھیل کے کنارے تحقیقی مرکز کا اعلان",
        summary="محکمہ جنگلات نے نئے مرکز کا منصوبہ بنایا",
        body_html=f"<p>{TOKEN} جھیل پر پرندوں کی گنتی ہر سال سردیوں میں کی جائے گی۔</p>",
        subject={
            "name": "ماحولیات",
            "uri": "http://cv.iptc.org/newscodes/mediatopic/06000000",
            "rel": "about",
        },
        picture=("lake.jpg", "جھیل کا کنارا"),
    )


@pytest.fixture
def embargoed(story, wire_dir: Path):
    """The embargoed story, imported beside the (live) Gwadar story."""
    from akhbar.wire.ingest import ingest_file

    (wire_dir / "lake.jpg").write_bytes((wire_dir / "picture.jpg").read_bytes())
    doc = wire_dir / "embargo.json"
    doc.write_text(json.dumps(embargoed_doc(timezone.now() + timedelta(hours=2))), "utf-8")
    (outcome,) = ingest_file(doc)
    assert outcome.action == "created", outcome
    return ArticlePage.objects.get(uri=URI)


def markers(page: ArticlePage) -> list[str]:
    """Strings that would give the story away: words, uri, slug, picture file name."""
    out = [TOKEN, page.headline, URI, page.slug, quote(page.slug)]
    if page.lead_image_id:
        out.append(Path(page.lead_image.file.name).stem)
    return out


def leaks(body: bytes, marks: list[str], url: str = "") -> list[str]:
    """The markers found in a response; a search page echoes its query word, so there
    the word alone is not a leak (the headline, link or picture would be)."""
    text = body.decode("utf-8", "replace")
    if "q=" in url:
        marks = [m for m in marks if m != TOKEN]
    return [m for m in marks if m and m in text]


def _patterns(resolver: URLResolver, prefix: str = ""):
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry.name


def fill(route: str, values: dict[str, list[str]]) -> list[str]:
    """Concrete URLs for a route, every parameter filled from `values` (none if unknown)."""
    names = re.findall(r"<(?:\w+:)?(\w+)>", route) + re.findall(r"\(\?P<(\w+)>", route)
    if any(n not in values for n in names):
        return []
    urls = [route]
    for name in dict.fromkeys(names):
        urls = [
            re.sub(rf"<(?:\w+:)?{name}>|\(\?P<{name}>[^)]*\)", v, u)
            for u in urls
            for v in values[name]
        ]
    out = []
    for url in urls:
        url = url.lstrip("^").rstrip("$").replace("\\.", ".")
        if not re.search(r"[()\\*+?\[\]]", url):
            out.append("/" + url)
    return out


def channels(page: ArticlePage) -> dict[str, str]:
    """Every reader-facing URL the project has, named; parameters filled in."""
    values = {
        "language": ["ur"],
        "section": [page.section.slug],
        "article_id": [str(page.pk)],
        "page_id": [str(page.pk)],
        "pk": [str(page.pk)],
        "id": [str(page.pk)],
        "ext": list(AUDIO_EXTS),
    }
    found = {}
    for route, name in _patterns(get_resolver()):
        if route.startswith(SKIP_PREFIXES) or name == "wagtail_serve":
            continue
        for url in fill(route, values):
            found[url] = name or route
    for url in list(found):
        if "search" in (found[url] or ""):
            found[url + "?q=" + quote(TOKEN)] = found.pop(url)
    return found


def test_embargoed_story_surfaces_nowhere_then_everywhere(embargoed, story, edition, client):
    page = embargoed
    assert not page.live and page.go_live_at > timezone.now(), "the embargo was not kept"
    assert page.get_latest_revision().approved_go_live_at is not None, "not scheduled"
    marks = markers(page)
    story_url = page.get_url()
    named = {
        "home": edition.get_url(),
        "section": page.section.get_url(),
        "another story (Discover, structured data)": story.get_url(),
    }
    generic = channels(page)
    for url in child_sitemaps(client):
        generic[url] = "sitemap"
    id_urls = {u for u in generic if str(page.pk) in u}

    # Before: the story's own URL is 404 for the public, a preview for staff.
    assert client.get(story_url).status_code == 404
    for url in [*named.values(), *generic]:
        response = client.get(url)
        assert not leaks(response.content, marks, url), (url, leaks(response.content, marks, url))
        if url in id_urls:
            assert response.status_code >= 400, (url, response.status_code)

    from django.contrib.auth import get_user_model

    staff = get_user_model().objects.create_superuser("desk", "desk@example.org", "x")
    client.force_login(staff)
    preview = client.get(f"/admin/pages/{page.pk}/view_draft/")
    assert preview.status_code == 200 and TOKEN in preview.content.decode()
    client.logout()

    # The scheduler does nothing before the time...
    assert publish_due().published == []
    assert client.get(story_url).status_code == 404
    # ...and publishes at it (the clock moved: the go-live time is now in the past).
    backdate(page)
    assert publish_due().published == [f"articlepage:{page.pk}"]

    response = client.get(story_url)
    assert response.status_code == 200 and TOKEN in response.content.decode()
    for label, url in named.items():
        if label.startswith("another"):
            continue  # Discover may rank other stories first; the list is not a promise
        assert TOKEN in client.get(url).content.decode(), label
    missing = []
    for url, name in generic.items():
        if url in id_urls:
            continue
        body = client.get(url).content
        if name in WHERE_IT_MUST_BE and not leaks(body, marks, url):
            missing.append(url)
    assert not missing, f"released story missing from {missing}"
    sitemaps = child_sitemaps(client)
    if sitemaps:
        bodies = [client.get(url).content for url in sitemaps]
        assert any(leaks(b, [quote(page.slug), page.slug]) for b in bodies), sitemaps
    seen = {name for name in generic.values()}
    absent = sorted(WHERE_IT_MUST_BE - seen)
    if absent:
        pytest.skip(f"checked; channels not built yet, so not checked after release: {absent}")


# Channels (URL names) that list every live story of the edition and must show it after
# release; others (robots.txt, the OpenAPI schema, podcasts of audio) need not.
WHERE_IT_MUST_BE = {
    "search",
    "search_stories",
    "articles",
    "edition-rss",
    "edition-atom",
    "section-rss",
    "section-atom",
}


def child_sitemaps(client) -> list[str]:
    """The sitemaps the index lists, as paths (the index names them by key, not section)."""
    response = client.get("/sitemap.xml")
    if response.status_code != 200:
        return []
    locs = re.findall(r"<loc>\s*([^<\s]+)\s*</loc>", response.content.decode())
    return [re.sub(r"^https?://[^/]+", "", loc).replace("&amp;", "&") for loc in locs]


def test_article_api_answers_after_release(embargoed, client):
    from akhbar.newsroom.scheduler import backdate as move

    routes = [u for u in channels(embargoed) if u.rstrip("/").endswith(f"/{embargoed.pk}")]
    if not routes:
        pytest.skip("no URL addresses a single article by id yet")
    for url in routes:
        assert client.get(url).status_code == 404, url
    move(embargoed)
    publish_due()
    for url in routes:
        assert client.get(url).status_code == 200, url


def test_reimport_with_embargo_lifted_publishes_now(embargoed, wire_dir: Path):
    """The agency lifts the embargo early (re-sends without it): the story goes live."""
    from akhbar.wire.ingest import ingest_file

    doc = embargoed_doc(timezone.now() - timedelta(minutes=1))
    doc["version"] = "2"
    doc["versionCreated"] = timezone.now().isoformat()
    (wire_dir / "embargo.json").write_text(json.dumps(doc), "utf-8")
    ingest_file(wire_dir / "embargo.json")
    page = ArticlePage.objects.get(uri=URI)
    assert page.live
    assert publish_due().published == []  # the old schedule was dropped, nothing pending


def test_embargoed_picture_has_no_address_anyone_can_work_out(embargoed, wire_dir: Path):
    """Media is served from disk with no permission check, so the picture of an embargoed
    story must not sit where its agency uri, its file name or its story would put it."""
    import hashlib

    from akhbar.newsroom.models import NewsImage

    image = embargoed.lead_image
    name = Path(image.file.name)
    assert name.parent.name == "original_images" and name.suffix == ".jpg"
    guesses = [
        hashlib.sha1(f"{URI}:image".encode()).hexdigest()[:16],  # the old wire-<digest> name
        "lake",  # the agency's file name
        embargoed.slug,
        str(embargoed.pk),
    ]
    assert not [g for g in guesses if g in name.stem], name
    assert len(name.stem) >= 24  # 18 random bytes: not enumerable
    # two pictures uploaded under the same name still get unrelated addresses
    twin = NewsImage(title="twin", alt_text="twin")
    assert twin.get_upload_to("lake.jpg") != twin.get_upload_to("lake.jpg")
    assert twin.get_upload_to("../../etc/passwd").startswith("original_images/")
    assert twin.get_upload_to("x.php%00.jpg").endswith(".jpg")
