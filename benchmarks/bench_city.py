"""The city level at the city's real size: `seed_demo --reports --communes N` on PostgreSQL + Redis (its time and
peak memory), then, behind gunicorn (2 sync workers, as the README deploys), the requests per second of the city's
start page, its figures and one commune's page beside /healthz in the same run (the target is a quarter of
/healthz's rate), the time of the city XLSX (target: under 10 s at 114 communes), and the SQL queries per page
(they must not grow with the number of communes: compare a run at 3 with a run at 114).

    python benchmarks/bench_city.py [--communes 114] [--seconds 10] [--concurrency 8] [--keep] [--threads 1]

--keep measures the database a previous run seeded (same --communes), without seeding again.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time

# A database of its own, so that --keep finds the city's seed whatever the other benchmarks did since.
os.environ.setdefault("BENCH_DB", "camgiang_city")

from portal_server import Browser, fresh_database, gunicorn, manage, portal_env  # noqa: E402
from scale import rate  # noqa: E402

QUERY_COUNT = """
import json
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from city.models import CityPeriod
from communes.models import Commune
settings.ALLOWED_HOSTS.append("testserver")
client = Client()
client.force_login(get_user_model().objects.get(username="thanhpho"))
period = CityPeriod.objects.get(code="6thang")
commune = Commune.objects.filter(on_platform=True).order_by("code").last()
out = {"communes": Commune.objects.filter(on_platform=True).count(), "period": period.pk, "code": commune.code}
for name, url in [
    ("home", "/thanh-pho/?ky=%d" % period.pk),
    ("figures", "/thanh-pho/ky/%d/so-lieu/" % period.pk),
    ("commune", "/thanh-pho/ky/%d/xa/%s/" % (period.pk, commune.code)),
    ("report", "/thanh-pho/ky/%d/bao-cao/" % period.pk),
    ("xlsx", "/thanh-pho/ky/%d/xlsx/" % period.pk),
]:
    client.get(url)  # warm the caches as a running portal would have them
    with CaptureQueriesContext(connection) as ctx:
        status = client.get(url).status_code
    out[name] = [status, len(ctx.captured_queries)]
print(json.dumps(out))
"""


def seed(env: dict, communes: int) -> tuple[float, float]:
    """(seconds, peak MB of the seeding process)."""
    fresh_database(env)
    manage("create_signing_identity", env=env)
    start = time.time()
    manage("seed_demo", "--reports", "--communes", str(communes), env=env, timeout=7200)
    seconds = time.time() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest child so far: the seed
    manage("collectstatic", "--no-input", "-v0", env=env)
    return seconds, peak_mb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communes", type=int, default=114)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--keep", action="store_true", help="measure the database already seeded")
    # The README's command is `gunicorn camgiang_portal.wsgi -w 2`: sync workers, one request at a time each.
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    env = portal_env({"PLATFORM_COMMUNES": "many"})
    if args.keep:
        manage("migrate", "--no-input", "-v0", env=env)  # the code may be newer than the seed
    else:
        print(f"seeding {args.communes} communes and the city …", flush=True)
        seconds, peak_mb = seed(env, args.communes)
        print(
            f"seed_demo --reports --communes {args.communes}: {seconds:.0f} s "
            f"({seconds / args.communes:.1f} s a commune), peak {peak_mb:.0f} MB",
            flush=True,
        )
    queries = json.loads(manage("shell", "-c", QUERY_COUNT, env=env).strip().splitlines()[-1])
    period, code = queries.pop("period"), queries.pop("code")
    with gunicorn(env, threads=args.threads):
        xlsx_times = []
        probe = Browser()
        probe.login("thanhpho")
        for _ in range(3):
            start = time.time()
            status, body, _location = probe.fetch("GET", f"/thanh-pho/ky/{period}/xlsx/", timeout=120)
            xlsx_times.append(time.time() - start)
            if status != 200:
                raise RuntimeError(f"the city XLSX answered {status}")
        results = {}
        for name, path, user in [
            ("/healthz", "/healthz", None),
            ("city start page", f"/thanh-pho/?ky={period}", "thanhpho"),
            ("figures", f"/thanh-pho/ky/{period}/so-lieu/", "thanhpho"),
            ("one commune", f"/thanh-pho/ky/{period}/xa/{code}/", "thanhpho"),
        ]:
            results[name] = rate(path, seconds=args.seconds, concurrency=args.concurrency, username=user)
    base = results["/healthz"][0]
    print(
        f"\n{queries['communes']} communes on PostgreSQL + Redis, gunicorn 2 workers × {args.threads} thread(s), "
        f"{args.concurrency} clients, {args.seconds:.0f} s each"
    )
    print(f"{'page':<20} {'req/s':>8} {'answers':>8} {'non-200':>8} {'÷ healthz':>10}")
    for name, (rps, n, bad) in results.items():
        print(f"{name:<20} {rps:>8.1f} {n:>8} {bad:>8} {rps / base:>10.2f}")
    print(f"city XLSX: {min(xlsx_times):.2f} s best, {max(xlsx_times):.2f} s worst of 3 ({len(body) / 1024:.0f} KB)")
    counts = {k: v for k, v in queries.items() if k != "communes"}
    print("SQL queries per page (status, queries): " + "; ".join(f"{k}: {v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
