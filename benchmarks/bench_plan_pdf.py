"""Plan PDF render time beside a bare WeasyPrint render of the same HTML (and the seed's import time).

    python benchmarks/bench_plan_pdf.py [--repeat 5] [--scale 1]

Runs on a throwaway SQLite database in a temporary folder (never the development database): the
demo bodies (`--scale N` multiplies villages and departments), then the seed plan — imported with
`plans.services.plan_import` when the importer exists (its time is printed), else built from the
seed's text — and renders it. Prints numbers only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from embedded import throwaway_django

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "plans" / "fixtures" / "ke-hoach-dan-chu-co-so-2026.md"


def timed(function, repeat: int) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return times, result


def summary(times: list[float]) -> str:
    return f"median {statistics.median(times) * 1000:7.1f} ms   min {min(times) * 1000:7.1f} ms   (n={len(times)})"


def seed_plan_imported():
    """(plan, seconds) of importing the seed plan through the real importer."""
    from camgiang_portal.actors import SYSTEM
    from plans.services import plan_import

    start = time.perf_counter()
    result = plan_import(source=SEED.read_bytes(), filename=SEED.name, year=2026, by=SYSTEM)
    return result.plan, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scale", type=int, default=1, help="multiply villages and departments (seed_demo --scale)")
    args = parser.parse_args()

    with throwaway_django("bench-plan-pdf-"):
        run(args)


def run(args: argparse.Namespace) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from plans.demo import demo_bodies_and_users
    from plans.models import Assignment, Body

    demo_bodies_and_users(password="bench-only", scale=args.scale)
    plan, import_seconds = seed_plan_imported()
    if plan is None:
        from plans.tests.seed_plan import seed_like_plan

        bodies = list(Body.objects.filter(kind__in=[Body.Kind.DEPARTMENT, Body.Kind.VILLAGE]))
        plan = seed_like_plan(bodies, day=5)
        source = "seed text built by plans.tests.seed_plan, no import"
    else:
        source = "seed imported by plans.services.plan_import"

    from weasyprint import HTML

    from camgiang_portal import documents
    from plans.documents import plan_document_context, plan_pdf

    with CaptureQueriesContext(connection) as queries:
        pdf = plan_pdf(plan).content
    html = documents.render_html("plans/pdf/plan.html", plan_document_context(plan))

    render_times, _ = timed(lambda: plan_pdf(plan).content, args.repeat)
    html_times, _ = timed(
        lambda: documents.render_html("plans/pdf/plan.html", plan_document_context(plan)), args.repeat
    )
    bare_times, bare_pdf = timed(lambda: HTML(string=html, base_url=documents.base_url()).write_pdf(), args.repeat)

    pages = len(HTML(string=html, base_url=documents.base_url()).render().pages)
    print(f"plan: {plan.full_title} ({source})")
    assignments = Assignment.objects.filter(item__area__plan=plan).count()
    print(f"bodies: {Body.objects.count()}   assignments: {assignments}")
    print(f"import of the seed (plan_import):     {import_seconds * 1000:7.1f} ms")
    print(f"plan_pdf (queries + template + WeasyPrint): {summary(render_times)}")
    print(f"  of which queries + template to HTML:             {summary(html_times)}")
    print(f"bare WeasyPrint of the same HTML:                  {summary(bare_times)}")
    print(
        f"queries per render: {len(queries)}   PDF: {len(pdf) / 1024:.0f} KiB, {pages} pages (bare: "
        f"{len(bare_pdf) / 1024:.0f} KiB)"
    )


if __name__ == "__main__":
    main()
