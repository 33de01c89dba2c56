"""Every page each demo role can reach, on the demo as `make run` seeds it, on three dates of the year, before and
after the plan and a period's Báo cáo are issued: none answers 5xx, and no link leads its reader to a page they
may not open.

This is the suite walking the portal as its users do: 13 of 48 demo forms once answered 500 for every role while
every other test was green, because no test opened them.
"""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from camgiang_portal.tests.crawl import crawl
from camgiang_portal.tests.signing_helpers import make_identity
from consolidation import issuing

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# Before the first deadline (6-month report due 05/6), between two (9-month due 10/9), after the last (10/11).
DATES = [datetime.date(2026, 5, 20), datetime.date(2026, 7, 15), datetime.date(2026, 12, 1)]
ROLES = [
    None,
    "lanhdao",
    "vanhoaxahoi",
    "phongkinhte",
    "mttq",
    "truongthon1",
    "truongthon2",
    "truongthon5",
    "truongthon8",
]
BROKEN = lambda status: status >= 500 or status in (403, 404, 405)  # noqa: E731
ENTRY = ["/", "/ke-hoach/", "/cong-khai/", "/phan-anh/", "/tiep-cong-dan/", "/du-lieu-mo/", "/xac-thuc/"]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


# Pages the crawl must reach from a link (a page no link leads to is a page no test of this file opens), by the
# role that must reach it; "*": any role — downloads are fetched once, by the first role shown them. \d+ is an id.
MUST_REACH = {
    "vanhoaxahoi": [r"/reports/periods/\d+/draft/", r"/reports/periods/\d+/outline/"],
    "lanhdao": [r"/reports/periods/\d+/draft/"],
    "mttq": [r"/reports/periods/\d+/draft/"],
    "*": [r"/reports/periods/\d+/draft/preview\.pdf", r"/reports/periods/\d+/draft/docx/"],
}


def _unreached(visited: dict[str | None, set[str]]) -> dict[str, list[str]]:
    every = set().union(*visited.values()) if visited else set()
    missing = {}
    for username, patterns in MUST_REACH.items():
        urls = every if username == "*" else visited.get(username, set())
        absent = [p for p in patterns if not any(re.fullmatch(p, url) for url in urls)]
        if absent:
            missing[username] = absent
    return missing


def _crawl_every_role(visited: dict[str | None, set[str]] | None = None) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    downloads: set[str] = set()
    for username in ROLES:
        client = Client(raise_request_exception=False)
        start = list(ENTRY)
        if username:
            client.force_login(get_user_model().objects.get(username=username))
            start = ["/start/", *start]
        result = crawl(client, start, downloads_done=downloads)
        assert not result.capped, f"{username}: more pages than the crawl's limit"
        if visited is not None:
            visited.setdefault(username, set()).update(result.visited)
        # A link shown to a reader must open for them: a 5xx is a broken page, a 403/404 a link they cannot use.
        bad = result.failures(bad=BROKEN)
        if bad:
            problems[username or "anonymous"] = bad
    return problems


def _issue_plan_and_report(leader) -> None:
    """What leadership does in the year: issue the plan, then (once forms are reviewed) the due period's Báo cáo."""
    from issuance import services as issuance_services
    from plans.models import Plan
    from reports import workflow
    from reports.models import ProgressReport

    plan = Plan.objects.filter(status=Plan.Status.DRAFT).order_by("-year").first()
    issuance_services.plan_issue(plan=plan, by=leader)
    today = datetime.datetime.now(TZ).date()
    due = [p for p in plan.periods.order_by("order") if p.due_date and p.due_date < today]
    if not due:
        return
    period = due[-1]
    coordinator = get_user_model().objects.get(username="vanhoaxahoi")
    for report in ProgressReport.objects.filter(period=period, state=ProgressReport.State.SUBMITTED):
        workflow.transition(report, "accept", coordinator)
    if ProgressReport.objects.filter(period=period, state=ProgressReport.State.ACCEPTED).exists():
        issuing.consolidated_issue(period=period, by=leader)


@pytest.mark.parametrize("day", DATES, ids=[d.isoformat() for d in DATES])
def test_no_page_breaks_for_any_role(day, settings, tmp_path):
    with time_machine.travel(datetime.datetime.combine(day, datetime.time(9, 30), tzinfo=TZ), tick=True):
        # A signing identity of that day: the development certificate is valid from the day before it is made.
        settings.SIGNING_DIR = make_identity(tmp_path / "signing")
        settings.SIGNING_P12, settings.SIGNING_PKCS11_MODULE, settings.SIGNING_TRUST_ROOTS = "", "", []
        call_command("seed_demo", "--reports", verbosity=0)
        visited: dict[str | None, set[str]] = {}
        before = _crawl_every_role(visited)
        _issue_plan_and_report(get_user_model().objects.get(username="lanhdao"))
        after = _crawl_every_role(visited)
    assert not before, f"before issuing: {before}"
    assert not after, f"after issuing: {after}"
    assert not _unreached(visited), f"no link leads there: {_unreached(visited)}"


# On a platform of several communes (as `make run` seeds it): the city's two roles from its dashboard, the second
# commune's coordinator under its address, and a citizen at the platform's root; after the year's deadlines.
CITY_ROLES = [(None, ["/"]), ("thanhpho", ["/start/"]), ("lanhdaothanhpho", ["/start/"]), ("vanhoaxahoi.2", [])]
CITY_MUST_REACH = [
    r"/thanh-pho/ky/\d+/so-lieu/",
    r"/thanh-pho/ky/\d+/xa/\d+/",
    r"/thanh-pho/ky/",
    r"/thanh-pho/ky/\d+/bao-cao/",
]


def test_no_page_breaks_on_a_platform_of_communes_and_the_city(settings, tmp_path):
    from plans.demo import demo_sites

    settings.PLATFORM_COMMUNES = "many"
    day = datetime.date(2026, 12, 1)
    with time_machine.travel(datetime.datetime.combine(day, datetime.time(9, 30), tzinfo=TZ), tick=True):
        settings.SIGNING_DIR = make_identity(tmp_path / "signing")
        settings.SIGNING_P12, settings.SIGNING_PKCS11_MODULE, settings.SIGNING_TRUST_ROOTS = "", "", []
        call_command("seed_demo", "--reports", "--communes", "2", verbosity=0)
        second = demo_sites(2)[1].commune
        problems, visited, downloads = {}, {}, set()
        for username, start in CITY_ROLES:
            client = Client(raise_request_exception=False)
            if username:
                client.force_login(get_user_model().objects.get(username=username))
            start = start or [f"/xa/{second.slug}/start/", f"/xa/{second.slug}/"]
            result = crawl(client, start, downloads_done=downloads)
            assert not result.capped
            visited[username] = result.visited
            if result.failures(bad=BROKEN):
                problems[username or "anonymous"] = result.failures(bad=BROKEN)
    assert not problems, problems
    for pattern in CITY_MUST_REACH:
        assert any(re.fullmatch(pattern, url) for url in visited["thanhpho"]), pattern
    assert any(url.startswith(f"/xa/{second.slug}/reports/") for url in visited["vanhoaxahoi.2"])
