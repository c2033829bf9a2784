"""The page cache's store and purge log, without Django's request cycle: the pure parts."""

from __future__ import annotations

import os

from akhbar.site.pagecache import (
    LOG_ROTATE_BYTES,
    PURGE_ALL,
    Entry,
    LocalStore,
    _cache_lifetime,
    purge_paths,
)


def entry(path: str, body: bytes = b"<p>page</p>", ttl: float = 60) -> Entry:
    import time

    now = time.monotonic()
    return Entry("200 OK", [("Content-Type", "text/html")], body, '"e"', path, now, now + ttl)


def test_cache_lifetime_reads_headers_like_a_shared_cache():
    assert _cache_lifetime("public, max-age=0, s-maxage=60") == 60
    assert _cache_lifetime("public, max-age=30") == 30
    assert _cache_lifetime("max-age=30") == 0  # not said to be shareable
    assert _cache_lifetime("public, private, max-age=30") == 0
    assert _cache_lifetime("public, no-store, s-maxage=30") == 0
    assert _cache_lifetime("PUBLIC, S-MAXAGE=5") == 5
    assert _cache_lifetime("public, s-maxage=abc") == 0
    assert _cache_lifetime("public, s-maxage=-5") == 0
    assert _cache_lifetime("") == 0


def test_purge_from_another_process_reaches_this_store(tmp_path, settings):
    settings.AKHBAR_PAGECACHE_LOG = tmp_path / "purges.log"
    store = LocalStore(1 << 20, settings.AKHBAR_PAGECACHE_LOG)
    mark = store.sync()
    assert store.put("k1", entry("/ur/siyasat/"), mark)
    assert store.put("k2", entry("/ur/siyasat/"), mark)  # same path, another query string
    assert store.put("k3", entry("/ur/"), mark)
    purge_paths(["/ur/siyasat/"])
    store.sync()
    assert store.get("k1") is None and store.get("k2") is None
    assert store.get("k3") is not None


def test_urdu_paths_purge_whether_written_encoded_or_not(tmp_path, settings):
    settings.AKHBAR_PAGECACHE_LOG = tmp_path / "purges.log"
    store = LocalStore(1 << 20, settings.AKHBAR_PAGECACHE_LOG)
    mark = store.sync()
    store.put("k", entry("/ur/siyasat/گوادر-میں-پانی/"), mark)
    purge_paths(["/ur/siyasat/%DA%AF%D9%88%D8%A7%D8%AF%D8%B1-%D9%85%DB%8C%DA%BA-%D9%BE%D8%A7%D9%86%DB%8C/"])
    store.sync()
    assert store.get("k") is None


def test_a_purge_during_rendering_stops_the_store(tmp_path, settings):
    settings.AKHBAR_PAGECACHE_LOG = tmp_path / "purges.log"
    store = LocalStore(1 << 20, settings.AKHBAR_PAGECACHE_LOG)
    mark = store.sync()  # request starts
    purge_paths(["/ur/"])  # a story is published while the page renders
    assert not store.put("k", entry("/ur/"), mark)
    assert store.get("k") is None


