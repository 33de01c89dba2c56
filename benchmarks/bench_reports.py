"""Benchmark of the reports app at 1× and N× scale: dashboard and consolidated-view latency, and the
consolidated PDF and XLSX build time and peak Python memory (tracemalloc). Prints numbers; asserts nothing.

    python benchmarks/bench_reports.py            # 1× and 10×
    python benchmarks/bench_reports.py --scale 10 # same
Runs on a throwaway test database (SQLite by default, PostgreSQL when DATABASE_URL is set).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "camgiang_portal.settings_test")


def timed(func, repeat: int = 5) -> float:
    """Median milliseconds of `repeat` runs."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def built(func) -> tuple[float, float, int]:
    """Milliseconds (untraced run), peak MiB (a second run under tracemalloc, which slows it) and size in bytes."""
    start = time.perf_counter()
    content = func()
    elapsed = (time.perf_counter() - start) * 1000
    tracemalloc.start()
    func()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak / (1024 * 1024), len(content)


def run(scale: int) -> dict[str, str]:
    from django.core.cache import cache
    from django.test import Client
    from django.urls import reverse

    from consolidation import body_paper, papers
    from consolidation import exports as consolidation_exports
    from consolidation import selectors as consolidation_selectors
    from plans import demo as plans_demo
    from reports import demo

    # What `seed_demo --reports --scale N` builds: the imported seed plan, N× bodies, 6-month forms.
    plans_demo.demo_bodies_and_users(password="camgiang2026", scale=scale)
    plan = plans_demo.demo_plan()
    demo.demo_reports(plan=plan, scale=scale)
    period = plan.periods.get(code="6thang")
    client = Client()
    client.force_login(plans_demo.User.objects.get(username="vanhoaxahoi"))
    dashboard_url = reverse("consolidation:dashboard")
    consolidated_url = reverse("consolidation:consolidated", args=[period.pk])

    def dashboard_cold():
        cache.clear()
        client.force_login(plans_demo.User.objects.get(username="vanhoaxahoi"))
        assert client.get(dashboard_url).status_code == 200

    client.get(dashboard_url)
    body_paper.body_pdf(period.progress_reports.first())  # WeasyPrint's first-call set-up
    pdf = built(lambda: papers.consolidated_pdf(period))
    xlsx = built(lambda: consolidation_exports.consolidated_xlsx(period))
    return {
        "scale": f"{scale}×",
        "reports": str(period.progress_reports.count()),
        "item rows": str(
            sum(r.items.count() for r in period.progress_reports.all()[:1]) * period.progress_reports.count()
        ),
        "dashboard ms (cold)": f"{timed(dashboard_cold):.0f}",
        "dashboard ms (cached)": f"{timed(lambda: client.get(dashboard_url)):.0f}",
        "consolidated view ms": f"{timed(lambda: client.get(consolidated_url), repeat=3):.0f}",
        "PDF build ms": f"{pdf[0]:.0f}",
        "PDF peak MiB": f"{pdf[1]:.1f}",
        "PDF KiB": f"{pdf[2] / 1024:.0f}",
        "XLSX build ms": f"{xlsx[0]:.0f}",
        "XLSX peak MiB": f"{xlsx[1]:.1f}",
        "dashboard cold (selector only) ms": f"{timed(lambda: consolidation_selectors._dashboard_compute(plan)):.0f}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10, help="the larger scale to compare with 1× (default 10)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        rows = [run(1), run(args.scale)]
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    keys = list(rows[0])
    width = max(len(k) for k in keys)
    for key in keys:
        print(f"{key:<{width}}  " + "  ".join(f"{row[key]:>10}" for row in rows))


if __name__ == "__main__":
    main()
