"""The period list's data-span form (consolidation:period_span): the coordinator sets it, the consolidated page and
the Báo cáo PDF state it; others are refused, forged ids are 404, bad dates 400 with their message."""

import datetime as dt

import pytest
from django.urls import reverse

from camgiang_portal.tests import pdfcheck
from consolidation import papers
from plans.models import Body, ReportingPeriod
from plans.tests.factories import small_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(demo):
    plan = small_plan(list(Body.objects.filter(kind=Body.Kind.VILLAGE)[:2]))
    return plan.periods.get(code="6thang")


def post_span(client, period_pk, start, end):
    return client.post(reverse("consolidation:period_span", args=[period_pk]), {"start": start, "end": end})


def test_the_coordinator_sets_the_span_and_the_pages_state_it(client_for, period):
    client = client_for("vanhoaxahoi")
    page = client.get(reverse("consolidation:periods")).content.decode()
    assert reverse("consolidation:period_span", args=[period.pk]) in page
    assert 'value="01/01/2026"' in page and 'value="30/06/2026"' in page
    response = post_span(client, period.pk, "01/01/2026", "31/05/2026")
    assert response.status_code == 302 and response.url == reverse("consolidation:periods")
    period.refresh_from_db()
    assert (period.start, period.end) == (dt.date(2026, 1, 1), dt.date(2026, 5, 31))
    sentence = "Số liệu tính từ ngày 01/01/2026 đến ngày 31/05/2026."
    consolidated = client.get(reverse("consolidation:consolidated", args=[period.pk])).content.decode()
    assert sentence in consolidated
    assert sentence in pdfcheck.flat(pdfcheck.text(papers.consolidated_pdf(period)))


@pytest.mark.parametrize("username", ["truongthon1", "lanhdao", "mttq", "phongkinhte"])
def test_others_get_403_and_nothing_changes(client_for, period, username):
    client = client_for(username)
    assert post_span(client, period.pk, "01/01/2026", "31/05/2026").status_code == 403
    # Whoever may read the list is shown no span form.
    listing = client.get(reverse("consolidation:periods"))
    assert listing.status_code == 403 or 'name="start"' not in listing.content.decode()
    period.refresh_from_db()
    assert period.end == dt.date(2026, 6, 30)


def test_a_forged_period_is_404(client_for, period):
    missing = ReportingPeriod.objects.order_by("-pk").first().pk + 100
    assert post_span(client_for("vanhoaxahoi"), missing, "01/01/2026", "31/05/2026").status_code == 404


def test_get_is_not_allowed(client_for, period):
    assert client_for("vanhoaxahoi").get(reverse("consolidation:period_span", args=[period.pk])).status_code == 405


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("31/05/2026", "01/01/2026", "Ngày kết thúc không được trước ngày bắt đầu."),
        ("15/12/2025", "31/05/2026", "Khoảng số liệu phải nằm trong khoảng từ ngày 01/01/2026 đến ngày 31/12/2026."),
        ("01/01/2026", "30/06/2026", "Số liệu không được tính đến sau hạn nộp báo cáo (05/06/2026)."),
        ("2026-01-01", "31/05/2026", "Ngày không hợp lệ: nhập dd/mm/yyyy."),
        ("31/02/2026", "31/05/2026", "Ngày không hợp lệ: nhập dd/mm/yyyy."),
        ("", "31/05/2026", "Nhập ngày bắt đầu."),
    ],
)
def test_bad_dates_are_400_with_their_message(client_for, period, start, end, message):
    response = post_span(client_for("vanhoaxahoi"), period.pk, start, end)
    assert response.status_code == 400
    assert message in response.content.decode()
    period.refresh_from_db()
    assert (period.start, period.end) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
