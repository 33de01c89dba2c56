"""A real portal for load and scale runs: PostgreSQL database, Redis, gunicorn (2 workers) on 127.0.0.1.

Used by load_test.py, scale.py and restart_drill.py; the two-node test
(camgiang_portal/tests/test_two_nodes.py) starts its gunicorn nodes and drives them with the same pieces.
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/test")
BENCH_DB = os.environ.get("BENCH_DB", "camgiang_bench")
PORT = int(os.environ.get("BENCH_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
PASSWORD = "camgiang2026"


def portal_env(extra: dict | None = None) -> dict:
    admin = urllib.parse.urlsplit(PG_ADMIN_URL)
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": BASE,
            "DATABASE_URL": f"{admin.scheme}://{admin.netloc}/{BENCH_DB}",
            "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9"),
            "DEMO_PASSWORD": PASSWORD,
            "STATIC_ROOT": str(ROOT / "var" / "bench-static"),
            "MEDIA_ROOT": str(ROOT / "var" / "bench-media"),
            # Every virtual citizen comes from 127.0.0.1: the per-address limit is for real people, not this run.
            "FEEDBACK_RATE_LIMIT": "1000000",
            "FEEDBACK_LOOKUP_RATE_LIMIT": "1000000",
            "AXES_ENABLED": "0",
            "LOG_LEVEL": "WARNING",
        }
    )
    env.update(extra or {})
    return env


def manage(*args: str, env: dict, timeout: float = 1800) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def fresh_database(env: dict) -> None:
    """An empty, migrated benchmark database (dropped and created again) and an empty Redis database."""
    import psycopg2

    connection = psycopg2.connect(PG_ADMIN_URL)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{BENCH_DB}"')
    connection.close()
    subprocess.run(["redis-cli", "-u", env["REDIS_URL"], "flushdb"], capture_output=True, check=False)
    manage("migrate", "--no-input", "-v0", env=env)


def reset_database(env: dict, *, scale: int, as_of: str = "") -> None:
    """A fresh database with the demo commune at the given scale and its reports filled as of today (or as of
    `as_of`, YYYY-MM-DD: "2026-09-20" leaves the annual report to be written)."""
    fresh_database(env)
    manage("seed_demo", "--reports", "--scale", str(scale), *(["--as-of", as_of] if as_of else []), env=env)
    manage("collectstatic", "--no-input", "-v0", env=env)


@contextlib.contextmanager
def gunicorn(env: dict, *, workers: int = 2, threads: int = 1, port: int = PORT, log=None):
    """The README's deployment: `gunicorn camgiang_portal.wsgi -w 2`, sync workers (one thread each)."""
    # Something else on the port (another run, a runserver) would answer /healthz and take every request meant
    # for this portal, writes included: refuse rather than measure it.
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise RuntimeError(f"127.0.0.1:{port} is already in use: set BENCH_PORT to a free port")
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "camgiang_portal.wsgi",
            "-w",
            str(workers),
            "--threads",
            str(threads),
            "-b",
            f"127.0.0.1:{port}",
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )
    try:
        wait_until_up(base=f"http://127.0.0.1:{port}", process=process)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_until_up(timeout: float = 60, *, base: str = BASE, process: subprocess.Popen | None = None) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode} before it came up")
        with contextlib.suppress(OSError, urllib.error.URLError):
            if urllib.request.urlopen(f"{base}/healthz", timeout=2).status == 200:  # nosec B310 - a fixed http://127.0.0.1 URL
                return
        time.sleep(0.3)
    raise RuntimeError("the portal did not come up")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A cookie-keeping HTTP client that behaves like one person's browser (CSRF token included)."""

    def __init__(self, base: str = BASE) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def request(self, method: str, path: str, data: dict | None = None, timeout: float = 60, *, files=None):
        """(status, body text, Location header). ``files`` ({field: (name, bytes)}) sends a multipart form."""
        status, body, location = self.fetch(method, path, data, timeout, files=files)
        return status, body.decode("utf-8", "replace"), location

    def fetch(self, method: str, path: str, data: dict | None = None, timeout: float = 60, *, files=None):
        """(status, body bytes, Location header): the raw answer, for downloads."""
        if files:
            boundary = secrets.token_hex(16)
            body, content_type = _multipart(data or {}, files, boundary), f"multipart/form-data; boundary={boundary}"
        else:
            body = urllib.parse.urlencode(data or {}, doseq=True).encode() if data is not None else None
            content_type = "application/x-www-form-urlencoded"
        req = urllib.request.Request(self.base + path, data=body, method=method)
        if body is not None:
            req.add_header("Content-Type", content_type)
            req.add_header("Referer", self.base + path)
            token = self.csrf_token()
            if token:
                req.add_header("X-CSRFToken", token)
        try:
            with self.opener.open(req, timeout=timeout) as response:
                return response.status, response.read(), response.headers.get("Location", "")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read(), exc.headers.get("Location", "")

    def csrf_token(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def login(self, username: str, password: str = PASSWORD) -> None:
        self.request("GET", "/accounts/login/")
        status, _, location = self.request("POST", "/accounts/login/", {"username": username, "password": password})
        if status != 302:
            raise RuntimeError(f"login of {username} failed: {status}")


def _multipart(data: dict, files: dict, boundary: str) -> bytes:
    parts = []
    for name, value in data.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts)


class FormFields(HTMLParser):
    """The named fields of the first <form> whose action matches, with their current values."""

    def __init__(self, action: str | None = None) -> None:
        super().__init__()
        self.action = action
        self.inside = False
        self.done = False
        self.fields: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self.done:
            self.inside = self.action is None or (a.get("action") or "") in ("", self.action)
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields[name] = a.get("value", "")
        elif tag == "select" and name:
            self._select = name
            self.fields.setdefault(name, "")
        elif tag == "option" and self._select is not None:
            if "selected" in a or not self.fields.get(self._select):
                self.fields[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


def form_fields(html: str, action: str | None = None) -> dict[str, str]:
    parser = FormFields(action)
    parser.feed(html)
    return parser.fields


def links(html: str, pattern: str) -> list[str]:
    return sorted(set(re.findall(rf'href="({pattern})"', html)))
