"""Demo data of the reports app: the bodies' forms as they would stand on a given day (`as_of`).

Each form follows a timeline: a draft started some days before it is sent, sent on time (spread over the
weeks before the due date) or late, reviewed a few days later (accepted, or returned with the coordinator's
reason and then sent again), a reminder the day after the deadline for the bodies that had not sent it, or
never sent at all. Only what happened by `as_of` is written, so the periods already due are mostly
reported (some late, some missing, some returned), the period open that day is partly filled, the later
periods are untouched, and nothing is dated after `as_of`. The figures grow with the months a period covers
(every period runs from 1 January: 9 months ≥ 6 months), each body at its own pace; the texts come from
reports.demo_texts, fitting the item and the kind of body.
"""

from __future__ import annotations

import datetime
import hashlib
import math
import random
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import time_machine
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from camgiang_portal.actors import SYSTEM
from plans import services as plans_services
from plans.models import Assignment, Body, Plan, ReportingPeriod

from . import demo_texts as texts
from . import selectors, services
from .exports import period_phrase
from .models import FigureValue, Indicator, ItemProgress, ItemStatus, ProgressReport, ReviewEvent, period_closes_on

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# The demo village heads keep their own forms editable in the period current on the demo's day, so the demo
# can be walked through; their earlier forms are reported like everyone's.
KEEP_DRAFT = {"thon-001", "thon-002"}
User = get_user_model()

# Outcomes of a due period, by a body's rank in it (fractions of the bodies, ranks spread so that every
# outcome occurs at 16 bodies). "submitted" (awaiting review) stays so only in the latest due period: an
# older one has long been reviewed.
OUTCOMES = [
    (0.06, "missing"),
    (0.14, "returned"),
    (0.22, "late_accepted"),
    (0.28, "late_submitted"),
    (0.34, "submitted"),
    (0.42, "resubmitted"),
    (1.01, "accepted"),
]
CLOSED_YEAR = {
    "missing": "late_accepted",
    "returned": "resubmitted",
    "late_submitted": "late_accepted",
    "submitted": "accepted",
}

# Monthly pace of each standard indicator (reports.services.SEED_INDICATORS) by kind of body: (low, high).
RATES = {
    "hoi-nghi": {texts.VILLAGE: (0.5, 1.0), texts.DEPARTMENT: (0.3, 0.6), texts.FRONT: (0.6, 1.2)},
    "noi-dung-cong-khai": {texts.VILLAGE: (0.8, 1.6), texts.DEPARTMENT: (1.0, 2.5), texts.FRONT: (0.2, 0.5)},
    "hop-thon-dan-quyet": {texts.VILLAGE: (0.3, 0.6), texts.DEPARTMENT: (0, 0), texts.FRONT: (0, 0)},
    "don-tiep-nhan": {texts.VILLAGE: (0.2, 0.8), texts.DEPARTMENT: (0.5, 2.0), texts.FRONT: (0.5, 1.5)},
    "tiep-cong-dan": {texts.VILLAGE: (0, 0), texts.DEPARTMENT: (0.2, 0.6), texts.FRONT: (0.2, 0.5)},
    "giam-sat-ttnd": {texts.VILLAGE: (0.25, 0.5), texts.DEPARTMENT: (0.2, 0.4), texts.FRONT: (0.3, 0.6)},
    "giam-sat-gsdtcd": {texts.VILLAGE: (0.2, 0.4), texts.DEPARTMENT: (0.2, 0.3), texts.FRONT: (0.2, 0.4)},
    "mo-hinh-khen-thuong": {texts.VILLAGE: (0.05, 0.2), texts.DEPARTMENT: (0.05, 0.15), texts.FRONT: (0.1, 0.3)},
}
# The office that organises the chairman's weekly citizen reception reports about one session a week.
RECEPTION_OFFICE = "vp-hdnd-ubnd"
# Attendees per meeting (a village meeting 35–70, a department's staff 10–25, the Front's conferences 40–90).
ATTENDEES = {texts.VILLAGE: (35, 70), texts.DEPARTMENT: (10, 25), texts.FRONT: (40, 90)}
OTHER_RATE = (0.2, 1.0)


def _seed(*parts) -> int:
    return int(hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:12], 16)


def _moment(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=TZ)


