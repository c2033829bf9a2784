"""Start a private nginx from deploy/nginx.conf: for the tests and `make bench`.

Never the system's nginx: a non-daemon instance with its own prefix (pid, logs, cache)
in a directory the caller owns, on ports the caller chose, stopped by its process id.
"""

from __future__ import annotations

import getpass
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

CONF = Path(__file__).with_name("nginx.conf")


def free_port() -> int:
    """A TCP port on loopback nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, timeout: float = 30.0, process: subprocess.Popen | None = None):
    """Return once something accepts connections on 127.0.0.1:`port`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process exited with {process.returncode} before listening")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


def render(template: str, **values: str) -> str:
    """`template` with each @NAME@ replaced; a placeholder left over is an error."""
    for name, value in values.items():
        template = template.replace(f"@{name.upper()}@", str(value))
    code = "\n".join(line.split("#", 1)[0] for line in template.splitlines())
    left = re.findall(r"@[A-Z_]+@", code)
    if left:
        raise ValueError(f"nginx.conf placeholders left unfilled: {sorted(set(left))}")
    return template


class Nginx:
    """deploy/nginx.conf in front of `origin` (host:port), started and stopped by us."""

    def __init__(
        self,
        prefix: Path,
        origin: str,
        static_root: Path,
        media_root: Path,
        port: int | None = None,
        refresh_port: int | None = None,
        template: str | None = None,
        pages_root: Path | None = None,
    ):
        self.binary = shutil.which("nginx") or "/usr/sbin/nginx"
        self.prefix = Path(prefix)
        self.port = port or free_port()
        self.refresh_port = refresh_port or free_port()
        self.conf = self.prefix / "nginx.conf"
        self.values = {
            "listen": f"127.0.0.1:{self.port}",
            "refresh_listen": f"127.0.0.1:{self.refresh_port}",
            "origin": origin,
            "prefix": str(self.prefix),
            "static_root": str(static_root),
            "media_root": str(media_root),
            "pages_root": str(pages_root or self.prefix / "no-pages"),
            "user": getpass.getuser(),
        }
        self.template = template if template is not None else CONF.read_text()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def refresh_url(self) -> str:
        return f"http://127.0.0.1:{self.refresh_port}"

    def write(self) -> Path:
        self.prefix.mkdir(parents=True, exist_ok=True)
        self.conf.write_text(render(self.template, **self.values))
        return self.conf

    def argv(self, *extra: str) -> list[str]:
        return [
            self.binary, "-p", str(self.prefix), "-e", str(self.prefix / "error.log"),
            "-c", str(self.conf), *extra,
        ]

    def check(self) -> None:
        """`nginx -t` on the rendered file: raises with nginx's words if it is wrong."""
        self.write()
        out = subprocess.run(self.argv("-t"), capture_output=True, text=True)  # noqa: S603
        if out.returncode != 0:
            raise RuntimeError(out.stderr)

    def start(self) -> Nginx:
        self.check()
        self.process = subprocess.Popen(  # noqa: S603 - our own binary and file
            self.argv("-g", "daemon off;"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        wait_for_port(self.port, process=self.process)
        wait_for_port(self.refresh_port, process=self.process)
        return self

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGQUIT)  # graceful: workers finish, then exit
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> Nginx:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
