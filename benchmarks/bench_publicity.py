"""Benchmark of the public pages with 1,000 disclosures and 10,000 feedback items: latency and query count.

    python benchmarks/bench_publicity.py [--disclosures 1000] [--feedback 10000]
Runs on a throwaway test database (SQLite by default, PostgreSQL when DATABASE_URL is set). Prints numbers;
asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "camgiang_portal.settings_test")


def measure(client, url: str, repeat: int = 7) -> tuple[float, int, int]:
    """(median ms, queries, status) of GET url."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm templates and caches
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        runs.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return statistics.median(runs), len(queries), response.status_code


def populate(n_disclosures: int, n_feedback: int) -> None:
    from django.utils import timezone

    from plans import demo as plans_demo
    from plans.models import Body
    from plans.tests.factories import small_plan
    from publicity import demo
    from publicity.models import DisclosureItem, Feedback, FeedbackCodeCounter, FeedbackStep, ReceptionSession
    from publicity.text import fold

    plans_demo.demo_bodies_and_users(password="camgiang2026")
    small_plan(list(Body.objects.filter(kind=Body.Kind.VILLAGE)[:4]))
    demo.demo_publicity()
    bodies = list(Body.objects.filter(kind=Body.Kind.DEPARTMENT))
    villages = list(Body.objects.filter(kind=Body.Kind.VILLAGE))
    today = timezone.localdate()
    now = timezone.now()
    items = []
    for i in range(n_disclosures):
        start = today - datetime.timedelta(days=i % 700)
        title = f"Nội dung công khai số {i} về dân chủ ở cơ sở"
        items.append(
            DisclosureItem(
                category=i % 14 + 1,
                title=title,
                text="Toàn văn nội dung. " * 20,
                body=bodies[i % len(bodies)],
                commune_id=bodies[i % len(bodies)].commune_id,
                forms=["a", "b", "c"],
                decision_date=start - datetime.timedelta(days=2),
                start_date=start,
                min_days=30,
                status="published",
                published_at=now,
                search_text=fold(title),
            )
        )
    DisclosureItem.objects.bulk_create(items, batch_size=500)
    year = today.year
    counter, _ = FeedbackCodeCounter.objects.get_or_create(commune=villages[0].commune, year=year)
    first = counter.last + 1
    statuses = ["received", "classified", "forwarded", "answered", "closed", "published"]
    cases = []
    for i in range(n_feedback):
        status = statuses[i % len(statuses)]
        cases.append(
            Feedback(
                code=f"PA-{villages[0].commune.code}-{year}-{first + i:06d}",
                commune_id=villages[i % len(villages)].commune_id,
                kind="phan_anh" if i % 2 else "kien_nghi",
                channel="web",
                subject=f"Phản ánh {i}",
                content="Nội dung phản ánh. " * 10,
                village=villages[i % len(villages)],
                name="Người dân",
                phone="0900000000",
                consent=True,
                status=status,
                received_on=today - datetime.timedelta(days=i % 300),
                ack_due=today - datetime.timedelta(days=i % 300 - 14),
                answer="Đã giải quyết." if status in ("closed", "published") else "",
                public_summary=f"Phản ánh {i}" if status == "published" else "",
                published_at=now if status == "published" else None,
                access_key="x" * 16,
                search_text=fold(f"Phản ánh {i} đã giải quyết") if status == "published" else "",
            )
        )
    Feedback.objects.bulk_create(cases, batch_size=1000)
    counter.last = first + n_feedback - 1
    counter.save()
    steps = [FeedbackStep(feedback_id=pk, action="received") for pk in Feedback.objects.values_list("pk", flat=True)]
    FeedbackStep.objects.bulk_create(steps, batch_size=2000)
    print(
        f"data: {DisclosureItem.objects.count()} disclosures, {Feedback.objects.count()} feedback items, "
        f"{ReceptionSession.objects.count()} reception sessions"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--disclosures", type=int, default=1000)
    parser.add_argument("--feedback", type=int, default=10000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment, teardown_test_environment

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        populate(args.disclosures, args.feedback)
        from plans.demo import User

        anonymous = Client()
        mttq = Client()
        mttq.force_login(User.objects.get(username="mttq"))
        code = (
            __import__("publicity.models", fromlist=["Feedback"])
            .Feedback.objects.filter(status="published")
            .first()
            .code
        )
        rows = [
            ("public home /", anonymous, "/"),
            ("disclosures /cong-khai/", anonymous, "/cong-khai/"),
            ("disclosures, filtered", anonymous, "/cong-khai/?category=7&year=2026"),
            ("disclosures, page 20", anonymous, "/cong-khai/?page=20"),
            ("feedback status page", anonymous, f"/phan-anh/{code}/"),
            ("search 'dan chu'", anonymous, "/tim-kiem/?q=dan+chu"),
            ("open data: feedback statistics", anonymous, "/du-lieu-mo/thong-ke-phan-anh.json"),
            ("MTTQ inbox", mttq, "/can-bo/phan-anh/"),
        ]
        print(f"database: {connection.vendor}")
        print(f"{'page':<34} {'median ms':>10} {'queries':>8} {'status':>7}")
        for label, client, url in rows:
            ms, queries, status = measure(client, url)
            print(f"{label:<34} {ms:>10.1f} {queries:>8} {status:>7}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
