"""Demo data of the reports app: the bodies' forms as they would stand on a given day (`as_of`).

Each form follows a timeline: a draft started some days before it is sent, sent on time (spread over the
weeks before the due date) or late, reviewed a few days later (accepted, or returned with the coordinator's
reason and then sent again), a reminder the day after the deadline for the bodies that had not sent it, or
never sent at all. Only what happened by `as_of` is written, so the periods already due are mostly
reported (some late, some missing, some returned), the period open that day is partly filled, the later
periods are untouched, and nothing is dated after `as_of`. What the bodies write (texts and figures) is
reports.demo_fill's; every change of a form's state is a step of reports.workflow, replayed at its moment.
"""

from __future__ import annotations

import datetime
import math
import random
from dataclasses import dataclass, field

import time_machine
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from camgiang_portal.actors import SYSTEM
from communes.current import use_commune
from plans import services as plans_services
from plans.demo import demo_code
from plans.models import Assignment, Body, Plan, ReportingPeriod

from . import demo_texts as texts
from . import selectors, services, workflow
from .demo_fill import Writer, moment, seed, workday_back, workday_forward
from .models import ItemProgress, ProgressReport, ReviewEvent, period_closes_on

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
    sent_day = workday_forward(sent_day) if late else max(workday_back(sent_day), start)
    draft_day = max(sent_day - datetime.timedelta(days=4 + rank % 9), start)
    steps = [_Step("draft", moment(draft_day, 8, 30))]
    if late or outcome == "missing":
        steps.append(
            _Step(ReviewEvent.Kind.REMINDED, moment(workday_forward(due + datetime.timedelta(days=1)), 8), coordinator)
        )
    if outcome == "missing":
        return steps[1:]  # never started: the form stays empty
    sent = moment(sent_day, hour, minute)
    steps.append(_Step(ReviewEvent.Kind.SUBMITTED, sent, submitter))
    # The coordinator reads one form in three as it comes in, the rest in the days after the deadline.
    review_day = sent_day + datetime.timedelta(days=1 + rank % 4)
    if rank % 3:
        review_day = max(review_day, due + datetime.timedelta(days=1 + rank % 5))
    review_day = workday_forward(review_day)
    comments = texts.RETURN_COMMENTS
    if outcome in ("returned", "resubmitted"):
        returned = moment(review_day, 14, 15)
        steps.append(_Step(ReviewEvent.Kind.RETURNED, returned, coordinator, comments[rank % len(comments)]))
        if outcome == "resubmitted":
            again = workday_forward(review_day + datetime.timedelta(days=2 + rank % 3))
            steps.append(_Step(ReviewEvent.Kind.SUBMITTED, moment(again, 9, 40), submitter))
            done = workday_forward(again + datetime.timedelta(days=1))
            steps.append(_Step(ReviewEvent.Kind.ACCEPTED, moment(done, 15, 30), coordinator))
    elif outcome.endswith("accepted"):
        comment = texts.ACCEPT_COMMENTS[rank % len(texts.ACCEPT_COMMENTS)]
        steps.append(_Step(ReviewEvent.Kind.ACCEPTED, moment(review_day, 15, 10), coordinator, comment))
    return steps


# What each step of a timeline is in the workflow table; a reminder is none (it moves no state).
TRANSITION_OF = {
    ReviewEvent.Kind.SUBMITTED: "submit",
    ReviewEvent.Kind.RETURNED: "return",
    ReviewEvent.Kind.ACCEPTED: "accept",
}


