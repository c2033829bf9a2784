"""deploy/nginx.conf for real: Debian's nginx in front of `akhbar serve`, both started here.

The newsroom works in separate processes, as on a server (`akhbar shell` stands for the
admin or the scheduler): each change must be on the reader's screen through nginx's
cache as soon as the publishing process returns, with no waiting and no polling, because
the purge runs before publishing finishes. Pages are cached for a minute, so any page
found fresh here was replaced by a purge, not by expiry. Both of nginx's caches are in
play: page files akhbar writes for nginx (plain URLs) and proxy_cache (the rest).
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime, timedelta
from email.message import Message
from pathlib import Path

import pytest

from deploy.nginx import Nginx, free_port, wait_for_port

pytestmark = pytest.mark.slow
AKHBAR = Path(sys.executable).parent / "akhbar"
PASSWORD = "Qalam-o-Dawat-2025!"  # noqa: S105 - a test login
# nginx's answer from its cache: HIT from proxy_cache, FILE from akhbar's page files.
CACHED = ("HIT", "FILE")


class Site:
    def __init__(self, home: Path, env: dict, nginx: Nginx, origin: str):
        self.home, self.env, self.nginx, self.origin = home, env, nginx, origin

    def shell(self, code: str) -> dict:
        """Run Python in a separate akhbar process; it prints one JSON object."""
        out = subprocess.run(  # noqa: S603 - our own command
            [str(AKHBAR), "shell", "-c", code],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout.strip().splitlines()[-1])

    def get(self, path: str, opener=None, **headers) -> tuple[int, Message, str]:
        """Through nginx; headers come back case-insensitive (granian lower-cases them)."""
        request = urllib.request.Request(self.nginx.url + path, headers=headers)
        try:
            with (opener or urllib.request.build_opener()).open(request, timeout=30) as r:
                return r.status, r.headers, r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read().decode("utf-8", "replace")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("deploy")
    home = root / "home"
    nginx_port, refresh_port, origin_port = free_port(), free_port(), free_port()
    skip = ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env.update(
        AKHBAR_HOME=str(home),
        AKHBAR_NGINX_REFRESH_URL=f"http://127.0.0.1:{refresh_port}",
        AKHBAR_PUBLIC_HOSTS="127.0.0.1",
        AKHBAR_PUBLIC_SCHEME="http",
        AKHBAR_PAGECACHE_DIR=str(root / "pages"),
    )
    subprocess.run([str(AKHBAR), "init"], env=env, check=True, capture_output=True, timeout=300)
    server = subprocess.Popen(  # noqa: S603
        [str(AKHBAR), "serve", "--port", str(origin_port), "--workers", "2",
         "--no-worker", "--no-scheduler"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    nginx = Nginx(
        root / "nginx", f"127.0.0.1:{origin_port}", home / "static", home / "media",
        port=nginx_port, refresh_port=refresh_port, pages_root=root / "pages",
    )
    try:
        wait_for_port(origin_port, timeout=300, process=server)  # first collectstatic
        with nginx:
            yield Site(home, env, nginx, f"http://127.0.0.1:{origin_port}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # granian and its workers
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


NEW_STORY = """
import json
from akhbar.newsroom.models import ArticlePage, SectionPage
section = SectionPage.objects.get(slug="khel", locale__language_code="ur")
story = ArticlePage(headline={headline!r}, standfirst="کھیل کی خبر")
section.add_child(instance=story)
story.save_revision().publish()
print(json.dumps({{"url": story.url, "pk": story.pk, "home": section.get_parent().url,
                   "section": section.url}}))
