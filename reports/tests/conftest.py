"""Fixtures of the reports tests: the demo commune with a small plan, its indicators and expected reports."""

from __future__ import annotations

import pytest

from plans.models import Body, Plan
from plans.tests.factories import small_plan
from reports import services
from reports.models import ProgressReport


def build_plan() -> Plan:
    """Every department and village (and the MTTQ) assigned every item, as the seed plan does."""
    bodies = list(Body.objects.filter(kind__in=[Body.Kind.DEPARTMENT, Body.Kind.VILLAGE])) + list(
        Body.objects.filter(is_front=True)
    )
    plan = small_plan(bodies)
    plan.status = Plan.Status.ISSUED
    plan.save(update_fields=["status"])
    services.indicators_seed(plan=plan)
    services.report_expected_generate(plan=plan)
    return plan


@pytest.fixture
def plan(demo):
    return build_plan()


@pytest.fixture
def report_of(plan):
    def get(code: str, period: str = "6thang") -> ProgressReport:
        return ProgressReport.objects.select_related("body", "period").get(period__plan=plan, period__code=period, body__code=code)

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
