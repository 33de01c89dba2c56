"""Fault drills against a real portal (gunicorn + PostgreSQL + Redis on 127.0.0.1); not part of CI.

1. PostgreSQL restarted mid-run: requests during the restart fail cleanly (503, never a hang or a
   traceback page) and the portal serves again by itself once the database is back.
2. Redis stopped: pages keep serving (the cache degrades to misses, queued work runs in-process),
   /healthz says 503 so a load balancer can tell; Redis started again and all is as before.

    python benchmarks/restart_drill.py        # needs root (it restarts the machine's PostgreSQL and Redis)
"""

from __future__ import annotations

import collections
import subprocess
import threading
import time
from pathlib import Path

from portal_server import Browser, gunicorn, portal_env, reset_database

PAGES = ["/", "/healthz", "/reports/", "/plans/"]


def hammer(stop: float, log: list, username: str = "vanhoaxahoi") -> None:
    browser = Browser()
    browser.login(username)
    while time.time() < stop:
        for path in PAGES:
            start = time.time()
            try:
                status, _, _ = browser.request("GET", path, timeout=15)
            except OSError as exc:  # connection refused/reset: not clean
                status = f"error:{type(exc).__name__}"
            log.append((start, path, status, time.time() - start))
        time.sleep(0.05)


def summarise(title: str, log: list, marks: dict[str, float]) -> None:
    print(f"\n{title}")
    for name, moment in marks.items():
        print(f"  {name} at +{moment - log[0][0]:.1f} s")
    by_phase = collections.defaultdict(collections.Counter)
    for start, path, status, _ in log:
        phase = "before" if start < marks["fault"] else ("during" if start < marks["recovered"] else "after")
        by_phase[phase][(path, status)] += 1
    for phase in ("before", "during", "after"):
        counts = by_phase[phase]
        print(f"  {phase:<7} " + ", ".join(f"{p} {s}×{n}" for (p, s), n in sorted(counts.items(), key=str)))
    slowest = max(d for *_, d in log)
    not_http = sum(1 for *_, s, _ in log if isinstance(s, str))
    print(f"  slowest answer: {slowest:.1f} s; answers that were not HTTP: {not_http}")


def pg_cluster() -> tuple[str, str]:
    version = sorted(p.name for p in Path("/etc/postgresql").iterdir())[0]
    return version, "main"


def main() -> None:
    env = portal_env()
    print("preparing a fresh database …", flush=True)
    reset_database(env, scale=1)
    with gunicorn(env):
        # 1. PostgreSQL restart
        log: list = []
        stop = time.time() + 25
        thread = threading.Thread(target=hammer, args=(stop, log))
        thread.start()
        time.sleep(5)
        marks = {"fault": time.time()}
        version, cluster = pg_cluster()
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, "stop", "-m", "fast"], check=True
        )
        time.sleep(4)
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, "start"], check=True)
        marks["recovered"] = time.time()
        thread.join()
        summarise("PostgreSQL stopped for 4 s and started again", log, marks)

        # 2. Redis down
        log = []
        stop = time.time() + 20
        thread = threading.Thread(target=hammer, args=(stop, log))
        thread.start()
        time.sleep(4)
        marks = {"fault": time.time()}
        subprocess.run(["redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave"], check=False)
        time.sleep(8)
        subprocess.run(
            [
                "redis-server",
                "--daemonize",
                "yes",
                "--bind",
                "127.0.0.1",
                "--port",
                "6379",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            check=True,
        )
        marks["recovered"] = time.time()
        thread.join()
        summarise("Redis stopped for 8 s and started again", log, marks)


if __name__ == "__main__":
    main()
