"""Several machines: two gunicorn nodes on one PostgreSQL and one Redis, as the README's deployment runs them.

A login on one node is valid on the other (sessions in the database and Redis, one SECRET_KEY), a change made
through one is seen through the other (the cached dashboard's generation lives in Redis), and a file uploaded
through one downloads through the other (MEDIA_ROOT shared, as a network path is). The settings of the S3 bucket
are checked too, without a network.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import secrets
import socket
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from benchmarks.portal_server import Browser, gunicorn
from conftest import DEMO_PASSWORD, requires_services

ROOT = Path(__file__).resolve().parents[2]
# Database 7 of the shared Redis is this test's own (reminders' worker test uses 5, the benchmarks 9, the
# test processes' caches 10 and up): it is emptied at the start, so no earlier run's pages are served.
NODES_REDIS_URL = os.environ.get(
    "TWO_NODES_REDIS_URL",
    re.sub(r"(/\d*)?$", "/7", (settings.REDIS_URL or "redis://127.0.0.1:6379").rstrip("/"), count=1),
)
# A PDF is the smallest file the attachment upload accepts (its content is checked, not its name).
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n" + secrets.token_bytes(64)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _node_env(media_root: Path, secret_key: str, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "camgiang_portal.tests.node_settings",
            "DEBUG": "0",
            "SECRET_KEY": secret_key,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": f"http://127.0.0.1:{port}",
            "CSRF_TRUSTED_ORIGINS": "http://127.0.0.1",
            "DATABASE_URL": _database_url(),
            "REDIS_URL": NODES_REDIS_URL,
            "MEDIA_STORAGE": "filesystem",
            "MEDIA_ROOT": str(media_root),
            "STATIC_ROOT": str(media_root.parent / "static"),
            "CONN_MAX_AGE": "0",
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def _seed():
    """The demo commune, a plan whose periods are open today, thon-002's form submitted for the coordinator."""
    from django.contrib.auth import get_user_model

    from camgiang_portal.actors import SYSTEM
    from plans import demo as plans_demo
    from plans.models import ReportingPeriod
    from reports import services, workflow
    from reports.models import ItemStatus, ProgressReport
    from reports.rows import ItemData
    from reports.tests.conftest import build_plan

    plans_demo.demo_bodies_and_users(password=DEMO_PASSWORD)
    plan = build_plan()
    # The nodes run on the real clock: every period stays open for a month from today.
    ReportingPeriod.objects.filter(plan=plan).update(due_date=timezone.localdate() + datetime.timedelta(days=30))
    services.report_expected_generate(plan=plan, by=SYSTEM)
    reports = ProgressReport.objects.filter(period__plan=plan, period__code="6thang").select_related("body")
    own = reports.get(body__code="thon-001")
    other = reports.get(body__code="thon-002")
    head2 = get_user_model().objects.get(username="truongthon2")
    items = {p.pk: ItemData(status=ItemStatus.ONGOING, done="Đã họp thôn", figures={}) for p in other.items.all()}
    other = workflow.transition(other, "save", head2, version=other.version, summary="", items=items)
    workflow.transition(other, "submit", head2)
    return own, other


def _dashboard_fragments() -> list[bytes]:
    import redis

    return redis.Redis.from_url(NODES_REDIS_URL).keys("*reports:fragment:dashboard:*")


def _returned_count(html: str) -> int:
    return html.count("report-state-returned")


@requires_services
@pytest.mark.services
@pytest.mark.timeout(120)  # about 15 s: seed, two nodes up, three round trips
@pytest.mark.django_db(transaction=True)
def test_two_nodes_share_sessions_caches_and_files(tmp_path):
    import redis

    redis.Redis.from_url(NODES_REDIS_URL).flushdb()
    own, other = _seed()
    media_root = tmp_path / "shared-media"
    media_root.mkdir()
    (tmp_path / "static").mkdir()  # WhiteNoise warns about a missing STATIC_ROOT; the nodes serve no static file here
    secret_key = secrets.token_urlsafe(50)
    ports = [_free_port(), _free_port()]
    log_path = tmp_path / "gunicorn.log"
    with ExitStack() as stack, open(log_path, "wb") as log:
        for port in ports:
            env = _node_env(media_root, secret_key, port)
            # One process per node (the README's command runs two): with two, B's second look at the dashboard
            # could land on the worker that never cached it, and a stale cache would go unseen.
            stack.enter_context(gunicorn(env, workers=1, threads=4, port=port, log=log))
        try:
            _exercise(*(f"http://127.0.0.1:{port}" for port in ports), own=own, other=other)
        except AssertionError:
            log.flush()
            print(log_path.read_text(errors="replace")[-5000:])  # the nodes' own account of what went wrong
            raise


