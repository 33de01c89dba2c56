"""Each official's start page shows what waits for them in publicity: cases and disclosures, as counts."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from camgiang_portal.actors import SYSTEM
from publicity import services

pytestmark = pytest.mark.django_db

LATER = datetime.datetime(2026, 12, 30, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))


def draft_disclosure(user, body, n=0):
    return services.disclosure_save(
        by=user,
        data={
            "category": 7,
            "title": f"Danh sách hộ nghèo {n}",
            "text": "Kết quả bình xét.",
            "body": body,
            "forms": ["a", "b"],
            "decision_date": datetime.date(2026, 5, 18),
        },
    )


def panel(client) -> str:
    page = client.get(reverse("start")).content.decode()
    start = page.find('data-testid="publicity-todo"')
    return page[start : page.find("</section>", start)] if start >= 0 else ""


def test_coordinator_sees_drafts_to_disclose_and_the_communes_overdue_cases(
    client_for, user_named, village1, forwarded
):
    draft_disclosure(user_named("vanhoaxahoi"), village1)
    with time_machine.travel(LATER):
        text = panel(client_for("vanhoaxahoi"))
    assert 'data-testid="disclosures-drafts">1<' in text
    assert 'data-testid="feedback-overdue-all">1<' in text
    assert "Nguyễn Văn Dân" not in text and "Đèn đường" not in text  # counts, never the case itself


def test_village_head_sees_the_case_forwarded_to_the_village(client_for, forwarded):
    with time_machine.travel(LATER):
        text = panel(client_for("truongthon1"))
    assert 'data-testid="feedback-open">1<' in text
    assert 'data-testid="feedback-overdue">1 quá hạn<' in text


def test_other_village_head_sees_none_of_it(client_for, forwarded):
    text = panel(client_for("truongthon2"))
    assert 'data-testid="feedback-open">0<' in text


def test_start_page_queries_do_not_grow_with_the_work_waiting(client_for, user_named, village1, make_feedback):
    client = client_for("vanhoaxahoi")
    draft_disclosure(user_named("vanhoaxahoi"), village1)
    make_feedback()
    client.get(reverse("start"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("start"))
    for n in range(1, 8):
        draft_disclosure(user_named("vanhoaxahoi"), village1, n)
        make_feedback()
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("start"))
    assert len(many) == len(few)


def test_the_panel_sits_on_the_coordinators_dashboard_too(client_for, demo):
    from reports import services as report_services

    report_services.report_expected_generate(plan=demo.demo_plan(), by=SYSTEM)
    response = client_for("vanhoaxahoi").get(reverse("start"))
    assert "consolidation/_dashboard_panel.html" in [t.name for t in response.templates]
    assert 'data-testid="publicity-todo"' in response.content.decode()
