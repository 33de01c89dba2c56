"""Time and query count of the reminder computation (reminders.selectors.reminders_due) at 1× and 10× scale.

    python benchmarks/bench_reminders.py [--repeat 5] [--today 2026-05-22]

Runs on a throwaway SQLite database in a temporary folder (never the development database): the demo
bodies and the seed plan (plans.demo.demo_plan), every body assigned every item so that every body owes a
form, then the same at 10× the villages and departments. Also times the claim of the due rows (bulk inserts
and a read back; SQLite splits a large insert into batches, so that count may grow by one). Prints numbers
only; the test suite asserts the computation's query counts are equal.
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import time
from pathlib import Path

from embedded import throwaway_django

ROOT = Path(__file__).resolve().parent.parent


def summary(times: list[float]) -> str:
    return f"median {statistics.median(times) * 1000:7.1f} ms   min {min(times) * 1000:7.1f} ms   (n={len(times)})"


def measure(plan, today: datetime.date, repeat: int) -> tuple[int, int, list[float], float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reminders import selectors, services

    with CaptureQueriesContext(connection) as queries:
        due = selectors.reminders_due(today=today, plan=plan)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        selectors.reminders_due(today=today, plan=plan)
        times.append(time.perf_counter() - start)
    with CaptureQueriesContext(connection) as claim_queries:
        start = time.perf_counter()
        services._claim(due.due, today)
        claim_seconds = time.perf_counter() - start
    return len(due.due), len(queries), times, claim_seconds, len(claim_queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--today", default="2026-05-22")
    args = parser.parse_args()
    with throwaway_django("bench-reminders-"):
        run(args)


def run(args: argparse.Namespace) -> None:
    from plans.demo import demo_bodies_and_users
    from plans.models import Body, Plan
    from reports.tests.conftest import build_plan

    today = datetime.date.fromisoformat(args.today)
    rows = []
    for scale in (1, 10):
        Plan.objects.update(status=Plan.Status.SUPERSEDED)
        demo_bodies_and_users(password="bench-only", scale=scale)
        plan = build_plan()
        due, queries, times, claim_seconds, claim_queries = measure(plan, today, args.repeat)
        rows.append((scale, Body.objects.count(), due, queries, times, claim_seconds, claim_queries))
    print(f"reminder computation on {today:%d/%m/%Y} (reminders.selectors.reminders_due)")
    for scale, bodies, due, queries, times, claim_seconds, claim_queries in rows:
        print(f"{scale:>2}×: bodies {bodies:4d}   reminders due {due:4d}   queries {queries:3d}   {summary(times)}")
        print(f"     claim of the rows and in-app notices: {claim_seconds * 1000:7.1f} ms, {claim_queries} queries")
    same = rows[0][3] == rows[1][3]
    print(f"queries equal at 1× and 10×: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
