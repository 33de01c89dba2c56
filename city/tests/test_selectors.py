"""Each commune's report to the city read from its issued Báo cáo, the completeness by kind, the figures summed
across communes, and the fixed number of queries whatever the number of communes."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from city import selectors
from city.selectors import Status
from communes.models import Commune

from .world import at, city_period, commune_with_period, issue_row

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 20)


@pytest.fixture(autouse=True)
def _many(settings):
    settings.PLATFORM_COMMUNES = "many"


def test_received_on_first_issue_late_after_the_city_deadline_and_the_file_the_version_in_force():
    cp = city_period()
    on_time, p1 = commune_with_period()
    late, p2 = commune_with_period(kind=Commune.Kind.PHUONG)
    waiting, _p3 = commune_with_period()
    first = issue_row(on_time, p1, at(12))
    newer = issue_row(on_time, p1, at(18), supersedes=first)  # issued again after the deadline: still on time
    issue_row(late, p2, at(16))
    rows = {r.commune: r for r in selectors.receipts(cp, [on_time, late, waiting], TODAY)}
    assert rows[on_time].status == Status.ON_TIME
    assert rows[on_time].received_at == first.issued_at and rows[on_time].current == newer
    assert rows[late].status == Status.LATE
    assert rows[waiting].status == Status.OVERDUE and rows[waiting].current is None
    assert selectors.receipts(cp, [waiting], datetime.date(2026, 6, 15))[0].status == Status.WAITING


def test_a_commune_without_the_period_and_another_communes_paper_do_not_count():
    cp = city_period()
    a, pa = commune_with_period()
    from communes.tests.factories import CommuneFactory

    no_plan = CommuneFactory()
    issue_row(a, pa, at(10), supersedes=None)
    rows = selectors.receipts(cp, [a, no_plan], TODAY)
    assert [r.status for r in rows] == [Status.ON_TIME, Status.NO_PLAN]
    # The 9-month period of the city is answered by no 6-month paper.
    assert selectors.receipts(city_period(code="9thang", due=datetime.date(2026, 9, 20)), [a], TODAY)[0].first is None


def test_completeness_for_the_city_and_each_kind():
    cp = city_period()
    xa, p1 = commune_with_period()
    phuong, _p2 = commune_with_period(kind=Commune.Kind.PHUONG)
    issue_row(xa, p1, at(10))
    lines = selectors.completeness(selectors.receipts(cp, [xa, phuong], TODAY))
    assert [(line.label, line.sent, line.expected, line.on_time) for line in lines] == [
        ("Toàn thành phố", 1, 2, 1),
        ("Xã", 1, 1, 1),
        ("Phường", 0, 1, 0),
    ]
    assert lines[0].completeness == 50 and lines[2].timeliness == 0


def test_figures_sum_the_communes_that_sent_and_keep_each_communes_value():
    cp = city_period()
    a, pa = commune_with_period(figures={"hoi-nghi": 4, "luot-tham-du": 120})
    b, pb = commune_with_period(figures={"hoi-nghi": 6})
    c, _pc = commune_with_period(figures={"hoi-nghi": 100})  # not sent: not in the city's figures
    issue_row(a, pa, at(10))
    issue_row(b, pb, at(17))
    lines = {line.code: line for line in selectors.figures(selectors.receipts(cp, [a, b, c], TODAY))}
    assert lines["hoi-nghi"].total == 10 and lines["hoi-nghi"].communes == 2
    assert lines["hoi-nghi"].by_commune == {a.pk: 4, b.pk: 6}
    assert lines["luot-tham-du"].total == 120 and lines["luot-tham-du"].communes == 1


@pytest.mark.parametrize("count", [2, 6])
def test_the_same_queries_whatever_the_number_of_communes(count):
    cp = city_period()
    for index in range(count):
        commune, period = commune_with_period(figures={"hoi-nghi": index + 1})
        issue_row(commune, period, at(10))
    with CaptureQueriesContext(connection) as ctx:
        lines = selectors.figures(selectors.receipts(cp, selectors.city_communes(), TODAY))
    assert lines[0].communes == count
    # communes, their periods, their papers; the figures' names, their values.
    assert len(ctx.captured_queries) == 5


def test_the_period_gathered_now():
    early = city_period()
    late = city_period(code="9thang", due=datetime.date(2026, 9, 20))
    assert selectors.current_city_period(datetime.date(2026, 5, 1)) == early
    assert selectors.current_city_period(datetime.date(2026, 8, 1)) == late
    assert selectors.current_city_period(datetime.date(2026, 12, 1)) == late