def _exercise(node_a: str, node_b: str, *, own, other) -> None:
    # A login on node A is valid on node B: the same session cookie opens a page that needs a login.
    head = Browser(node_a)
    head.login("truongthon1")
    head.base = node_b
    status, body, location = head.request("GET", f"/reports/{own.pk}/")
    assert status == 200, (status, location)
    assert "/accounts/login/" not in location

    # A file uploaded through node A downloads, byte for byte, through node B.
    head.base = node_a
    status, _, location = head.request("POST", f"/reports/{own.pk}/attachments/", {}, files={"file": ("bb.pdf", PDF)})
    assert status == 302, status
    head.base = node_b
    _, page, _ = head.request("GET", f"/reports/{own.pk}/")
    links = re.findall(r'href="(/reports/attachments/\d+/)"', page)
    assert links, "the attachment is not listed on node B"
    status, content, _ = head.fetch("GET", links[0])
    assert (status, content) == (200, PDF)

    # A change made through node A is seen through node B: B's cached dashboard is rebuilt, not served stale.
    coordinator = Browser(node_b)
    coordinator.login("vanhoaxahoi")
    status, before, _ = coordinator.request("GET", "/reports/")
    assert status == 200
    assert _returned_count(before) == 0
    # Both nodes read the one copy B built, in Redis: A's view of the dashboard adds no second copy.
    assert len(_dashboard_fragments()) == 1
    coordinator.base = node_a
    assert _returned_count(coordinator.request("GET", "/reports/")[1]) == 0
    assert len(_dashboard_fragments()) == 1
    status, _, _ = coordinator.request(
        "POST", f"/reports/{other.pk}/review/", {"action": "return", "comment": "Bổ sung số liệu"}
    )
    assert status == 302, status
    coordinator.base = node_b
    _, after, _ = coordinator.request("GET", "/reports/")
    assert _returned_count(after) == 1


def test_s3_settings_make_a_private_bucket_storage():
    """MEDIA_STORAGE=s3 gives django-storages' S3 backend on the named bucket, private, never overwriting."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": "x" * 50,
            "MEDIA_STORAGE": "s3",
            "S3_BUCKET": "camgiang-media",
            "S3_ENDPOINT_URL": "http://127.0.0.1:9000",
            "S3_ACCESS_KEY": "portal",
            "S3_SECRET_KEY": "secret-of-the-test",
            "S3_REGION": "ap-southeast-1",
        }
    )
    env["DJANGO_SETTINGS_MODULE"] = "camgiang_portal.settings"
    code = (
        "import json; from django.conf import settings; from django.core.files.storage import storages; "
        "st = storages['default']; print(json.dumps({'storages': settings.STORAGES['default'], "
        "'class': type(st).__module__ + '.' + type(st).__name__, 'bucket': st.bucket_name, "
        "'acl': st.default_acl, 'endpoint': st.endpoint_url}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    options = seen["storages"]["OPTIONS"]
    assert seen["storages"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert seen["class"] == "storages.backends.s3.S3Storage"
    assert (seen["bucket"], seen["acl"], seen["endpoint"]) == ("camgiang-media", "private", "http://127.0.0.1:9000")
    assert options["access_key"] == "portal"
    assert options["secret_key"] == "secret-of-the-test"
    assert options["region_name"] == "ap-southeast-1"
    assert options["querystring_auth"] is True
    assert options["file_overwrite"] is False


def test_s3_without_a_bucket_fails_at_start():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "S3_"))}
    env.update({"DEBUG": "0", "SECRET_KEY": "x" * 50, "MEDIA_STORAGE": "s3"})
    result = subprocess.run(
        [sys.executable, "-c", "import camgiang_portal.settings"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "S3_BUCKET" in result.stderr
