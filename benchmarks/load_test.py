"""Load test: 50 concurrent users for 60 s against gunicorn (2 workers) + PostgreSQL + Redis on 127.0.0.1.

Village heads save drafts and submit their annual report, coordinators open the dashboard, the
consolidated report and its downloads, citizens send feedback. Prints the requests, errors by status,
p50/p95 latency per kind, and compares the writes the portal acknowledged with the rows it stored.

    python benchmarks/load_test.py [--users 50] [--seconds 60] [--scale 1]

Needs PostgreSQL (BENCH_PG_ADMIN_URL, default postgres://postgres@127.0.0.1:5432/test; a database
"camgiang_bench" is dropped and re-created) and Redis (BENCH_REDIS_URL, default db 9).
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import re
import statistics
import threading
import time

from portal_server import Browser, form_fields, gunicorn, links, manage, portal_env, reset_database

AS_OF = "2026-09-20"  # after the 9-month report's deadline, before anyone writes the annual one

PREPARE = """
import json
from django.contrib.auth import get_user_model
from plans import services as plan_services
from plans.models import Body, Membership, ReportingPeriod, Role
# The demo's forms are filled up to the 9-month report (--as-of, below): the annual report is still to write, and
# the coordinator's grace keeps its period open today, whatever day the benchmark runs.
import datetime
annual = ReportingPeriod.objects.get(code="canam", plan__year=2026)
annual.grace_days = max(0, (datetime.date.today() - annual.due_date).days) + 30
annual.save(update_fields=["grace_days"])
User = get_user_model()
heads = []
for body in Body.objects.filter(kind=Body.Kind.VILLAGE).order_by("code"):
    member = Membership.objects.filter(body=body, role=Role.VILLAGE_HEAD).select_related("user").first()
    if member is None:
        email = body.code + "@camgiang.gov.vn"
        user, _ = User.objects.get_or_create(username="vh-" + body.code, defaults={"email": email})
        user.set_password("camgiang2026"); user.save()
        member = plan_services.membership_set(user=user, body=body, role=Role.VILLAGE_HEAD)
    heads.append(member.user.username)
