"""Fixtures of the reports tests: the demo commune with a small plan, its indicators and expected reports."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from camgiang_portal.actors import SYSTEM
from plans.models import Body, Plan
from plans.tests.factories import small_plan
from reports import services, workflow
from reports.models import ItemStatus, ProgressReport
from reports.rows import ItemData


def build_plan() -> Plan:
    """Every department and village (and the MTTQ) assigned every item, as the seed plan does."""
    bodies = list(Body.objects.filter(kind__in=[Body.Kind.DEPARTMENT, Body.Kind.VILLAGE])) + list(
        Body.objects.filter(is_front=True)
    )
    plan = small_plan(bodies)
    plan.status = Plan.Status.ISSUED
    plan.save(update_fields=["status"])
    services.indicators_seed(plan=plan)
    services.report_expected_generate(plan=plan, by=SYSTEM)
    return plan


@pytest.fixture
def plan(demo):
    return build_plan()


@pytest.fixture
def report_of(plan):
    def get(code: str, period: str = "6thang") -> ProgressReport:
        return ProgressReport.objects.select_related("body", "period").get(
            period__plan=plan, period__code=period, body__code=code
        )

    return get


@pytest.fixture
def own_report(report_of):
    """truongthon1's 6-month form (Thôn Đông Giao, thon-001)."""
    return report_of("thon-001")


@pytest.fixture
def celery_eager():
    """Run queued tasks in the test's process, also in the PostgreSQL + Redis pass (no worker runs there)."""
    from camgiang_portal.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


# Inside the 6- and 9-month periods (both still open), as a clock for writing forms in tests.
WRITING_TIME = datetime.datetime(2026, 5, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
def send_report(report_of, user_named):
    """A village head fills and submits the form while the period is open; the coordinator accepts it unless
    told not to."""

    def go(code: str, period: str = "6thang", *, accept: bool = True) -> ProgressReport:
        head = user_named(f"truongthon{code[-1]}")
        with time_machine.travel(WRITING_TIME):
            report = report_of(code, period)
            items = {
                p.pk: ItemData(status=ItemStatus.ONGOING, done="Đã họp thôn", figures={}) for p in report.items.all()
            }
            report = workflow.transition(report, "save", head, version=report.version, summary="", items=items)
            report = workflow.transition(report, "submit", head)
            if accept:
                report = workflow.transition(report, "accept", user_named("vanhoaxahoi"))
        return report

    return go


@pytest.fixture
def accepted_period(plan, send_report):
    """The 6-month period with two villages' forms accepted."""
    send_report("thon-001")
    send_report("thon-002")
    return plan.periods.get(code="6thang")
