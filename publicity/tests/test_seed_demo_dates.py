"""`seed_demo --reports --as-of DAY`: the demo as it would stand on that day, before the first deadline,
between two, and after the last. Nothing is dated after the day; the periods already due are mostly
reported (some late, missing, returned), the open one partly filled, later ones untouched; the portal's own
counts fall inside their periods; figures and texts make sense together; last year's reports exist."""

from __future__ import annotations

import datetime
import io
from collections import defaultdict
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count

from plans.models import Plan
from plans.selectors import plan_current
from publicity import selectors as publicity_selectors
from publicity.models import DisclosureItem, Feedback, FeedbackStep, ReceptionSession
from reports import workflow
from reports.demo import KEEP_DRAFT, current_period
from reports.models import FigureValue, ItemProgress, PortalFigure, ProgressReport, ReviewEvent, period_closes_on

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
User = get_user_model()

BEFORE_FIRST, BETWEEN, AFTER_LAST = datetime.date(2026, 5, 20), datetime.date(2026, 7, 15), datetime.date(2026, 12, 1)


def seed(settings, as_of: datetime.date) -> str:
    settings.DEMO_PASSWORD = "camgiang2026"
    out = io.StringIO()
    call_command("seed_demo", "--reports", "--as-of", as_of.isoformat(), stdout=out)
    return out.getvalue()


def end_of(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(23, 59, 59), tzinfo=TZ)


def the_plan() -> Plan:
    return Plan.objects.get(year=2026)


def assert_nothing_after(as_of: datetime.date) -> None:
    limit = end_of(as_of)
    reports = ProgressReport.objects.all()
    assert not reports.filter(submitted_at__gt=limit).exists()
    assert not reports.filter(first_submitted_at__gt=limit).exists()
    assert not reports.filter(updated_at__gt=limit).exists()
    assert not ProgressReport.history.filter(history_date__gt=limit).exists()
    assert not ItemProgress.history.filter(history_date__gt=limit).exists()
    assert not ReviewEvent.objects.filter(at__gt=limit).exists()
    assert not Feedback.objects.filter(received_on__gt=as_of).exists()
    for stamp in ("answered_at", "closed_at", "published_at"):
        assert not Feedback.objects.filter(**{f"{stamp}__gt": limit}).exists(), stamp
    assert not FeedbackStep.objects.filter(at__gt=limit).exists()
    assert not DisclosureItem.objects.filter(start_date__gt=as_of).exists()
    assert not DisclosureItem.objects.filter(published_at__gt=limit).exists()
    assert not ReceptionSession.objects.filter(held=True, date__gt=as_of).exists()
    # The reception schedule is announced two weeks ahead; nothing is recorded as held there.
    assert not ReceptionSession.objects.filter(date__gt=as_of + datetime.timedelta(days=14)).exists()
    assert not PortalFigure.objects.filter(computed_at__gt=limit).exists()
    from reminders.models import Notification

    assert not Notification.objects.filter(created_at__gt=limit).exists()


def assert_events_name_people() -> None:
    coordinator = User.objects.get(username="vanhoaxahoi")
    assert not ReviewEvent.objects.filter(by__isnull=True).exists()
    for event in ReviewEvent.objects.select_related("by__membership", "report"):
        if event.kind == ReviewEvent.Kind.SUBMITTED:
            # Sent by a member of the body, or recorded by the coordinator for a body without an account.
            assert event.by.membership.body_id == event.report.body_id or event.by == coordinator
        else:
            assert event.by == coordinator
        if event.kind == ReviewEvent.Kind.RETURNED:
            assert event.comment.strip()


def assert_due_period_mostly_reported(period) -> None:
    reports = ProgressReport.objects.filter(period=period)
    total = reports.count()
    reported = reports.filter(first_submitted_at__isnull=False)
    assert reported.count() >= 0.7 * total
    assert reported.filter(state="accepted").count() >= 0.5 * total
    assert reports.filter(is_late=True).exists()
    assert reports.filter(first_submitted_at__isnull=True).exists()  # some missing
    assert reports.filter(state="returned").exists()


def assert_partly_filled(period) -> None:
    reports = ProgressReport.objects.filter(period=period)
    touched = reports.filter(items__status__gt="").distinct().count()
    sent = reports.filter(first_submitted_at__isnull=False).count()
    assert 0 < touched < reports.count()
    assert sent < reports.count()
    assert reports.filter(state="draft", items__status__gt="").exists()  # some drafts under way


