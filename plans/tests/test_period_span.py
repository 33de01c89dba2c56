"""The period's data span (plans.services.period_span_set): who may set it, and the dates it refuses."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from camgiang_portal.actors import SYSTEM
from plans import services
from plans.models import Body
from plans.tests.factories import small_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(demo):
    return small_plan(list(Body.objects.filter(kind=Body.Kind.VILLAGE)[:2]))


def period_of(plan, code):
    return plan.periods.get(code=code)


def test_the_coordinator_sets_a_span(plan, user_named):
    period = period_of(plan, "6thang")
    services.period_span_set(
        period=period, start=dt.date(2026, 1, 1), end=dt.date(2026, 5, 31), by=user_named("vanhoaxahoi")
    )
    period.refresh_from_db()
    assert (period.start, period.end) == (dt.date(2026, 1, 1), dt.date(2026, 5, 31))


@pytest.mark.parametrize("username", ["lanhdao", "truongthon1", "phongkinhte", "mttq"])
def test_others_may_not(plan, user_named, username):
    period = period_of(plan, "6thang")
    with pytest.raises(PermissionDenied):
        services.period_span_set(
            period=period, start=dt.date(2026, 1, 1), end=dt.date(2026, 5, 31), by=user_named(username)
        )
    period.refresh_from_db()
    assert period.end == dt.date(2026, 6, 30)


@pytest.mark.parametrize(
    ("start", "end", "field", "message"),
    [
        (dt.date(2026, 5, 31), dt.date(2026, 1, 1), "end", "Ngày kết thúc không được trước ngày bắt đầu."),
        (
            dt.date(2025, 12, 15),
            dt.date(2026, 5, 31),
            "start",
            "Khoảng số liệu phải nằm trong khoảng từ ngày 01/01/2026 đến ngày 31/12/2026.",
        ),
        (
            dt.date(2026, 1, 1),
            dt.date(2026, 6, 14),
            "end",
            "Số liệu không được tính đến sau hạn nộp báo cáo (05/06/2026).",
        ),
    ],
)
def test_refused_spans_say_why_and_write_nothing(plan, start, end, field, message):
    period = period_of(plan, "6thang")
    with pytest.raises(ValidationError) as refused:
        services.period_span_set(period=period, start=start, end=end, by=SYSTEM)
    assert refused.value.message_dict == {field: [message]}
    period.refresh_from_db()
    assert (period.start, period.end) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))


def test_the_annual_period_may_start_the_year_before_when_the_plan_says_so(plan):
    period = period_of(plan, "canam")
    # No span stated: the plan's year only.
    with pytest.raises(ValidationError):
        services.period_span_set(period=period, start=dt.date(2025, 12, 15), end=dt.date(2026, 10, 31), by=SYSTEM)
    plan.reporting_text = (
        "Báo cáo năm trước ngày 10/11; số liệu báo cáo năm tính từ ngày 15/12/2025 đến ngày 31/10/2026."
    )
    plan.save(update_fields=["reporting_text"])
    period.refresh_from_db()
    services.period_span_set(period=period, start=dt.date(2025, 12, 15), end=dt.date(2026, 10, 31), by=SYSTEM)
    period.refresh_from_db()
    assert (period.start, period.end) == (dt.date(2025, 12, 15), dt.date(2026, 10, 31))
    # Another period gains nothing from the annual report's span.
    with pytest.raises(ValidationError):
        services.period_span_set(
            period=period_of(plan, "6thang"), start=dt.date(2025, 12, 15), end=dt.date(2026, 5, 31), by=SYSTEM
        )