def _apply(report: ProgressReport, steps: list[_Step], writer: Writer, counts: dict[str, int]) -> None:
    """Write the steps (all dated by `as_of`, all after what the form's history already holds), each at its
    own moment. Every change of the form is a step of reports.workflow, replayed: a form sent late or on
    paper happened so, today's permissions and deadlines are not judged again. A form sent before keeps its
    words: only what came after (its review) is added."""
    sent = [s for s in steps if s.kind == ReviewEvent.Kind.SUBMITTED]
    summary = None
    if report.first_submitted_at is None and sent:
        summary = writer.fill(report, at=sent[0].at)
    elif report.first_submitted_at is None and any(s.kind == "draft" for s in steps):
        writer.fill(report, share=0.6, at=steps[0].at)
    for step in steps:
        with time_machine.travel(step.at, tick=False):
            if step.kind == ReviewEvent.Kind.REMINDED:
                ReviewEvent.objects.create(report=report, kind=step.kind, by=step.by, at=step.at, comment=step.comment)
                continue
            if step.kind == "draft" and sent:
                continue  # sent by this day: what shows is the form as sent
            if step.kind == "draft" or summary is not None:
                # The draft as it stands, or the finished form's words saved as it is sent.
                report = workflow.transition(
                    report, "save", step.by, version=report.version, summary=summary, at=step.at, replay=True
                )
                summary = None
            if step.kind in TRANSITION_OF:
                report = workflow.transition(
                    report, TRANSITION_OF[step.kind], step.by, comment=step.comment, at=step.at, replay=True
                )
    if report.first_submitted_at is None:
        key = "draft" if steps[0].kind == "draft" else "missing"
    else:
        key = report.state + ("_late" if report.is_late else "")
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
    end = moment(as_of, 17, 30)
    return min(end, timezone.now()) if as_of == timezone.localdate() else end


def _submitters(commune_id: int) -> dict[int, object]:
    """A member of each body who sends its forms (the first by username, as the demo accounts go)."""
    found: dict[int, object] = {}
    for user in (
        User.objects.filter(membership__body__commune=commune_id, is_active=True)
        .select_related("membership")
        .order_by("username")
    ):
        found.setdefault(user.membership.body_id, user)
    return found


@dataclass
class _Run:
    """What one run of the demo knows, for every period of the plan."""

    as_of: datetime.date
    limit: datetime.datetime
    closed_year: bool
    coordinator: object
    submitters: dict[int, object]
    writer: Writer
    current: ReportingPeriod | None
    latest_due: ReportingPeriod | None
    counts: dict[str, int] = field(default_factory=dict)


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
    with use_commune(plan.commune):  # that commune's bodies and accounts only, whatever else the demo holds
        return _demo_reports(plan, scale, as_of or timezone.localdate(), closed_year, year_factor)


def _demo_reports(plan: Plan, scale: int, as_of: datetime.date, closed_year: bool, year_factor: bool) -> dict:
    limit = _limit(as_of)
    if scale > 1:
        _assign_scaled_bodies(plan)
    with time_machine.travel(min(moment(datetime.date(plan.year, 1, 5), 8), limit), tick=False):
        services.report_expected_generate(plan=plan, by=SYSTEM)
    writer = Writer(
        indicators=list(selectors.plan_indicators(plan)), villages=Body.objects.filter(kind=Body.Kind.VILLAGE).count()
    )
    if year_factor:
        # Last year's figures lower than this year's, body by body, so comparisons show a change: low enough
        # that this year's total rises even with the forms still missing or returned (about one in seven in
        # the latest period), while last year's were all in by the year's end.
        writer.year_factor = {
            b.code: random.Random(seed("year", b.code)).uniform(0.68, 0.84) for b in Body.objects.all()
        }
    periods = list(plan.periods.order_by("due_date", "order"))
    due = [p for p in periods if p.due_date < as_of]
    run = _Run(
        as_of=as_of,
        limit=limit,
        closed_year=closed_year,
        coordinator=User.objects.filter(
            membership__role="coordinator", membership__body__commune=plan.commune_id, is_active=True
        )
        .order_by("username")
        .first(),
        submitters=_submitters(plan.commune_id),
        writer=writer,
        current=None if closed_year else current_period(plan, as_of),
        latest_due=due[-1] if due else None,
    )
    for position, period in enumerate(periods):
        start = _window_start(period, periods[position - 1] if position else None)
        if start > as_of:
            continue  # not begun: nothing is written
        _period_forms(run, period, start)
        writer.flush()
    selectors.cache_invalidate()
    return run.counts


def _outcome(run: _Run, period: ReportingPeriod, report: ProgressReport, rank: int, count: int) -> str:
    outcome = next(name for limit_share, name in OUTCOMES if rank / count < limit_share)
    if run.closed_year:
        outcome = CLOSED_YEAR.get(outcome, outcome)
    elif period != run.latest_due and outcome in ("submitted", "late_submitted"):
        outcome = "accepted" if outcome == "submitted" else "late_accepted"
    if report.body.code in KEEP_DRAFT:
        outcome = "accepted"  # the demo heads' earlier forms: reported and accepted
    return outcome