print(json.dumps(heads))
"""


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.samples: dict[str, list[float]] = collections.defaultdict(list)
        self.statuses: collections.Counter = collections.Counter()
        self.acked_saves: dict[str, str] = {}  # report path → last acknowledged token
        self.acked_submits: set[str] = set()
        self.acked_feedback: list[str] = []

    def call(self, browser: Browser, kind: str, method: str, path: str, data=None):
        start = time.perf_counter()
        status, body, location = browser.request(method, path, data)
        with self.lock:
            self.samples[kind].append((time.perf_counter() - start) * 1000)
            self.statuses[status] += 1
        return status, body, location


def village_head(rec: Recorder, username: str, stop: float, submit_at: float) -> None:
    browser = Browser()
    browser.login(username)
    _, start_page, _ = rec.call(browser, "start page", "GET", "/start/")
    forms = links(start_page, r"/reports/\d+/")
    if not forms:
        return
    form_path = forms[-1]  # the annual report, the one still open
    submitted = False
    n = 0
    while time.time() < stop:
        status, html, _ = rec.call(browser, "progress form", "GET", form_path)
        if submitted or status != 200:
            time.sleep(0.5)
            continue
        fields = form_fields(html, form_path)
        n += 1
        token = f"{username}-{n}-{random.randrange(10**9)}"
        fields["summary"] = f"Tổng kết {token}"
        for name in list(fields):
            if name.endswith("-status"):
                fields[name] = "in_progress"
            elif name.endswith("-done"):
                fields[name] = f"Đã họp thôn, tuyên truyền ({token})"
        action = "submit" if time.time() >= submit_at else "save"
        fields["action"] = action
        status, _, location = rec.call(
            browser, "save draft" if action == "save" else "submit", "POST", form_path, fields
        )
        if status == 302:
            with rec.lock:
                rec.acked_saves[form_path] = token
                if action == "submit":
                    rec.acked_submits.add(form_path)
            submitted = action == "submit"


def coordinator(rec: Recorder, stop: float) -> None:
    browser = Browser()
    browser.login("vanhoaxahoi")
    _, dashboard, _ = rec.call(browser, "dashboard", "GET", "/reports/")
    periods = links(dashboard, r"/reports/periods/\d+/")
    while time.time() < stop:
        rec.call(browser, "dashboard", "GET", "/reports/")
        if periods:
            period = periods[0]
            rec.call(browser, "consolidated view", "GET", period)
            if random.random() < 0.2:
                status, _, location = rec.call(
                    browser, "download", "POST", period + "export/", {"format": random.choice(["xlsx", "pdf"])}
                )
                if status == 302 and "/reports/exports/" in location:
                    job = location.replace("http://127.0.0.1", "").split(":", 1)[-1]
                    job = job[job.index("/reports/") :]
                    for _ in range(20):
                        status, body, _ = rec.call(browser, "download", "GET", job)
                        if "/file/" in body:
                            rec.call(browser, "download", "GET", job.rstrip("/") + "/file/")
                            break
                        time.sleep(0.3)


def citizen(rec: Recorder, stop: float, index: int) -> None:
    browser = Browser()
    n = 0
    while time.time() < stop:
        status, html, _ = rec.call(browser, "public pages", "GET", random.choice(["/", "/ke-hoach/", "/cong-khai/"]))
        status, html, _ = rec.call(browser, "feedback form", "GET", "/phan-anh/")
        if status != 200:
            time.sleep(1)
            continue
        fields = form_fields(html, "")
        villages = re.findall(r'<option value="(\d+)"', html)
        n += 1
        fields.update(
            {
                "kind": "phan_anh"
                if 'value="phan_anh"' in html
                else re.findall(r'name="kind" value="([^"]+)"', html)[0],
                "subject": f"Đèn đường hỏng {index}-{n}",
                "content": "Đèn đường đầu thôn bị hỏng đã hai tuần, đề nghị sửa.",
                "village": villages[0] if villages else "",
                "name": "Nguyễn Văn Dân",
                "phone": "0912345678",
                "consent": "on",
                "website": "",
            }
        )
        status, _, location = rec.call(browser, "send feedback", "POST", "/phan-anh/", fields)
        match = re.search(r"/phan-anh/(PA-[0-9A-Z-]+)/", location)
        if status == 302 and match:
            with rec.lock:
                rec.acked_feedback.append(match.group(1))
        time.sleep(random.uniform(0.2, 1.0))


def verify(env: dict, rec: Recorder) -> dict:
    code = (
        "import json\n"
        "from reports.models import ProgressReport\n"
        "try:\n    from publicity.models import Feedback\nexcept ImportError:\n    Feedback = None\n"
        f"acked = json.loads({json.dumps(json.dumps(rec.acked_saves))})\n"
        f"submits = json.loads({json.dumps(json.dumps(sorted(rec.acked_submits)))})\n"
        f"codes = json.loads({json.dumps(json.dumps(rec.acked_feedback))})\n"
        "lost = []\n"
        "for path, token in acked.items():\n"
        "    r = ProgressReport.objects.get(pk=int(path.strip('/').split('/')[-1]))\n"
        "    if token not in r.summary: lost.append(path)\n"
        "not_submitted = [p for p in submits if "
        "ProgressReport.objects.get(pk=int(p.strip('/').split('/')[-1])).state != 'submitted']\n"
        "stored = Feedback.objects.filter(code__in=codes).count() if Feedback else 0\n"
        "print(json.dumps({'reports_acked': len(acked), 'reports_lost': lost, 'submits_acked': len(submits), "
        "'submits_missing': not_submitted, 'feedback_acked': len(codes), "
        "'feedback_stored': stored, 'feedback_unique': len(set(codes))}))\n"
    )
    return json.loads(manage("shell", "-c", code, env=env).strip().splitlines()[-1])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--scale", type=int, default=1)
    args = parser.parse_args()

    env = portal_env()
    print(f"preparing a fresh database (scale {args.scale}) …", flush=True)
    reset_database(env, scale=args.scale, as_of=AS_OF)
    heads = json.loads(manage("shell", "-c", PREPARE, env=env).strip().splitlines()[-1])
    rec = Recorder()
    n_heads = min(len(heads), max(1, args.users * 2 // 5))
    n_coord = max(1, args.users // 5)
    n_citizens = max(1, args.users - n_heads - n_coord)
    with gunicorn(env):
        start = time.time()
        stop = start + args.seconds
        threads = [
            threading.Thread(target=village_head, args=(rec, heads[i], stop, start + args.seconds * 0.8))
            for i in range(n_heads)
        ]
        threads += [threading.Thread(target=coordinator, args=(rec, stop)) for _ in range(n_coord)]
        threads += [threading.Thread(target=citizen, args=(rec, stop, i)) for i in range(n_citizens)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.time() - start
    result = verify(env, rec)
    total = sum(rec.statuses.values())
    print(
        f"\nusers: {n_heads} village heads, {n_coord} coordinators, {n_citizens} citizens for {elapsed:.0f} "
        f"s (scale {args.scale})"
    )
    print(f"requests: {total} ({total / elapsed:.1f}/s)")
    print("answers by status: " + ", ".join(f"{s}: {c}" for s, c in sorted(rec.statuses.items())))
    print(f"5xx: {sum(c for s, c in rec.statuses.items() if s >= 500)}")
    print(f"{'kind':<18} {'n':>6} {'p50 ms':>8} {'p95 ms':>8}")
    for kind, values in sorted(rec.samples.items()):
        print(f"{kind:<18} {len(values):>6} {statistics.median(values):>8.0f} {percentile(values, 0.95):>8.0f}")
    print(
        f"report drafts: {result['reports_acked']} forms with acknowledged saves, {len(result['reports_lost'])} lost; "
        f"submits acknowledged {result['submits_acked']}, not stored {len(result['submits_missing'])}"
    )
    print(
        f"feedback: {result['feedback_acked']} acknowledged, {result['feedback_stored']} stored, "
        f"{result['feedback_unique']} distinct codes"
    )


if __name__ == "__main__":
    main()