"""


@pytest.fixture(scope="module")
def urls(site) -> dict:
    return site.shell(
        "import json; from django.urls import reverse; "
        "from akhbar.newsroom.models import EditionPage; "
        "print(json.dumps({'home': EditionPage.objects.get(locale__language_code='ur').url, "
        "'rss': reverse('distribution:edition-rss', kwargs={'language': 'ur'}), "
        "'news': reverse('distribution:sitemap', kwargs={'section': 'news'})}))"
    )


@pytest.fixture(scope="module")
def home_url(urls) -> str:
    return urls["home"]


def test_second_request_comes_from_nginx_cache(site, home_url):
    status, headers, _ = site.get(home_url)
    assert status == 200
    status, headers, body = site.get(home_url)
    assert headers["X-Cache"] == "FILE"  # the page file akhbar wrote on the first request
    assert "s-maxage=" in headers["Cache-Control"]
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["X-Frame-Options"] == "DENY"
    paged = home_url + "?page=1"  # a query string: never a file, nginx's proxy cache
    assert site.get(paged)[1]["X-Cache"] == "MISS"
    assert site.get(paged)[1]["X-Cache"] == "HIT"
    # The page's own assets: hashed names, served by nginx, kept for a year, compressed.
    css = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', body)
    assert css, "no hashed stylesheet link in the page"
    status, headers, _ = site.get(css.group(1), **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert "immutable" in headers["Cache-Control"]
    assert headers.get("Content-Encoding") == "gzip"


def test_root_redirect_is_cached_per_accept_language(site, home_url):
    class Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    stay = urllib.request.build_opener(Stay())
    answers = [site.get("/", opener=stay, **{"Accept-Language": "ur"}) for _ in range(2)]
    assert [a[0] for a in answers] == [302, 302]
    assert answers[0][1]["Location"].endswith(home_url)
    assert answers[1][1]["X-Cache"] == "HIT"
    english = site.get("/", opener=stay, **{"Accept-Language": "en-GB,en;q=0.8"})
    assert english[1]["X-Cache"] == "MISS"  # another language, another answer
    assert not english[1]["Location"].endswith(home_url)


def test_publish_update_unpublish_reach_readers_at_once(site, home_url):
    story = site.shell(NEW_STORY.format(headline="سبز شاہین نے فائنل جیت لیا"))
    for path in (home_url, story["section"]):
        site.get(path)  # whatever was cached before, the story is now in it
    status, headers, body = site.get(home_url)
    assert headers["X-Cache"] in CACHED and "سبز شاہین" in body
    status, _, section_before = site.get(story["section"])
    assert "سبز شاہین" in section_before

    site.shell(
        "import json; from akhbar.newsroom.models import ArticlePage; "
        f"a = ArticlePage.objects.get(pk={story['pk']}); "
        "a.headline = 'نیلے شاہین نے فائنل جیت لیا'; "
        "a.save_revision().publish(); print(json.dumps({}))"
    )
    for path in (story["url"], home_url, story["section"]):
        status, headers, body = site.get(path)
        assert status == 200 and "نیلے شاہین" in body, path
        assert "سبز شاہین" not in body, path
        assert headers["X-Cache"] in CACHED, path  # the purge put the new page in the cache

    site.shell(
        "import json; from akhbar.newsroom.models import ArticlePage; "
        f"ArticlePage.objects.get(pk={story['pk']}).unpublish(); print(json.dumps({{}}))"
    )
    status, _, _ = site.get(story["url"])
    assert status == 404
    for path in (home_url, story["section"]):
        assert "نیلے شاہین" not in site.get(path)[2], path


def login(site) -> urllib.request.OpenerDirector:
    site.shell(
        "import json; from django.contrib.auth import get_user_model; "
        "U = get_user_model(); U.objects.filter(username='desk').exists() or "
        f"U.objects.create_superuser('desk', 'desk@example.org', {PASSWORD!r}); "
        "print(json.dumps({}))"
    )
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    status, _, form = site.get("/admin/login/", opener=opener)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode(
        {"username": "desk", "password": PASSWORD, "csrfmiddlewaretoken": token, "next": "/admin/"}
    ).encode()
    page = site.nginx.url + "/admin/login/"
    request = urllib.request.Request(page, data=data, headers={"Referer": page})
    with opener.open(request, timeout=30) as r:
        assert r.status == 200
    assert any(c.name == "sessionid" for c in jar), "login failed"
    return opener


def test_logged_in_staff_never_get_or_leave_cached_pages(site, home_url):
    site.get(home_url)
    assert site.get(home_url)[1]["X-Cache"] in CACHED
    desk = login(site)
    fresh = home_url + "?desk=1"  # a URL no reader has asked for yet
    for path in (home_url, fresh, fresh):
        status, headers, body = site.get(path, opener=desk)
        assert status == 200
        assert headers["X-Cache"] == "BYPASS", path  # never given the readers' copy
        assert "private" in headers["Cache-Control"] and "no-store" in headers["Cache-Control"]
    # Nothing the editor was sent was kept for readers.
    assert site.get(fresh)[1]["X-Cache"] == "MISS"
    assert site.get(fresh)[1]["X-Cache"] == "HIT"


EMBARGO = """
import json, tempfile
from pathlib import Path
from akhbar.wire.ingest import ingest_file
doc = Path(tempfile.mkdtemp()) / "e.json"
doc.write_text({doc!r}, "utf-8")
(outcome,) = ingest_file(doc)
from akhbar.newsroom.models import ArticlePage
page = ArticlePage.objects.get(uri={uri!r})
print(json.dumps({{"action": outcome.action, "url": page.url, "live": page.live,
                   "section": page.get_parent().url}}))
"""

RELEASE = """
import json
from akhbar.newsroom.models import ArticlePage
from akhbar.newsroom.scheduler import backdate, publish_due
page = ArticlePage.objects.get(uri={uri!r})
backdate(page)
run = publish_due()
print(json.dumps({{"published": run.published}}))
"""


def test_embargoed_story_never_in_cache_before_release_and_in_it_at_release(site, urls):
    home_url, feed, news = urls["home"], urls["rss"], urls["news"]
    token, uri = "یاقوتی", "urn:akhbar:test:deploy:yaqooti"
    doc = {
        "uri": uri,
        "type": "text",
        "language": "ur",
        "versioncreated": datetime.now(UTC).isoformat(),
        "embargoed": (datetime.now(UTC) + timedelta(hours=2)).isoformat(),
        "headline": f"{token} ستاروں کی رات کا اعلان",
        "body_html": f"<p>{token} رصد گاہ میں تقریب ہو گی۔</p>",
        "subject": [{"name": "ثقافت", "code": "medtop:01000000"}],
    }
    story = site.shell(EMBARGO.format(doc=json.dumps(doc), uri=uri))
    assert story["action"] == "created" and not story["live"]
    for path in (home_url, story["section"], feed, news):
        for _ in range(2):  # the first fills the cache, the second is served from it
            status, _, body = site.get(path)
            assert token not in body, path
    assert site.get(story["url"])[0] == 404
    released = site.shell(RELEASE.format(uri=uri))
    assert released["published"]
    for path in (home_url, story["section"], story["url"], feed, news):
        status, _, body = site.get(path)
        assert status == 200 and (token in body or urllib.parse.quote(token) in body), path


def test_refresh_listener_is_not_open_to_readers_methods(site):
    request = urllib.request.Request(site.nginx.refresh_url + "/", method="POST", data=b"x")
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(request, timeout=10)
    assert err.value.code == 403
