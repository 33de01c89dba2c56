"""Scale: at N× the commune (seed_demo --reports --scale N) on PostgreSQL + Redis behind gunicorn (2 workers),
how many requests per second the coordinator's dashboard and the consolidated view serve, beside /healthz
in the same run. The target is at least a quarter of /healthz's rate. Also prints the SQL queries per page
at 1× and N× (they must be equal).

    python benchmarks/scale.py [--scale 10] [--seconds 15] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import json
import threading
import time

from portal_server import Browser, gunicorn, links, manage, portal_env, reset_database

QUERY_COUNT = """
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.contrib.auth import get_user_model
from plans.models import ReportingPeriod
from django.conf import settings
settings.ALLOWED_HOSTS.append("testserver")
client = Client()
client.force_login(get_user_model().objects.get(username="vanhoaxahoi"))
period = ReportingPeriod.objects.filter(code="6thang").order_by("-plan__year").first()
out = {}
for name, url in [("dashboard", "/reports/"), ("consolidated", "/reports/periods/%d/" % period.pk)]:
    client.get(url)  # warm the cache as a running portal would be
    with CaptureQueriesContext(connection) as ctx:
        status = client.get(url).status_code
    out[name] = [status, len(ctx.captured_queries)]
print(json.dumps(out))
"""


def rate(path: str, *, seconds: float, concurrency: int, username: str | None) -> tuple[float, int, int]:
    """(requests per second, answers, non-200 answers) of a closed loop of `concurrency` clients."""
    counts = [0] * concurrency
    errors = [0] * concurrency
    browsers = []
    for _ in range(concurrency):
        browser = Browser()
        if username:
            browser.login(username)
        browser.request("GET", path)  # warm-up
        browsers.append(browser)
    stop = time.time() + seconds

    def loop(i: int) -> None:
        while time.time() < stop:
            status, _, _ = browsers[i].request("GET", path)
            counts[i] += 1
            errors[i] += status != 200

    threads = [threading.Thread(target=loop, args=(i,)) for i in range(concurrency)]
    start = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(counts) / (time.time() - start), sum(counts), sum(errors)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--concurrency", type=int, default=8)
    # The README deploys sync workers (1 thread); the figures in RESULTS.md before 2026-12-04 ran with 4.
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    env = portal_env()
    queries = {}
    for scale in sorted({1, args.scale}):
        print(f"preparing scale {scale} …", flush=True)
        reset_database(env, scale=scale)
        queries[scale] = json.loads(manage("shell", "-c", QUERY_COUNT, env=env).strip().splitlines()[-1])
    # The database now holds the larger scale.
    with gunicorn(env, threads=args.threads):
        probe = Browser()
        probe.login("vanhoaxahoi")
        _, dashboard_html, _ = probe.request("GET", "/reports/")
        consolidated = links(dashboard_html, r"/reports/periods/\d+/")[0]
        results = {}
        for name, path, user in [
            ("/healthz", "/healthz", None),
            ("dashboard", "/reports/", "vanhoaxahoi"),
            ("consolidated view", consolidated, "vanhoaxahoi"),
        ]:
            results[name] = rate(path, seconds=args.seconds, concurrency=args.concurrency, username=user)
    base = results["/healthz"][0]
    print(
        f"\nscale {args.scale}× on PostgreSQL + Redis, gunicorn 2 workers × {args.threads} thread(s), "
        f"{args.concurrency} clients, {args.seconds:.0f} s each"
    )
    print(f"{'page':<20} {'req/s':>8} {'answers':>8} {'non-200':>8} {'÷ healthz':>10}")
    for name, (rps, n, bad) in results.items():
        print(f"{name:<20} {rps:>8.1f} {n:>8} {bad:>8} {rps / base:>10.2f}")
    print("SQL queries per page (status, queries): " + "; ".join(f"{s}×: {q}" for s, q in queries.items()))


if __name__ == "__main__":
    main()
