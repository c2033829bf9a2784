"""HTTP load with wrk on loopback, and the servers the page-cache benchmark runs against.

`run_wrk` starts Debian's wrk and reads its summary (requests/s, latency percentiles,
socket errors, non-2xx answers). `AkhbarServer` is `akhbar serve` in a child process;
`static_nginx` is a private nginx that serves one folder as plain files (the reference
speed: what a web server does with a page that needs no work at all), tuned as
deploy/nginx.conf is for page files (sendfile, no access log, no open-file cache), so
the comparison is between a file and a cached page, not between two configurations.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

from deploy.nginx import Nginx, free_port, wait_for_port

AKHBAR = Path(sys.executable).parent / "akhbar"

STATIC_CONF = """
user @USER@;
worker_processes auto;
pid @PREFIX@/nginx.pid;
error_log @PREFIX@/error.log warn;
events { worker_connections 4096; }
http {
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path @PREFIX@/client-body;
    proxy_temp_path @PREFIX@/proxy-temp;
    fastcgi_temp_path @PREFIX@/fastcgi-temp;
    uwsgi_temp_path @PREFIX@/uwsgi-temp;
    scgi_temp_path @PREFIX@/scgi-temp;
    server {
        listen @LISTEN@;
        root @STATIC_ROOT@;
    }
    server { listen @REFRESH_LISTEN@; return 404; }
}
"""


@dataclass
class Load:
    """One wrk run's summary."""

    name: str
    url: str
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int

    def as_dict(self) -> dict:
        return asdict(self)


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def parse_wrk(name: str, url: str, out: str) -> Load:
    """wrk's text summary (with --latency) as numbers."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    errors = 0
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if socket:
        errors += sum(int(n) for n in socket.groups())
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if bad:
        errors += int(bad.group(1))
    return Load(name, url, rps, p50, p99, errors, total)


def run_wrk(
    name: str, url: str, seconds: int, connections: int, threads: int, host: str | None = None
) -> Load:
    """Load `url` for `seconds` with wrk (keep-alive, no compression) and summarise."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is missing: `make setup` installs Debian's wrk")
    # A long timeout: a slow render is a slow answer (in p99), not a socket error.
    argv = [wrk, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s",
            "--latency"]
    if host:
        argv += ["-H", f"Host: {host}"]
    out = subprocess.run(  # noqa: S603 - our own arguments
        [*argv, url], capture_output=True, text=True, check=True
    ).stdout
    return parse_wrk(name, url, out)


def fetch(url: str, timeout: float = 30.0) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:  # noqa: S310 - loopback
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


class ChildServer:
    """A server in a child process group on `self.port`, stopped with its whole group."""

    port: int
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


class AkhbarServer(ChildServer):
    """`akhbar serve` on a free port, stopped with its process group."""

    def __init__(self, env: dict, workers: int, page_cache: bool, log: Path):
        self.port = free_port()
        self.env = dict(env, AKHBAR_PAGECACHE="1" if page_cache else "0")
        self.workers = workers
        self.log = log
        self.process = None

    def start(self) -> AkhbarServer:
        argv = [str(AKHBAR), "serve", "--port", str(self.port), "--workers", str(self.workers),
                "--no-worker", "--no-scheduler"]
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our own command
                argv, env=self.env, stdout=log, stderr=log, start_new_session=True
            )
        wait_for_port(self.port, timeout=600, process=self.process)
        return self


def static_nginx(prefix: Path, root: Path) -> Nginx:
    """A private nginx serving `root` as plain files."""
    return Nginx(prefix, "127.0.0.1:9", root, root, template=STATIC_CONF)
