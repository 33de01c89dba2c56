"""axe-core on the reports pages, filled with demo forms, at phone and desktop sizes."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from camgiang_portal.tests.a11y import serious_violations
from conftest import DESKTOP, PHONE, browser_login
from reports import demo
from reports.models import ProgressReport
from reports.tests.conftest import build_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_reports_pages(live_server, demo_cast, browser, viewport):
    plan = build_plan()
    plan.periods.filter(code="6thang").update(due_date=timezone.localdate() + datetime.timedelta(days=10))
    demo.demo_reports(plan=plan)
    own = ProgressReport.objects.get(period__plan=plan, period__code="6thang", body__code="thon-001")
    accepted = ProgressReport.objects.filter(period__plan=plan, state="accepted").first()
    period = own.period
    pages = [
        ("truongthon1", ["/start/", own.get_absolute_url()]),
        (
            "vanhoaxahoi",
            [
                "/start/",
                accepted.get_absolute_url(),
                f"/reports/periods/{period.pk}/",
                f"/reports/periods/{period.pk}/items/{accepted.items.first().item_id}/",
                f"/reports/periods/{period.pk}/import/",
                f"/reports/periods/{period.pk}/outline/",
                f"/reports/periods/{period.pk}/draft/",
                "/reports/periods/",
            ],
        ),
        # Leadership reads the draft (read-only text, no buttons).
        ("lanhdao", ["/start/", f"/reports/periods/{period.pk}/", f"/reports/periods/{period.pk}/draft/"]),
        ("mttq", ["/start/", f"/reports/periods/{period.pk}/"]),
    ]
    problems = {}
    for username, paths in pages:
        context = browser.new_context(viewport=viewport, bypass_csp=True, locale="vi-VN")
        page = context.new_page()
        browser_login(page, live_server, username)
        page.wait_for_url(f"{live_server.url}/start/")
        for path in paths:
            page.goto(live_server.url + path)
            found = serious_violations(page)
            if found:
                problems[f"{username} {path}"] = found
            if viewport == PHONE:
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > 360:
                    problems[f"{username} {path} width"] = width
        context.close()
    assert problems == {}


@pytest.fixture
def demo_cast(demo):
    return demo
