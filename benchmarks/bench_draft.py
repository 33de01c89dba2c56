"""The Báo cáo's draft at 1× and N× scale (issue 12), on PostgreSQL + Redis behind the README's gunicorn
command (`gunicorn camgiang_portal.wsgi -w 2`: 2 sync workers). Prints figures; asserts nothing.

In the portal's own process (manage.py shell on the benchmark database): time and peak Python memory
(tracemalloc) of the draft's material (`consolidation.drafting.material`), the paper's content
(`drafts.paper_content`, material included), the preview PDF (`papers.consolidated_pdf`) and the .docx
(`papers.consolidated_docx`); the SQL queries of material() and of the draft page (they must not grow with
the number of bodies). Through gunicorn, signed in as the coordinator: the draft page's latency and
requests per second, the preview PDF's latency, and the autosave (a POST asking for JSON, as
static/consolidation/draft.js sends it, the version going up each time).

    python benchmarks/bench_draft.py [--scale 10] [--requests 60] [--seconds 10] [--concurrency 4]

Drops and re-creates the PostgreSQL database `bench_draft` (BENCH_DB; BENCH_PG_ADMIN_URL as for scale.py),
Redis database 12 (BENCH_REDIS_URL) and serves on 127.0.0.1:8791 (BENCH_PORT).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import time
import urllib.error
import urllib.request

os.environ.setdefault("BENCH_DB", "bench_draft")
# Its own port and Redis database: not those of scale.py and load_test.py (8765, 9), which may be running.
os.environ.setdefault("BENCH_PORT", "8791")
os.environ.setdefault("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")

from portal_server import Browser, _multipart, form_fields, gunicorn, manage, portal_env, reset_database  # noqa: E402
from scale import rate  # noqa: E402

# Run by `manage.py shell -c` on the benchmark database: the in-process figures as one JSON line.
IN_PROCESS = """
import json, sys
sys.path.insert(0, "benchmarks")
from bench_draft import in_process
print(json.dumps(in_process()))
"""


def _built(func, repeat: int) -> dict:
    """Median milliseconds of `repeat` untraced runs, then peak MiB of one run under tracemalloc (slower)."""
    import tracemalloc

    runs, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        runs.append((time.perf_counter() - start) * 1000)
    tracemalloc.start()
    func()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"ms": statistics.median(runs), "peak_mib": peak / (1024 * 1024), "result": result}


def in_process(repeat: int = 3) -> dict:
    """The draft's pieces built in this process, on the database Django is set up with (the demo commune)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from consolidation import drafting, drafts, papers
    from plans.models import Body, ReportingPeriod

    period = ReportingPeriod.objects.filter(code="6thang").order_by("-plan__year").first()
    drafting.material(period)  # outline created on first use, caches warm as on a running portal
    papers.consolidated_pdf(period)  # WeasyPrint's first-call set-up (fonts)
    with CaptureQueriesContext(connection) as material_queries:
        mat = drafting.material(period)
    figures = {
        "bodies": Body.objects.count(),
        "reports": period.progress_reports.count(),
        "sections": len(mat.sections),
        "quotes": sum(len(s.quotes) for s in mat.sections),
        "material_queries": len(material_queries),
    }
    for name, func in [
        ("material", lambda: drafting.material(period)),
        ("paper_content", lambda: drafts.paper_content(period)),
        ("pdf", lambda: papers.consolidated_pdf(period)),
        ("docx", lambda: papers.consolidated_docx(period)),
    ]:
        built = _built(func, repeat)
        figures[f"{name}_ms"], figures[f"{name}_peak_mib"] = built["ms"], built["peak_mib"]
        if isinstance(built["result"], bytes):
            figures[f"{name}_kib"] = len(built["result"]) / 1024
    settings.ALLOWED_HOSTS.append("testserver")
    client = Client()
    client.force_login(get_user_model().objects.get(username="vanhoaxahoi"))
    url = reverse("consolidation:draft", args=[period.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as page_queries:
        status = client.get(url).status_code
    figures["page_status"], figures["page_queries"] = status, len(page_queries)
    figures["period_pk"] = period.pk
    return figures


def _autosave(browser: Browser, path: str, fields: dict) -> tuple[int, dict]:
    """One autosave as draft.js sends it: the whole form as multipart, asking for JSON."""
    boundary = secrets.token_hex(16)
    req = urllib.request.Request(browser.base + path, data=_multipart(fields, {}, boundary), method="POST")
    req.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
    req.add_header("Accept", "application/json")
    req.add_header("X-Requested-With", "fetch")
    req.add_header("Referer", browser.base + path)
    req.add_header("X-CSRFToken", browser.csrf_token())
    try:
        with browser.opener.open(req, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def _latencies(func, n: int) -> dict:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"n": n, "p50": statistics.median(times), "p95": times[min(n - 1, round(0.95 * (n - 1)))]}


def through_gunicorn(env: dict, period_pk: int, args: argparse.Namespace) -> dict:
    """The draft page, its preview PDF and the autosave on the README's gunicorn (2 sync workers)."""
    page = f"/reports/periods/{period_pk}/draft/"
    out = {}
    with gunicorn(env, workers=2, threads=1):
        browser = Browser()
        browser.login("vanhoaxahoi")
        status, html, _ = browser.request("GET", page)
        if status != 200:
            raise RuntimeError(f"the draft page answered {status}")

        def get(path):
            answer = browser.fetch("GET", path)[0]
            if answer != 200:
                raise RuntimeError(f"{path} answered {answer}")

        out["page"] = _latencies(lambda: get(page), args.requests)
        out["page_rps"] = rate(page, seconds=args.seconds, concurrency=args.concurrency, username="vanhoaxahoi")
        out["preview"] = _latencies(lambda: get(page + "preview.pdf"), max(3, args.requests // 10))
        fields = form_fields(html, page)
        section = next(k for k in fields if k.startswith("s-"))
        counter = {"i": 0}

        def autosave():
            counter["i"] += 1
            fields[section] = (fields[section] + f"\nLần lưu thử {counter['i']}.")[-15000:]
            status, data = _autosave(browser, page, fields)
            if status != 200:
                raise RuntimeError(f"autosave answered {status}: {data}")
            fields["version"] = str(data["version"])

        out["autosave"] = _latencies(autosave, args.requests)
        out["autosave"]["last_version"] = fields["version"]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--requests", type=int, default=60, help="sequential requests per latency figure")
    parser.add_argument("--seconds", type=float, default=10, help="length of the requests-per-second loop")
    parser.add_argument("--concurrency", type=int, default=4, help="clients of the requests-per-second loop")
    args = parser.parse_args()
    env = portal_env()
    rows = {}
    for scale in sorted({1, args.scale}):
        print(f"preparing scale {scale} …", flush=True)
        started = time.perf_counter()
        reset_database(env, scale=scale)
        print(f"  seeded in {time.perf_counter() - started:.0f} s; measuring in process …", flush=True)
        figures = json.loads(manage("shell", "-c", IN_PROCESS, env=env).strip().splitlines()[-1])
        print("  through gunicorn …", flush=True)
        rows[scale] = (figures, through_gunicorn(env, figures["period_pk"], args))
    report(rows, args)


def report(rows: dict, args: argparse.Namespace) -> None:
    lines = [("", *(f"{s}×" for s in rows))]

    def line(label, func):
        lines.append((label, *(func(f, g) for f, g in rows.values())))

    line("bodies / reports", lambda f, g: f"{f['bodies']} / {f['reports']}")
    line("sections / quotes", lambda f, g: f"{f['sections']} / {f['quotes']}")
    line("SQL queries: material()", lambda f, g: str(f["material_queries"]))
    line("SQL queries: draft page", lambda f, g: f"{f['page_queries']} ({f['page_status']})")
    for name in ("material", "paper_content", "pdf", "docx"):
        line(f"{name} ms / peak MiB", lambda f, g, n=name: f"{f[n + '_ms']:.0f} / {f[n + '_peak_mib']:.1f}")
    line("PDF / DOCX KiB", lambda f, g: f"{f['pdf_kib']:.0f} / {f['docx_kib']:.0f}")
    for name in ("page", "preview", "autosave"):
        line(
            f"GET {name} p50 / p95 ms (n)" if name != "autosave" else "autosave POST p50 / p95 ms (n)",
            lambda f, g, n=name: f"{g[n]['p50']:.0f} / {g[n]['p95']:.0f} ({g[n]['n']})",
        )
    line("draft page req/s (answers, non-200)", lambda f, g: "{:.1f} ({}, {})".format(*g["page_rps"]))
    print(
        f"\nBáo cáo draft on PostgreSQL + Redis, gunicorn -w 2 (sync), {args.requests} sequential requests per "
        f"latency, req/s over {args.seconds:.0f} s with {args.concurrency} clients"
    )
    width = max(len(r[0]) for r in lines)
    for row in lines:
        print(f"{row[0]:<{width}}  " + "  ".join(f"{cell:>16}" for cell in row[1:]))


if __name__ == "__main__":
    main()
