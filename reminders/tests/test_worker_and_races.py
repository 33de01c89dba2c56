"""Exactly once over the real parts: a Celery worker process on Redis, two concurrent runs on PostgreSQL.

These need a database another process can see, so they run in the PostgreSQL + Redis pass of .ci/run.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection, connections

from conftest import requires_services
from reminders import services
from reminders.models import ReminderLog

pytestmark = [requires_services, pytest.mark.services, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
# Database 5 of the shared Redis: other engineers' runs use 0; a queue of our own on top.
REDIS_URL = os.environ.get("REMINDERS_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
MAY_22 = datetime.date(2026, 5, 22)


def expected_count(plan) -> int:
    from plans import selectors as plans_selectors

    return plans_selectors.reporting_bodies(plan).count()


def test_two_concurrent_runs_send_once(seeded, smtp):
    bodies = expected_count(seeded)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def one_run():
        try:
            barrier.wait(timeout=10)
            results.append(services.reminders_run(today=MAY_22, inline=True))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one_run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    smtp.inbox.wait_for(bodies, timeout=10)
    time.sleep(0.5)
    assert len(smtp.inbox.messages) == bodies
    assert set(smtp.inbox.by_recipients().values()) == {1}
    assert sum(r.count("sent") for r in results) == bodies
    assert ReminderLog.objects.filter(status="sent").count() == bodies


def test_two_processes_send_once(seeded, smtp):
    """Two `send_reminders` processes at the same moment (two beats, or an operator beside beat)."""
    bodies = expected_count(seeded)
    env = _env(smtp.port)
    command = [sys.executable, "manage.py", "send_reminders", "--today", "2026-05-22"]
    procs = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120)[0] for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    smtp.inbox.wait_for(bodies, timeout=10)
    assert len(smtp.inbox.messages) == bodies
    assert set(smtp.inbox.by_recipients().values()) == {1}
    assert sum(out.count("ĐÃ GỬI") for out in outputs) == bodies


def _env(smtp_port: int, queue: str = "") -> dict[str, str]:
    db = connection.settings_dict
    name = db["NAME"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "camgiang_portal.settings_test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}",
        "REDIS_URL": REDIS_URL,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "REMINDERS_RETRY_BASE_SECONDS": "1",
        "CONN_MAX_AGE": "0",
    }
    if queue:
        env["CELERY_TEST_QUEUE"] = queue
    return env


@pytest.fixture
def celery_queue(settings):
    """Route this process's tasks to Redis database 5 and a queue of this test's own."""
    from camgiang_portal.celery import app

    queue = f"reminders-test-{uuid.uuid4().hex[:8]}"
    saved = {k: app.conf[k] for k in ("broker_url", "result_backend", "task_default_queue", "task_always_eager")}
    app.conf.update(broker_url=REDIS_URL, result_backend=REDIS_URL, task_default_queue=queue, task_always_eager=False)
    app._pool = None
    app.amqp._producer_pool = None
    settings.CELERY_TASK_ALWAYS_EAGER = False
    yield queue
    app.conf.update(saved)
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def worker(smtp, celery_queue):
    """A real `celery worker` process against Redis and this test's PostgreSQL database."""
    log = ROOT / "var" / f"{celery_queue}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "camgiang_portal",
        "worker",
        "--pool=solo",
        "--concurrency=1",
        "-Q",
        celery_queue,
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "--loglevel=INFO",
        "-n",
        f"{celery_queue}@%h",
    ]
    with open(log, "w") as out:
        proc = subprocess.Popen(
            command, cwd=ROOT, env=_env(smtp.port, celery_queue), stdout=out, stderr=subprocess.STDOUT
        )
    deadline = time.monotonic() + 60
    while "ready." not in log.read_text() and time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text()
        time.sleep(0.2)
    assert "ready." in log.read_text(), log.read_text()
    yield proc
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    log.unlink(missing_ok=True)


def test_worker_sends_each_reminder_once(seeded, smtp, worker):
    bodies = expected_count(seeded)
    result = services.reminders_run(today=MAY_22, inline=False)
    assert result.count("queued") == bodies
    smtp.inbox.wait_for(bodies, timeout=60)
    time.sleep(1)
    assert len(smtp.inbox.messages) == bodies
    assert set(smtp.inbox.by_recipients().values()) == {1}
    # The same run again (a second beat, a re-run): nothing queued, nothing sent.
    assert services.reminders_run(today=MAY_22, inline=False).lines == []
    time.sleep(1)
    assert len(smtp.inbox.messages) == bodies


def test_worker_retries_while_smtp_refuses_then_delivers_once(seeded, smtp, worker):
    bodies = expected_count(seeded)
    smtp.stop()  # the worker's connections are refused: the tasks retry with back-off (1 s, 2 s, 4 s …)
    services.reminders_run(today=MAY_22, inline=False)
    deadline = time.monotonic() + 30
    while ReminderLog.objects.filter(attempts__gte=1).count() < bodies and time.monotonic() < deadline:
        time.sleep(0.3)
    assert ReminderLog.objects.filter(attempts__gte=1, status="claimed").count() == bodies
    smtp.start()
    smtp.inbox.wait_for(bodies, timeout=90)
    deadline = time.monotonic() + 30
    while ReminderLog.objects.filter(status="sent").count() < bodies and time.monotonic() < deadline:
        time.sleep(0.3)
    time.sleep(3)  # any duplicate would arrive within the next retry
    assert len(smtp.inbox.messages) == bodies
    assert set(smtp.inbox.by_recipients().values()) == {1}
    assert ReminderLog.objects.filter(status="sent").count() == bodies