def assert_untouched(period) -> None:
    reports = ProgressReport.objects.filter(period=period)
    assert not reports.filter(first_submitted_at__isnull=False).exists()
    assert not ItemProgress.objects.filter(report__period=period).exclude(status="").exists()
    assert not ReviewEvent.objects.filter(report__period=period).exists()


def assert_demo_heads_can_write(plan, as_of) -> None:
    period = current_period(plan, as_of)
    for index, code in enumerate(sorted(KEEP_DRAFT), start=1):
        report = ProgressReport.objects.get(period=period, body__code=code)
        assert report.state == "draft" and report.reopened
        assert workflow.allows(User.objects.get(username=f"truongthon{index}"), report, "save")


def assert_portal_counts(plan, as_of) -> None:
    for period in plan.periods.all():
        figures = dict(PortalFigure.objects.filter(period=period).values_list("code", "value"))
        if period.start > as_of:
            assert not figures
            continue
        counted = publicity_selectors.counted_in(period.start, min(period.end, as_of))
        assert figures == {f"cong-{key}": value for key, value in counted.items()}
        assert figures["cong-received"] > 0 and figures["cong-sessions"] > 0 and figures["cong-disclosed"] > 0
        assert figures["cong-settled"] <= figures["cong-received"]
        assert figures["cong-citizens"] <= 6 * figures["cong-sessions"]
        # What was counted lies inside the period.
        assert not Feedback.objects.filter(received_on__lt=period.start).exists()


def assert_figures_plausible() -> None:
    values: dict[tuple[int, str, str, int], int] = {}
    by_row: dict[int, dict[str, int]] = defaultdict(dict)
    for row_id, code, value, body_id, period_code, year in FigureValue.objects.values_list(
        "progress_id",
        "indicator__code",
        "value",
        "progress__report__body_id",
        "progress__report__period__code",
        "progress__report__period__plan__year",
    ):
        by_row[row_id][code] = value
        values[(year, period_code, code, body_id)] = value
    assert by_row
    for row in by_row.values():
        if "hoi-nghi" in row and "nguoi-tham-du" in row:
            assert row["nguoi-tham-du"] >= 10 * row["hoi-nghi"]
            assert row["nguoi-tham-du"] <= 90 * row["hoi-nghi"]
        if "don-giai-quyet" in row:
            assert row["don-giai-quyet"] <= row["don-tiep-nhan"]
    # Every period runs from 1 January: a later period's figure is never below an earlier one's.
    for (year, period_code, code, body_id), value in values.items():
        for earlier, later in (("6thang", "9thang"), ("9thang", "canam")):
            if period_code == later and (year, earlier, code, body_id) in values:
                assert value >= values[(year, earlier, code, body_id)]


def assert_texts_fit_their_items() -> None:
    rows = ItemProgress.objects.exclude(done="").select_related("item__area", "report__body")
    keywords = {
        ("1", "a"): ("quán triệt", "tuyên truyền", "phổ biến"),
        ("2", "b"): ("bàn và quyết định", "biểu quyết"),
        ("2", "c"): ("đơn", "kiến nghị"),
        ("2", "e"): ("giám sát",),
    }
    done = list(rows)
    assert done
    for row in done:
        key = (row.item.area.number, row.item.label)
        if key in keywords:
            assert any(word in row.done.lower() for word in keywords[key]), (key, row.done)
        if key != ("2", "b"):
            assert "mức đóng góp xây dựng đường" not in row.done  # a village's road meeting is item 2.b
        if row.report.body.kind != "village":
            assert "nhà văn hóa thôn (" not in row.done
    accepted = [row.done for row in done if row.report.state == "accepted"]
    assert len(set(accepted)) >= 0.5 * len(accepted)  # varied, not the same sentences recycled