def _workday_back(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day -= datetime.timedelta(days=1)
    return day


def _workday_forward(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def _months(period: ReportingPeriod) -> float:
    """The months a period's figures cover when it is reported: from its start to its due date."""
    return max((min(period.due_date, period.end) - period.start).days + 1, 1) / 30.4


# --- figures and texts --------------------------------------------------------------------------------------


def _pace(body: Body, code: str, kind: str) -> float:
    rng = random.Random(_seed("pace", body.code, code))
    if code == "tiep-cong-dan" and body.code.startswith(RECEPTION_OFFICE):
        return 4.2
    low, high = RATES.get(code, {}).get(kind, OTHER_RATE)
    return rng.uniform(low, high)


def _figures(
    body: Body, period: ReportingPeriod, indicators: list[Indicator], kind: str, year_factor: float
) -> dict[int, int]:
    """Each indicator's value for the body in the period: its monthly pace × the months covered, so that a
    later (cumulative) period is never below an earlier one; a bounded figure stays under its bound."""
    months = _months(period)
    by_code: dict[str, int] = {}
    values: dict[int, int] = {}
    ordered = sorted(indicators, key=lambda i: (i.not_above_id is not None, i.order, i.pk))
    for indicator in ordered:
        rng = random.Random(_seed("fig", body.code, indicator.code))
        if indicator.code == "nguoi-tham-du" and "hoi-nghi" in by_code:
            low, high = ATTENDEES[kind]
            value = by_code["hoi-nghi"] * round(rng.uniform(low, high) * year_factor)
        elif indicator.not_above_id is not None and indicator.not_above_id in values:
            # Settled ≤ received: a fixed share of what came in, rounded down.
            value = round(values[indicator.not_above_id] * rng.uniform(0.75, 1.0))
        else:
            value = int(_pace(body, indicator.code, kind) * months * year_factor + rng.random())
        value = min(value, indicator.max_value)
        values[indicator.pk] = value
        by_code[indicator.code] = value
    return values


def _context(body: Body, period: ReportingPeriod, by_code: dict[str, int], rng: random.Random, villages: int) -> dict:
    months = _months(period)
    last_month = max(period.start.month, min(period.due_date, period.end).month - 1)
    month = rng.randint(period.start.month, last_month)
    conference = _workday_back(datetime.date(period.start.year, 1, 20 + rng.randint(0, 8)))
    place = body.name[:1].lower() + body.name[1:] if body.kind == Body.Kind.VILLAGE else body.name
    received = by_code.get("don-tiep-nhan", rng.randint(1, 4))
    return {
        "body": body.name,
        "place": place,
        "year": period.plan.year,
        "month": f"tháng {month}",
        "conference": f"{conference:%d/%m/%Y}",
        "period": period.label.removeprefix("Báo cáo ").capitalize(),
        "period_lower": period_phrase(period),
        "hoi_nghi": by_code.get("hoi-nghi", rng.randint(2, 5)),
        "nguoi": by_code.get("nguoi-tham-du", rng.randint(80, 200)),
        "cong_khai": by_code.get("noi-dung-cong-khai", rng.randint(3, 8)),
        "hop": by_code.get("hop-thon-dan-quyet", rng.randint(1, 3)),
        "don": received,
        "giai_quyet": by_code.get("don-giai-quyet", received),
        "tiep": by_code.get("tiep-cong-dan", rng.randint(1, 4)),
        "ttnd": by_code.get("giam-sat-ttnd", rng.randint(1, 3)),
        "gsdtcd": by_code.get("giam-sat-gsdtcd", rng.randint(1, 2)),
        "mo_hinh": texts.models_phrase(by_code.get("mo-hinh-khen-thuong", 1)),
        "loa": int(months * rng.uniform(3, 4.3)),
        "bang": rng.randint(4, 12),
        "tin": int(months * rng.uniform(1.5, 3)),
        "thon": rng.randint(max(villages // 2, 1), max(villages, 1)),
        "ho": rng.randint(3, 18),
        "doi_thoai": rng.randint(1, 3),
        "phan_tram": rng.randint(78, 95),
        "luot": int(months * rng.uniform(8, 20)),
        "ho_so": int(months * rng.uniform(60, 140)),
        "truc_tuyen": int(months * rng.uniform(30, 70)),
        "dung_han": rng.randint(96, 100),
        "hai_long": rng.randint(92, 99),
    }


def _status(item, kind: str, rng: random.Random, period: ReportingPeriod) -> str:
    if (item.area.number, item.label) == ("3", "d") and kind != texts.VILLAGE:
        return ItemStatus.DONE  # the year's conference is held in January
    return rng.choice([ItemStatus.ONGOING] * 5 + [ItemStatus.DONE] * 2 + [ItemStatus.IN_PROGRESS])


def _rows_write(rows: list[ItemProgress]) -> None:
    """The rows' words in one statement, and their history dated as each row's `_history_date` (Django's
    bulk_update builds a CASE per field and row, which made `--scale 10` take a minute)."""
    # Only the model's own table name is formatted in (quoted); every value is a bound parameter.
    table = connection.ops.quote_name(ItemProgress._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET status = %s, done = %s, difficulties = %s, proposals = %s WHERE id = %s",  # nosec B608
            [(r.status, r.done, r.difficulties, r.proposals, r.pk) for r in rows],
        )
    ItemProgress.history.bulk_history_create(rows, update=True, batch_size=1000)


@dataclass
class _Writer:
    indicators: list[Indicator]
    villages: int
    year_factor: dict[str, float] = field(default_factory=dict)
    # Written in bulk by flush(): rows, figures, and the forms whose old figures go.
    rows: list[ItemProgress] = field(default_factory=list)
    figures: list[FigureValue] = field(default_factory=list)
    reports: list[int] = field(default_factory=list)

    def flush(self) -> None:
        if self.rows:
            _rows_write(self.rows)
        FigureValue.objects.filter(progress__report_id__in=self.reports).delete()
        FigureValue.objects.bulk_create(self.figures, batch_size=1000)
        self.rows, self.figures, self.reports = [], [], []

    def fill(self, report: ProgressReport, *, share: float = 1.0, at: datetime.datetime) -> None:
        """Write the body's statuses, texts and figures; `share` < 1 leaves the later items blank (a draft)."""
        body, period = report.body, report.period
        kind = texts.writer_kind(body)
        rng = random.Random(_seed("text", body.code, period.plan.year, period.code))
        rows = list(report.items.select_related("item__area").order_by("item__area__order", "item__order"))
        values = _figures(body, period, self.indicators, kind, self.year_factor.get(body.code, 1.0))
        by_code = {i.code: values[i.pk] for i in self.indicators}
        context = _context(body, period, by_code, rng, self.villages)
        filled = len(rows) if share >= 1 else int(len(rows) * share)
        figures = []
        for index, row in enumerate(rows):
            if index >= filled:
                row.status = row.done = row.difficulties = row.proposals = ""
                continue
            applying = [i for i in self.indicators if i.applies_to(row.item)]
            row.status = _status(row.item, kind, rng, period)
            row.done = texts.done_text(row.item, kind, context, {i.code for i in applying}, rng)
            row.difficulties = texts.side_text(texts.DIFFICULTIES, kind, row.item.area.number, rng, 0.15)
            row.proposals = texts.side_text(texts.PROPOSALS, kind, row.item.area.number, rng, 0.12)
            figures += [FigureValue(progress=row, indicator=i, value=values[i.pk]) for i in applying]
        for row in rows:
            row._history_date = at
        self.rows += rows
        self.figures += figures
        self.reports.append(report.pk)
        if share >= 1:
            report.summary = rng.choice(texts.SUMMARY[kind]).format(**context)


# --- timelines -----------------------------------------------------------------------------------------------


@dataclass
class _Step:
    kind: str  # "draft", ReviewEvent.Kind.* values
    at: datetime.datetime
    by: object = None
    comment: str = ""


def _window_start(period: ReportingPeriod, previous: ReportingPeriod | None) -> datetime.date:
    if previous is not None:
        return previous.due_date + datetime.timedelta(days=1)
    return period.due_date - datetime.timedelta(days=75)


def _timeline(
    report: ProgressReport, outcome: str, rank: int, count: int, start: datetime.date, submitter, coordinator
) -> list[_Step]:
    due = report.period.due_date
    count = max(count, 1)
    step = next(m for m in (7, 5, 3, 11, 13, 1) if math.gcd(m, count) == 1)
    spread = ((rank * step) % count + 0.5) / count  # a second order of the bodies, unrelated to the outcome's
    hour, minute = 8 + (rank * 3) % 9, (rank * 17) % 60
    span = max(int((due - start).days * 0.7), 1)
    late = outcome.startswith("late")
    sent_day = (
        due + datetime.timedelta(days=1 + rank % 6) if late else due - datetime.timedelta(days=int(span * spread))
    )
    sent_day = _workday_forward(sent_day) if late else max(_workday_back(sent_day), start)
    draft_day = max(sent_day - datetime.timedelta(days=4 + rank % 9), start)
    steps = [_Step("draft", _moment(draft_day, 8, 30))]
    if late or outcome == "missing":
        steps.append(
            _Step(
                ReviewEvent.Kind.REMINDED, _moment(_workday_forward(due + datetime.timedelta(days=1)), 8), coordinator
            )
        )
    if outcome == "missing":
        return steps[1:]  # never started: the form stays empty
    sent = _moment(sent_day, hour, minute)
    steps.append(_Step(ReviewEvent.Kind.SUBMITTED, sent, submitter))
    # The coordinator reads one form in three as it comes in, the rest in the days after the deadline.
    review_day = sent_day + datetime.timedelta(days=1 + rank % 4)
    if rank % 3:
        review_day = max(review_day, due + datetime.timedelta(days=1 + rank % 5))
    review_day = _workday_forward(review_day)
    comments = texts.RETURN_COMMENTS
    if outcome in ("returned", "resubmitted"):
        returned = _moment(review_day, 14, 15)
        steps.append(_Step(ReviewEvent.Kind.RETURNED, returned, coordinator, comments[rank % len(comments)]))
        if outcome == "resubmitted":
            again = _workday_forward(review_day + datetime.timedelta(days=2 + rank % 3))
            steps.append(_Step(ReviewEvent.Kind.SUBMITTED, _moment(again, 9, 40), submitter))
            done = _workday_forward(again + datetime.timedelta(days=1))
            steps.append(_Step(ReviewEvent.Kind.ACCEPTED, _moment(done, 15, 30), coordinator))
    elif outcome.endswith("accepted"):
        comment = texts.ACCEPT_COMMENTS[rank % len(texts.ACCEPT_COMMENTS)]
        steps.append(_Step(ReviewEvent.Kind.ACCEPTED, _moment(review_day, 15, 10), coordinator, comment))
    return steps


def _apply(report: ProgressReport, steps: list[_Step], writer: _Writer, counts: dict[str, int]) -> None:
    """Write the steps (all dated by `as_of`, all after what the form's history already holds); the clock
    stands at the last one. A form sent before keeps its words: only what came after (its review) is added."""
    sent = [s for s in steps if s.kind == ReviewEvent.Kind.SUBMITTED]
    events = [s for s in steps if s.kind != "draft"]
    last = steps[-1].at
    fresh = report.first_submitted_at is None
    with time_machine.travel(last, tick=False):
        if fresh and sent:
            writer.fill(report, at=sent[0].at)
        elif fresh and any(s.kind == "draft" for s in steps):
            writer.fill(report, share=0.6, at=steps[0].at)
        state = report.state
        for step in events:
            if step.kind == ReviewEvent.Kind.SUBMITTED:
                report.mark_submitted(step.at)
                state = ProgressReport.State.SUBMITTED
                report.updated_by = step.by
            elif step.kind in (ReviewEvent.Kind.RETURNED, ReviewEvent.Kind.ACCEPTED):
                state = step.kind
                report.updated_by = step.by
        report.state = state
        if sent or steps[0].kind == "draft" or not fresh:
            report.version += 1
            report.save()
        ReviewEvent.objects.bulk_create(
            [ReviewEvent(report=report, kind=s.kind, by=s.by, at=s.at, comment=s.comment) for s in events]
        )
    if report.first_submitted_at is None:
        key = "draft" if steps[0].kind == "draft" else "missing"
    else:
        key = state + ("_late" if report.is_late else "")
    counts[key] = counts.get(key, 0) + 1


# --- the plan's forms ---------------------------------------------------------------------------------------


def _assign_scaled_bodies(plan: Plan) -> None:
    """At --scale N the copied villages and departments get the same items as the originals of their kind."""
    assignments = list(Assignment.objects.filter(item__area__plan=plan).select_related("body"))
    matrix = {(a.item_id, a.body_id): a.role for a in assignments}
    assigned = {a.body_id for a in assignments}
    template: dict[str, list[tuple[int, str]]] = {}
    first_of_kind: dict[str, int] = {}
    for a in assignments:
        if a.body.kind in (Body.Kind.DEPARTMENT, Body.Kind.VILLAGE):
            first_of_kind.setdefault(a.body.kind, a.body_id)
            if first_of_kind[a.body.kind] == a.body_id:
                template.setdefault(a.body.kind, []).append((a.item_id, a.role))
    new = {
        (item_id, body.pk): role
        for body in Body.objects.filter(kind__in=list(template)).exclude(pk__in=assigned)
        for item_id, role in template[body.kind]
    }
    if new:
        plans_services.assignments_set(plan=plan, matrix={**matrix, **new}, by=SYSTEM)


def current_period(plan: Plan, as_of: datetime.date) -> ReportingPeriod | None:
    """The period bodies are working on that day: the first not yet closed, else (all closed) the last one."""
    periods = list(plan.periods.order_by("due_date", "order"))
    for period in periods:
        if period_closes_on(period) >= as_of:
            return period
    return periods[-1] if periods else None


def _limit(as_of: datetime.date) -> datetime.datetime:
    """The latest moment the demo may write: the end of `as_of`, and never later than now when `as_of` is today."""
    end = _moment(as_of, 17, 30)
    return min(end, timezone.now()) if as_of == timezone.localdate() else end


def _submitters() -> dict[int, object]:
    """A member of each body who sends its forms (the first by username, as the demo accounts go)."""
    found: dict[int, object] = {}
    for user in (
        User.objects.filter(membership__body__isnull=False, is_active=True)
        .select_related("membership")
        .order_by("username")
    ):
        found.setdefault(user.membership.body_id, user)
    return found


@transaction.atomic
def demo_reports(
    *,
    plan: Plan,
    scale: int = 1,
    as_of: datetime.date | None = None,
    closed_year: bool = False,
    year_factor: bool = False,
) -> dict[str, int]:
    """Write the plan's forms as they stand on `as_of` (default: today in Asia/Ho_Chi_Minh); safe to run again.

    Forms already sent are left alone; so are drafts someone has started, unless the timeline has them sent
    by `as_of`. `closed_year`: a past year's plan, every form in the end accepted. Returns how many forms
    were written per outcome ("accepted", "submitted_late", "returned", "draft", "missing" …).
    """
    as_of = as_of or timezone.localdate()
    limit = _limit(as_of)
    if scale > 1:
        _assign_scaled_bodies(plan)
    with time_machine.travel(min(_moment(datetime.date(plan.year, 1, 5), 8), limit), tick=False):
        services.report_expected_generate(plan=plan)
    coordinator = User.objects.filter(membership__role="coordinator", is_active=True).order_by("username").first()
    submitters = _submitters()
    indicators = list(selectors.plan_indicators(plan))
    writer = _Writer(indicators=indicators, villages=Body.objects.filter(kind=Body.Kind.VILLAGE).count())
    if year_factor:
        # Last year's figures a little lower than this year's, body by body, so comparisons show a change.
        writer.year_factor = {
            b.code: random.Random(_seed("year", b.code)).uniform(0.75, 0.95) for b in Body.objects.all()
        }
    periods = list(plan.periods.order_by("due_date", "order"))
    current = None if closed_year else current_period(plan, as_of)
    due = [p for p in periods if p.due_date < as_of]
    latest_due = due[-1] if due else None
    counts: dict[str, int] = {}
    for position, period in enumerate(periods):
        previous = periods[position - 1] if position else None
        start = _window_start(period, previous)
        if start > as_of:
            continue  # not begun: nothing is written
        reports = list(
            ProgressReport.objects.filter(period=period)
            .select_related("body", "period__plan")
            .order_by("body__kind", "body__order", "body__code")
        )
        # The demo heads are ranked apart (their forms go their own way), so the others' outcomes do not
        # depend on the day: seeding in May then in July ends as seeding in July at once.
        others = [r for r in reports if r.body.code not in KEEP_DRAFT]
        heads = [r for r in reports if r.body.code in KEEP_DRAFT and period != current]
        ranked = others + heads
        shift = _seed("shift", plan.year, period.code) % max(len(others), 1)
        have_rows = set(
            ItemProgress.objects.filter(report__period=period).exclude(status="").values_list("report_id", flat=True)
        )
        last_event = dict(
            ReviewEvent.objects.filter(report__period=period)
            .values("report_id")
            .annotate(last=Max("at"))
            .values_list("report_id", "last")
        )
        for index, report in enumerate(ranked):
            if report.state == ProgressReport.State.ACCEPTED:
                continue  # nothing more happens to it
            count = len(others) if index < len(others) else len(ranked)
            rank = (index + shift) % len(others) if index < len(others) else index
            outcome = next(name for limit_share, name in OUTCOMES if rank / count < limit_share)
            if closed_year:
                outcome = CLOSED_YEAR.get(outcome, outcome)
            elif period != latest_due and outcome in ("submitted", "late_submitted"):
                outcome = "accepted" if outcome == "submitted" else "late_accepted"
            if report.body.code in KEEP_DRAFT:
                outcome = "accepted"  # the demo heads' earlier forms: reported and accepted
            submitter = submitters.get(report.body_id)
            steps = _timeline(report, outcome, rank, count, start, submitter, coordinator)
            if submitter is None:
                # A body without an account sends its report on paper; the coordinator records it in the portal.
                for step in steps:
                    if step.kind == ReviewEvent.Kind.SUBMITTED:
                        step.by, step.comment = coordinator, texts.RECORDED_COMMENT
            done_until = last_event.get(report.pk)
            steps = [s for s in steps if s.at <= limit and (done_until is None or s.at > done_until)]
            sent_by_now = any(s.kind == ReviewEvent.Kind.SUBMITTED for s in steps)
            if report.first_submitted_at is not None:
                # Sent in an earlier run: what followed by this day (review, a corrected form sent again).
                steps = [
                    s
                    for s in steps
                    if s.kind in (ReviewEvent.Kind.SUBMITTED, ReviewEvent.Kind.RETURNED, ReviewEvent.Kind.ACCEPTED)
                ]
                if steps:
                    _apply(report, steps, writer, counts)
                continue
            if not steps or ((report.pk in have_rows or done_until) and not sent_by_now):
                if outcome == "missing" and period.due_date < as_of:
                    counts["missing"] = counts.get("missing", 0) + 1
                continue
            _apply(report, steps, writer, counts)
        if current is not None and period == current:
            _keep_editable(period, writer, coordinator, as_of, limit, have_rows)
        writer.flush()
    selectors.cache_invalidate()
    return counts


def _keep_editable(
    period: ReportingPeriod, writer: _Writer, coordinator, as_of: datetime.date, limit, have_rows
) -> None:
    """The demo heads' forms of the current period: a draft half written, reopened so it stays editable whatever
    the real date (with the coordinator's reopening in its history once the period has closed)."""
    closed = as_of > period_closes_on(period)
    for report in ProgressReport.objects.filter(period=period, body__code__in=KEEP_DRAFT).select_related(
        "body", "period__plan"
    ):
        if report.first_submitted_at is not None or report.reopened:
            continue
        at = min(_moment(max(as_of - datetime.timedelta(days=3), period.start), 16), limit)
        with time_machine.travel(at, tick=False):
            if report.pk not in have_rows:
                writer.fill(report, share=0.5, at=at)
            report.reopened = True
            report.version += 1
            report.save()
            if closed:
                ReviewEvent.objects.create(
                    report=report, kind=ReviewEvent.Kind.REOPENED, by=coordinator, at=at, comment=texts.REOPEN_COMMENT
                )


def demo_last_year(*, plan: Plan, scale: int = 1, as_of: datetime.date | None = None) -> dict[str, int]:
    """Last year's plan with its forms reported and accepted, dated in that year (for comparisons)."""
    from plans import demo as plans_demo

    as_of = as_of or timezone.localdate()
    with time_machine.travel(min(_moment(datetime.date(plans_demo.LAST_YEAR, 1, 3), 8), _limit(as_of)), tick=False):
        last = plans_demo.demo_plan_last_year(plan)
    last_day = min(as_of, datetime.date(last.year, 12, 31))
    return demo_reports(plan=last, scale=scale, as_of=last_day, closed_year=as_of.year > last.year, year_factor=True)
