"""Query counts of the dashboard, the consolidated view and the roll-up do not grow with the number of bodies."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consolidation import gather
from consolidation import selectors as consolidation_selectors
from plans import demo as plans_demo
from plans.models import Item
from reports import demo, selectors
from reports.tests.conftest import build_plan

pytestmark = pytest.mark.django_db


def count(func) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        func()
    return len(captured)


def count_warm(func) -> int:
    func()
    with CaptureQueriesContext(connection) as captured:
        func()
    return len(captured)


def measure(client, plan) -> dict[str, int]:
    demo.demo_reports(plan=plan)
    assert client.get(reverse("consolidation:dashboard")).status_code == 200
    period = plan.periods.get(code="6thang")
    item = Item.objects.filter(area__plan=plan).order_by("area__order", "order").first()
    return {
        "dashboard": count(lambda: consolidation_selectors.dashboard(plan)),
        "consolidated": count(lambda: gather.consolidated(period)),
        "progress": count(lambda: consolidation_selectors.plan_progress(plan, period)),
        "dashboard_view": count(lambda: client.get(reverse("consolidation:dashboard"))),
        "consolidated_view": count(lambda: client.get(reverse("consolidation:consolidated", args=[period.pk]))),
        "consolidated_item_view": count(
            lambda: client.get(reverse("consolidation:consolidated_item", args=[period.pk, item.pk]))
        ),
        # Served from the cached fragments, as a running portal mostly does.
        "dashboard_view_cached": count_warm(lambda: client.get(reverse("consolidation:dashboard"))),
        "consolidated_view_cached": count_warm(
            lambda: client.get(reverse("consolidation:consolidated", args=[period.pk]))
        ),
    }


def test_query_counts_equal_at_1x_and_10x(client_for):
    client = client_for("vanhoaxahoi")
    small = build_plan()
    at_1x = measure(client, small)
    small.status = "superseded"
    small.save(update_fields=["status"])
    plans_demo.demo_bodies_and_users(password="camgiang2026", scale=10)
    large = build_plan()
    client = client_for("vanhoaxahoi")  # the demo reset changed passwords, which ends sessions
    assert (
        large.periods.get(code="6thang").progress_reports.count()
        > 8 * small.periods.get(code="6thang").progress_reports.count()
    )
    at_10x = measure(client, large)
    assert at_10x == at_1x


def test_dashboard_is_cached_until_a_write(client_for, plan):
    cache.clear()
    consolidation_selectors.dashboard(plan)
    with CaptureQueriesContext(connection) as captured:
        consolidation_selectors.dashboard(plan)
    assert len(captured) == 0
    selectors.cache_invalidate()
    with CaptureQueriesContext(connection) as captured:
        consolidation_selectors.dashboard(plan)
    assert len(captured) >= 2