@pytest.mark.parametrize("as_of", [BEFORE_FIRST, BETWEEN, AFTER_LAST], ids=["before-first", "between", "after-last"])
def test_demo_follows_the_day(settings, as_of):
    output = seed(settings, as_of)
    assert f"{as_of:%d/%m/%Y}" in output
    plan = the_plan()
    assert plan_current() == plan
    periods = {p.code: p for p in plan.periods.all()}
    assert_nothing_after(as_of)
    assert_events_name_people()
    for period in periods.values():
        if period_closes_on(period) < as_of:
            assert_due_period_mostly_reported(period)
    current = current_period(plan, as_of)
    if period_closes_on(current) >= as_of:
        assert_partly_filled(current)
    if as_of == BEFORE_FIRST:
        assert_untouched(periods["9thang"])
        assert_untouched(periods["canam"])
    if as_of == BETWEEN:
        assert current.code == "9thang"
        assert_untouched(periods["canam"])
    if as_of == AFTER_LAST:
        assert current.code == "canam"
        assert ReviewEvent.objects.filter(
            report__period=current, report__body__code="thon-001", kind="reopened"
        ).exists()
    assert_demo_heads_can_write(plan, as_of)
    assert_portal_counts(plan, as_of)
    assert_figures_plausible()
    assert_texts_fit_their_items()


def test_last_years_reports_are_accepted_and_dated_last_year(settings):
    seed(settings, BETWEEN)
    last = Plan.objects.get(year=2025)
    assert last.status == Plan.Status.ISSUED and plan_current() == the_plan()
    reports = ProgressReport.objects.filter(period__plan=last)
    assert reports.count() == ProgressReport.objects.filter(period__plan=the_plan()).count()
    assert set(reports.values_list("state", flat=True)) == {"accepted"}
    assert FigureValue.objects.filter(progress__report__period__plan=last).count() > 100
    events = ReviewEvent.objects.filter(report__period__plan=last)
    assert events.exists() and all(event.at.astimezone(TZ).year == 2025 for event in events)
    assert {p.due_date.year for p in last.periods.all()} == {2025}


def test_seed_demo_as_of_twice_adds_nothing(settings):
    def counts():
        return [
            model.objects.count()
            for model in (
                Plan,
                ProgressReport,
                ReviewEvent,
                FigureValue,
                Feedback,
                FeedbackStep,
                DisclosureItem,
                ReceptionSession,
                PortalFigure,
            )
        ] + [ProgressReport.history.count()]

    seed(settings, BETWEEN)
    first = counts()
    states = sorted(ProgressReport.objects.values_list("pk", "state", "version"))
    seed(settings, BETWEEN)
    assert counts() == first
    assert sorted(ProgressReport.objects.values_list("pk", "state", "version")) == states


def test_demo_later_moves_the_demo_on(demo):
    """Seeded in May then again in July, the forms stand as if seeded in July at once (the demo heads aside)."""
    from reports import demo as reports_demo
    from reports.tests.conftest import build_plan

    def states(plan):
        return {
            (code, body): (state, late, events)
            for code, body, state, late, events in ProgressReport.objects.filter(period__plan=plan)
            .exclude(body__code__in=KEEP_DRAFT)
            .annotate(n=Count("events"))
            .values_list("period__code", "body__code", "state", "is_late", "n")
        }

    at_once, in_steps = build_plan(), build_plan()
    reports_demo.demo_reports(plan=at_once, as_of=BETWEEN)
    reports_demo.demo_reports(plan=in_steps, as_of=BEFORE_FIRST)
    assert ProgressReport.objects.filter(period__plan=in_steps, state="submitted").exists()
    reports_demo.demo_reports(plan=in_steps, as_of=BETWEEN)
    assert states(in_steps) == states(at_once)
    assert_events_name_people()
    # (The plans themselves were built by the test today; what the demo wrote is dated by July.)
    assert not ReviewEvent.objects.filter(at__gt=end_of(BETWEEN)).exists()
    assert not ProgressReport.objects.filter(submitted_at__gt=end_of(BETWEEN)).exists()


def test_as_of_must_be_a_date(settings):
    settings.DEMO_PASSWORD = "camgiang2026"
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("seed_demo", "--as-of", "15/07/2026")


def test_plan_in_force_is_the_begun_years_even_as_a_draft(demo):
    """Last year's issued plan gives way to this year's draft once this year has begun; next year's draft waits."""
    import time_machine

    from plans.tests.factories import PlanFactory

    last = PlanFactory(year=2025, status=Plan.Status.ISSUED)
    this = PlanFactory(year=2026)
    with time_machine.travel(datetime.datetime(2025, 12, 20, 9, 0, tzinfo=TZ), tick=False):
        assert plan_current() == last  # 2026 not begun: its draft waits
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=TZ), tick=False):
        assert plan_current() == this
        PlanFactory(year=2027)
        assert plan_current() == this  # a copy for a year not begun stays in the wings