def _period_forms(run: _Run, period: ReportingPeriod, start: datetime.date) -> None:
    """Each form of the period along its timeline, up to what already happened to it in an earlier run."""
    reports = list(
        ProgressReport.objects.filter(period=period)
        .select_related("body", "period__plan")
        .order_by("body__kind", "body__order", "body__code")
    )
    # The demo heads are ranked apart (their forms go their own way), so the others' outcomes do not
    # depend on the day: seeding in May then in July ends as seeding in July at once.
    others = [r for r in reports if r.body.code not in KEEP_DRAFT]
    heads = [r for r in reports if r.body.code in KEEP_DRAFT and period != run.current]
    ranked = others + heads
    shift = seed("shift", period.plan.year, period.code) % max(len(others), 1)
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
        outcome = _outcome(run, period, report, rank, count)
        submitter = run.submitters.get(report.body_id)
        steps = _timeline(report, outcome, rank, count, start, submitter, run.coordinator)
        if submitter is None:
            # A body without an account sends its report on paper; the coordinator records it in the portal.
            for step in steps:
                if step.kind == ReviewEvent.Kind.SUBMITTED:
                    step.by, step.comment = run.coordinator, texts.RECORDED_COMMENT
        done_until = last_event.get(report.pk)
        steps = [s for s in steps if s.at <= run.limit and (done_until is None or s.at > done_until)]
        sent_by_now = any(s.kind == ReviewEvent.Kind.SUBMITTED for s in steps)
        if report.first_submitted_at is not None:
            # Sent in an earlier run: what followed by this day (review, a corrected form sent again).
            steps = [s for s in steps if s.kind in TRANSITION_OF]
            if steps:
                _apply(report, steps, run.writer, run.counts)
            continue
        if not steps or ((report.pk in have_rows or done_until) and not sent_by_now):
            if outcome == "missing" and period.due_date < run.as_of:
                run.counts["missing"] = run.counts.get("missing", 0) + 1
            continue
        _apply(report, steps, run.writer, run.counts)
    if run.current is not None and period == run.current:
        _keep_editable(period, run.writer, run.coordinator, run.as_of, run.limit, have_rows)


def _keep_editable(
    period: ReportingPeriod, writer: Writer, coordinator, as_of: datetime.date, limit, have_rows
) -> None:
    """The demo heads' forms of the current period: a draft half written, reopened so it stays editable whatever
    the real date (with the coordinator's reopening in its history once the period has closed)."""
    closed = as_of > period_closes_on(period)
    keep = [demo_code(period.plan.commune, code) for code in KEEP_DRAFT]
    for report in ProgressReport.objects.filter(period=period, body__code__in=keep).select_related(
        "body", "period__plan"
    ):
        if report.first_submitted_at is not None or report.reopened:
            continue
        at = min(moment(max(as_of - datetime.timedelta(days=3), period.start), 16), limit)
        with time_machine.travel(at, tick=False):
            if report.pk not in have_rows:
                writer.fill(report, share=0.5, at=at)
            if closed:
                workflow.transition(report, "reopen", coordinator, comment=texts.REOPEN_COMMENT, at=at, replay=True)
            else:
                # Nobody reopens a form before its period closes: the flag is the demo's own, so the heads'
                # forms stay editable whatever day the demo is walked through. No state moves.
                report.reopened = True
                report.version += 1
                report.save()


def demo_last_year(*, plan: Plan, scale: int = 1, as_of: datetime.date | None = None) -> dict[str, int]:
    """Last year's plan with its forms reported and accepted, dated in that year (for comparisons)."""
    from plans import demo as plans_demo

    as_of = as_of or timezone.localdate()
    with time_machine.travel(min(moment(datetime.date(plans_demo.LAST_YEAR, 1, 3), 8), _limit(as_of)), tick=False):
        last = plans_demo.demo_plan_last_year(plan)
    last_day = min(as_of, datetime.date(last.year, 12, 31))
    return demo_reports(plan=last, scale=scale, as_of=last_day, closed_year=as_of.year > last.year, year_factor=True)
