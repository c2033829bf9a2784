"""The reader's page cache: finished pages kept in the web process, dropped on publish.

Two halves, one rule: a page is cached only when the origin says so in its own headers,
the way nginx or a CDN would read them.

- `CachePolicyMiddleware` (Django) decides the headers. A Wagtail page answered to an
  anonymous GET gets `Cache-Control: public` with a short browser life, a longer shared
  life (`s-maxage`), `stale-while-revalidate`/`stale-if-error`, and an ETag; anyone with a
  session (staff, previews, logged-in readers) gets `private, no-store`.
- `PageCache` (WSGI, in front of Django) stores what those headers allow and answers the
  next reader before Django runs at all. Requests with a session cookie or an
  Authorization header, the admin, static and media files always pass through.

Several web processes (granian workers), the scheduler, the task worker and `akhbar import`
all publish, so a purge must reach every process: purges are appended to a small log file
in AKHBAR_HOME (`purge_paths`), and each process compares the log's size with what it has
read (one `stat` per request) before answering from its memory. A page rendered while a
purge happened is neither stored here nor allowed into nginx (`no-store`), so a reader
request racing a publish cannot keep old copy alive.

Behind nginx on the same machine (AKHBAR_PAGECACHE_DIR set), each stored HTML page is also
written as a file that nginx serves directly (`PageFiles`); purges remove those files too.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import quote_etag

PURGE_ALL = "*"
LOG_ROTATE_BYTES = 1 << 20
MAX_ENTRY_BYTES = 4 << 20
CACHEABLE_STATUS = {200, 404}
CACHED_TYPES = ("text/html", "xml", "text/plain")  # pages, feeds, sitemaps, robots.txt
VARY_KEYED = {"accept-encoding"}  # the only Vary the cache key accounts for
# Response headers that belong to one answer, not to the stored page.
HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "date", "age"}


# -- the policy: which answers may be cached, and for how long ------------------------


def _has_session(request) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES


class CachePolicyMiddleware:
    """Cache headers for reader pages: public for anonymous readers, private for staff."""

    def __init__(self, get_response: Callable):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is None or match.url_name != "wagtail_serve":
            return response
        if _has_session(request) or "HTTP_AUTHORIZATION" in request.META:
            # Staff see drafts' userbar and previews; nothing they see may be shared.
            patch_cache_control(response, private=True, no_store=True)
            return response
        if (
            request.method not in ("GET", "HEAD")
            or response.status_code not in CACHEABLE_STATUS
            or response.has_header("Cache-Control")
            or response.cookies
            or response.streaming
        ):
            return response
        patch_cache_control(
            response,
            public=True,
            max_age=settings.AKHBAR_PAGECACHE_BROWSER_SECONDS,
            s_maxage=settings.AKHBAR_PAGECACHE_SECONDS,
            stale_while_revalidate=settings.AKHBAR_PAGECACHE_STALE_SECONDS,
            stale_if_error=86400,
        )
        # The answer is the same for every anonymous reader whatever cookies they carry
        # (anyone with a session never gets here), so caches must not split on Cookie.
        vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
        vary = [v for v in vary if v.lower() != "cookie"]
        if vary:
            response["Vary"] = ", ".join(vary)
        elif response.has_header("Vary"):
            del response["Vary"]
        if response.status_code == 200 and not response.has_header("ETag"):
            digest = hashlib.blake2b(response.content, digest_size=12).hexdigest()
            response["ETag"] = quote_etag(digest)
            conditional = get_conditional_response(
                request, etag=response["ETag"], response=response
            )
            if conditional is not None:
                return conditional
        return response


# -- the purge log shared by every process on this machine ---------------------------


def log_path() -> Path:
    return Path(settings.AKHBAR_PAGECACHE_LOG)


def normalise_path(path: str) -> str:
    """The decoded path (Urdu slugs as text) that cache entries and purges both use."""
    return unquote(path) or "/"


def purge_paths(paths: Iterable[str]) -> None:
    """Drop these paths (every query string of each; `*` for all) from every page cache.

    One append of whole lines, so concurrent writers never interleave a line.
    """
    lines = sorted({normalise_path(p) for p in paths})
    if not lines:
        return
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        size = 0
    if size > LOG_ROTATE_BYTES:
        # A new file (new inode) tells every reader to start over with an empty cache.
        fresh = path.with_suffix(".new")
        fresh.write_text(PURGE_ALL + "\n", "utf-8")
        os.replace(fresh, path)
    data = "".join(line.replace("\n", " ") + "\n" for line in lines).encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
    # After the log line, never before: a process writing a page file checks the log
    # after writing, so either it sees this purge or this unlink removes its file.
    pages = pages_dir()
    if pages is not None:
        PageFiles(pages).purge(lines)


# -- page files for nginx ----------------------------------------------------------------


def pages_dir() -> Path | None:
    """Where finished pages are written as files for nginx (None: not at all)."""
    value = getattr(settings, "AKHBAR_PAGECACHE_DIR", None)
    return Path(value) if value else None


class PageFiles:
    """Finished pages as `<dir>/<host>/<path>/index.html`, which nginx serves as plain files.

    deploy/nginx.conf tries this file first for an anonymous GET without a query string,
    so a cached page costs nginx exactly what a static file costs. Files are written
    atomically (a reader never gets half a page), removed on purge, and removed after
    AKHBAR_PAGECACHE_SECONDS by `sweep`, so time-bound changes (a breaking banner's end)
    show within that time as they do in nginx's own cache.
    """

    NAME = "index.html"

    def __init__(self, root: Path):
        self.root = root

    def file_for(self, host: str, path: str) -> Path | None:
        host = host.split(":")[0].lower()
        parts = [p for p in path.split("/") if p]
        if not host or host.startswith(".") or "/" in host or "\x00" in path:
            return None
        if any(p in (".", "..") or len(p.encode()) > 200 for p in parts):
            return None
        return self.root.joinpath(host, *parts, self.NAME)

    def write(self, host: str, path: str, body: bytes) -> Path | None:
        target = self.file_for(host, path)
        if target is None:
            return None
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f".{self.NAME}.{os.getpid()}.{threading.get_ident()}")
        temp.write_bytes(body)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
        return target

    def purge(self, paths: Iterable[str]) -> None:
        if not self.root.is_dir():
            return
        hosts = [h for h in self.root.iterdir() if h.is_dir()]
        for path in paths:
            if path == PURGE_ALL:
                for page in self.root.rglob(self.NAME):
                    page.unlink(missing_ok=True)
                continue
            for host in hosts:
                target = self.file_for(host.name, path)
                if target is not None:
                    target.unlink(missing_ok=True)

    def sweep(self, older_than: float) -> int:
        """Remove pages written more than `older_than` seconds ago; returns how many."""
        removed = 0
        cutoff = time.time() - older_than
        for page in self.root.rglob(self.NAME):
            try:
                if page.stat().st_mtime < cutoff:
                    page.unlink(missing_ok=True)
                    removed += 1
            except FileNotFoundError:
                continue
        return removed


def start_sweeper(files: PageFiles, lifetime: float, every: float = 5.0) -> threading.Thread:
    """A daemon thread of this web process removing page files past their lifetime."""

    def loop() -> None:
        while True:
            time.sleep(every)
            try:
                files.sweep(lifetime)
            except OSError:  # a folder removed under us: try again next round
                continue

    thread = threading.Thread(target=loop, name="akhbar-pagefiles-sweeper", daemon=True)
    thread.start()
    return thread


# -- the store -------------------------------------------------------------------------


@dataclass
class Entry:
    status: str
    headers: list[tuple[str, str]]
    body: bytes
    etag: str
    path: str
    stored: float
    expires: float


class LocalStore:
    """Pages of this process, bounded in bytes: the longest-stored go first when full."""

    def __init__(self, max_bytes: int, log: Path):
        self.max_bytes = max_bytes
        self.log = log
        self.entries: OrderedDict[str, Entry] = OrderedDict()
        self.by_path: dict[str, set[str]] = {}
        self.size = 0
        self.lock = threading.Lock()
        self.seen: tuple[int, int] = (-1, -1)  # (inode, bytes read) of the purge log

    def sync(self) -> tuple[int, int]:
        """Apply purges other processes logged since the last look; returns the log mark."""
        try:
            st = os.stat(self.log)
            mark = (st.st_ino, st.st_size)
        except FileNotFoundError:
            mark = (0, 0)
        if mark == self.seen:
            return mark
        with self.lock:
            inode, offset = self.seen
            if inode == -1:
                # First look: the purges already logged concern pages this process never had.
                self.seen = mark
                return mark
            if inode != mark[0] or offset > mark[1]:
                if inode != 0:  # replaced or truncated (not merely created): start over
                    self._clear()
                offset = 0
            if mark[1] > offset:
                with open(self.log, "rb") as fh:
                    fh.seek(offset)
                    chunk = fh.read(mark[1] - offset)
                # A writer may be mid-line: read whole lines only, the rest next time.
                complete = chunk.rfind(b"\n") + 1
                for line in chunk[:complete].decode("utf-8", "replace").splitlines():
                    self._drop(line)
                offset += complete
            self.seen = (mark[0], offset)
            return self.seen

    def _clear(self) -> None:
        self.entries.clear()
        self.by_path.clear()
        self.size = 0

    def _drop(self, path: str) -> None:
        if path == PURGE_ALL:
            self._clear()
            return
        for key in self.by_path.pop(path, ()):
            entry = self.entries.pop(key, None)
            if entry is not None:
                self.size -= len(entry.body)

    def get(self, key: str) -> Entry | None:
        entry = self.entries.get(key)
        if entry is None:
            return None
        if entry.expires < time.monotonic():
            with self.lock:
                self._remove(key)
            return None
        return entry

    def _remove(self, key: str) -> None:
        entry = self.entries.pop(key, None)
        if entry is not None:
            self.size -= len(entry.body)
            keys = self.by_path.get(entry.path)
            if keys is not None:
                keys.discard(key)
                if not keys:
                    del self.by_path[entry.path]

    def put(self, key: str, entry: Entry, mark: tuple[int, int]) -> bool:
        """Store unless a purge arrived since `mark` (the page may predate it)."""
        if self.sync() != mark:
            return False
        if len(entry.body) > MAX_ENTRY_BYTES:
            return True  # too big to keep, but nothing stale about it
        with self.lock:
            if self.seen != mark:
                return False
            self._remove(key)
            self.entries[key] = entry
            self.by_path.setdefault(entry.path, set()).add(key)
            self.size += len(entry.body)
            while self.size > self.max_bytes and self.entries:
                self._remove(next(iter(self.entries)))
        return True


# -- the WSGI layer ----------------------------------------------------------------------


def _cache_lifetime(cache_control: str) -> int:
    """Seconds a shared cache may keep an answer with this Cache-Control (0: not at all)."""
    directives = {}
    for part in cache_control.lower().split(","):
        name, _, value = part.strip().partition("=")
        directives[name] = value.strip('"')
    if "public" not in directives or {"private", "no-store", "no-cache"} & directives.keys():
        return 0
    for name in ("s-maxage", "max-age"):
        if name in directives:
            try:
                return max(0, int(directives[name]))
            except ValueError:
                return 0
    return 0


class PageCache:
    """WSGI middleware: answer anonymous readers from memory; Django renders the rest."""

    def __init__(
        self, app: Callable, store: LocalStore | None = None, files: PageFiles | None = None
    ):
        self.app = app
        self.store = store or LocalStore(settings.AKHBAR_PAGECACHE_BYTES, log_path())
        self.files = files
        self.session_cookie = settings.SESSION_COOKIE_NAME + "="
        skip = [settings.STATIC_URL, settings.MEDIA_URL, "/admin/", "/documents/"]
        self.skip_prefixes = tuple(p for p in skip if p and p.startswith("/"))

    def bypass(self, environ: dict) -> bool:
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return True
        if "HTTP_AUTHORIZATION" in environ or "HTTP_RANGE" in environ:
            return True
        cookies = environ.get("HTTP_COOKIE", "")
        if self.session_cookie in cookies:
            return True
        return environ.get("PATH_INFO", "/").startswith(self.skip_prefixes)

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if self.bypass(environ):
            return self.app(environ, start_response)
        raw_path = environ.get("PATH_INFO", "/")
        path = normalise_path(raw_path.encode("latin-1", "replace").decode("utf-8", "replace"))
        scheme = environ.get("HTTP_X_FORWARDED_PROTO") or environ.get("wsgi.url_scheme", "http")
        host = environ.get("HTTP_HOST", "").lower()
        query = environ.get("QUERY_STRING", "")
        # Pages are gzipped by Django for clients that take it: one copy per encoding.
        encoding = "gzip" if "gzip" in environ.get("HTTP_ACCEPT_ENCODING", "") else "identity"
        key = f"{encoding} {scheme}://{host}{path}?{query}"
        mark = self.store.sync()
        entry = self.store.get(key)
        if entry is not None:
            return self.hit(entry, environ, start_response)
        return self.miss(key, path, mark, environ, start_response)

    def hit(self, entry: Entry, environ: dict, start_response: Callable) -> list[bytes]:
        age = str(int(time.monotonic() - entry.stored))
        headers = [*entry.headers, ("Age", age), ("X-Page-Cache", "HIT")]
        if entry.etag and entry.etag in environ.get("HTTP_IF_NONE_MATCH", ""):
            keep = {"cache-control", "etag", "vary", "content-language"}
            start_response(
                "304 Not Modified", [(k, v) for k, v in headers if k.lower() in keep]
            )
            return []
        start_response(entry.status, headers)
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else [entry.body]

    def miss(
        self, key: str, path: str, mark: tuple, environ: dict, start_response: Callable
    ) -> Iterable[bytes]:
        captured: dict = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return start_response(status, headers, exc_info) if exc_info else None

        result = self.app(environ, capture)
        status, headers = captured.get("status", ""), captured.get("headers", [])
        lifetime = 0
        if environ.get("REQUEST_METHOD") == "GET" and int(status[:3] or 0) in CACHEABLE_STATUS:
            names = {k.lower(): v for k, v in headers}
            vary = {v.strip().lower() for v in names.get("vary", "").split(",") if v.strip()}
            kind = names.get("content-type", "")
            if (
                "set-cookie" not in names
                and vary <= VARY_KEYED
                and any(t in kind for t in CACHED_TYPES)
            ):
                lifetime = _cache_lifetime(names.get("cache-control", ""))
        if not lifetime:
            start_response(status, [*headers, ("X-Page-Cache", "MISS")])
            return result
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        now = time.monotonic()
        stored_headers = [(k, v) for k, v in headers if k.lower() not in HOP_HEADERS]
        etag = next((v for k, v in headers if k.lower() == "etag"), "")
        entry = Entry(status, stored_headers, body, etag, path, now, now + lifetime)
        if not self.store.put(key, entry, mark):
            # A purge landed while this page was rendered: it may show the old story, so
            # neither this process nor nginx may keep it.
            headers = [(k, v) for k, v in headers if k.lower() != "cache-control"]
            headers.append(("Cache-Control", "no-store"))
        elif self.files is not None and self.as_file(environ, status, headers):
            written = self.files.write(environ.get("HTTP_HOST", ""), path, body)
            if written is not None and self.store.sync() != mark:
                written.unlink(missing_ok=True)  # a purge came in meanwhile
        start_response(status, [*headers, ("X-Page-Cache", "MISS")])
        return [body]


    @staticmethod
    def as_file(environ: dict, status: str, headers: list) -> bool:
        """Only what nginx can serve as a file unchanged: a plain, whole HTML page."""
        names = {k.lower(): v for k, v in headers}
        return (
            status.startswith("200")
            and not environ.get("QUERY_STRING")
            and names.get("content-type", "").startswith("text/html")
            and "content-encoding" not in names
        )


def wrap(app: Callable) -> Callable:
    """The WSGI app with the page cache in front, unless AKHBAR_PAGECACHE is off."""
    if not getattr(settings, "AKHBAR_PAGECACHE", False):
        return app
    files = None
    root = pages_dir()
    if root is not None:
        files = PageFiles(root)
        start_sweeper(files, settings.AKHBAR_PAGECACHE_SECONDS)
    return PageCache(app, files=files)