def test_purge_all_and_a_rotated_log_empty_everything(tmp_path, settings):
    log = tmp_path / "purges.log"
    settings.AKHBAR_PAGECACHE_LOG = log
    store = LocalStore(1 << 20, log)
    store.put("a", entry("/a/"), store.sync())
    purge_paths([PURGE_ALL])
    store.sync()
    assert store.get("a") is None

    store.put("b", entry("/b/"), store.sync())
    log.write_bytes(b"/x/\n" * (LOG_ROTATE_BYTES // 4 + 1))  # grown past the limit
    store.sync()
    store.put("c", entry("/c/"), store.sync())
    purge_paths(["/unrelated/"])  # this write rotates the log: a new file
    store.sync()
    assert store.get("c") is None
    assert log.stat().st_size < 100


def test_half_written_line_waits_for_its_end(tmp_path):
    log = tmp_path / "purges.log"
    store = LocalStore(1 << 20, log)
    mark = store.sync()
    store.put("k", entry("/ur/khel/"), mark)
    with open(log, "ab") as fh:
        fh.write(b"/ur/kh")  # a writer stopped mid-line
    store.sync()
    assert store.get("k") is not None  # "/ur/kh" is not a path to purge
    with open(log, "ab") as fh:
        fh.write(b"el/\n")
    store.sync()
    assert store.get("k") is None


def test_hostile_log_lines_are_harmless(tmp_path):
    log = tmp_path / "purges.log"
    store = LocalStore(1 << 20, log)
    store.put("k", entry("/ur/"), store.sync())
    log.write_bytes(b"\xff\xfe\x00garbage\n\n" + b"A" * 10000 + b"\n")
    store.sync()
    assert store.get("k") is not None


def test_bounded_in_bytes_least_recently_stored_goes_first(tmp_path):
    store = LocalStore(3000, tmp_path / "purges.log")
    mark = store.sync()
    for n in range(5):
        store.put(f"k{n}", entry(f"/p{n}/", b"x" * 1000), mark)
    assert store.size <= 3000
    assert store.get("k0") is None and store.get("k4") is not None


def test_expired_pages_are_not_served(tmp_path):
    store = LocalStore(1 << 20, tmp_path / "purges.log")
    store.put("k", entry("/ur/", ttl=-1), store.sync())
    assert store.get("k") is None


def test_log_written_by_concurrent_processes_stays_whole_lines(tmp_path, settings):
    settings.AKHBAR_PAGECACHE_LOG = tmp_path / "purges.log"
    pids = []
    for n in range(4):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - child
            try:
                for i in range(200):
                    purge_paths([f"/ur/p{n}-{i}/"])
            finally:
                os._exit(0)
        pids.append(pid)
    for pid in pids:
        os.waitpid(pid, 0)
    lines = (tmp_path / "purges.log").read_text().splitlines()
    assert len(lines) == 800
    assert all(line.startswith("/ur/p") and line.endswith("/") for line in lines)


def test_page_files_stay_inside_their_folder(tmp_path):
    from akhbar.site.pagecache import PageFiles

    files = PageFiles(tmp_path / "pages")
    assert files.file_for("127.0.0.1:8000", "/ur/siyasat/خبر/") == (
        tmp_path / "pages" / "127.0.0.1" / "ur" / "siyasat" / "خبر" / "index.html"
    )
    for host, path in [
        ("example.org", "/ur/../../etc/"),
        ("example.org", "/./x/"),
        ("../etc", "/ur/"),
        ("a/b", "/ur/"),
        ("", "/ur/"),
        ("example.org", "/ur/\x00/"),
        ("example.org", "/" + "ب" * 150 + "/"),
    ]:
        assert files.file_for(host, path) is None, (host, path)
        assert files.write(host, path, b"x") is None
    assert not list(tmp_path.rglob("index.html"))


def test_page_files_are_purged_by_path_for_every_host_and_swept_by_age(tmp_path, settings):
    import os
    import time

    from akhbar.site.pagecache import PageFiles

    settings.AKHBAR_PAGECACHE_LOG = tmp_path / "purges.log"
    settings.AKHBAR_PAGECACHE_DIR = tmp_path / "pages"
    files = PageFiles(tmp_path / "pages")
    a = files.write("example.org", "/ur/siyasat/", b"<p>a</p>")
    b = files.write("www.example.org", "/ur/siyasat/", b"<p>b</p>")
    c = files.write("example.org", "/ur/", b"<p>c</p>")
    assert a.read_bytes() == b"<p>a</p>"
    purge_paths(["/ur/siyasat/"])  # as the publishing process does
    assert not a.exists() and not b.exists() and c.exists()
    old = time.time() - 120
    os.utime(c, (old, old))
    d = files.write("example.org", "/ur/khel/", b"<p>d</p>")
    assert files.sweep(60) == 1
    assert not c.exists() and d.exists()
    purge_paths([PURGE_ALL])
    assert not d.exists()
