"""A commune's pages and the city's cost the same SQL queries whatever the number of communes on the platform:
each page is measured on Cẩm Giang with one other commune, then with three more, each with its own bodies,
accounts, plan, forms and public side (the demo's). benchmarks/bench_city.py prints the same at 114 communes."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from city import demo as city_demo
from city import fragments as city_fragments
from communes.current import use_commune
from communes.services import home_commune
from plans import demo as plans_demo
from plans.models import ReportingPeriod
from publicity import demo as publicity_demo
from reports import demo as reports_demo
from reports import selectors as reports_selectors

pytestmark = pytest.mark.django_db
PASSWORD = "camgiang2026"
AS_OF = datetime.date(2026, 7, 15)  # the 6-month forms sent and under review, the 9-month ones open
TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def _seed(sites) -> None:
    for site in sites:
        with use_commune(site.commune):
            plans_demo.demo_bodies_and_users(password=PASSWORD, site=site)
            plan = plans_demo.demo_plan(site)
            reports_demo.demo_reports(plan=plan, as_of=AS_OF)
            publicity_demo.demo_publicity(as_of=AS_OF, site=site)


def _pages() -> list[tuple[str | None, str]]:
    home = home_commune()
    period = ReportingPeriod.objects.get(plan__commune=home, code="6thang")
    city_period = city_demo.demo_city_periods(2026)[0]
    return [
        (None, "/"),
        (None, "/xa/cam-giang/"),
        (None, "/xa/cam-giang/ke-hoach/"),
        (None, "/xa/cam-giang/cong-khai/"),
        (None, "/xa/cam-giang/phan-anh/"),
        ("vanhoaxahoi", "/xa/cam-giang/start/"),
        ("vanhoaxahoi", "/xa/cam-giang/reports/"),
        ("vanhoaxahoi", f"/xa/cam-giang/reports/periods/{period.pk}/"),
        ("lanhdao", "/xa/cam-giang/start/"),
        ("truongthon1", "/xa/cam-giang/start/"),
        ("thanhpho", f"/thanh-pho/?ky={city_period.pk}"),
        ("thanhpho", f"/thanh-pho/ky/{city_period.pk}/so-lieu/"),
        ("thanhpho", f"/thanh-pho/ky/{city_period.pk}/xa/{home.code}/"),
    ]


def _queries() -> dict[str, tuple[int, int]]:
    """Each page's queries as built (every cached piece out of date) and as served from the caches."""
    counts = {}
    clients: dict[str | None, Client] = {}
    for username, url in _pages():
        if username not in clients:
            clients[username] = Client()
            if username:
                clients[username].force_login(get_user_model().objects.get(username=username))
        client = clients[username]
        client.get(url)  # the session and the permissions cached, as for someone already signed in
        reports_selectors.cache_invalidate()
        city_fragments.invalidate()
        visits = []
        for _visit in range(2):
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200, url
            visits.append(len(ctx.captured_queries))
        counts[f"{username} {url}"] = tuple(visits)
    return counts


def test_every_page_costs_the_same_queries_at_two_communes_and_at_five(settings, tmp_path):
    settings.PLATFORM_COMMUNES = "many"
    settings.MEDIA_ROOT = tmp_path / "media"
    with time_machine.travel(datetime.datetime.combine(AS_OF, datetime.time(9), tzinfo=TZ), tick=False):
        sites = plans_demo.demo_sites(5)
        _seed(sites[:2])
        city_demo.demo_city_accounts(password=PASSWORD)
        few = _queries()
        _seed(sites[2:])
        many = _queries()
    assert many == few
