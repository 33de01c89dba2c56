"""Reads of the reminders app: which notice is due for whom today, status lists, a user's notifications.

Every selector runs a fixed number of queries whatever the number of bodies (asserted at 1× and 10×).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from communes.current import current_commune
from plans import selectors as plans_selectors
from plans.models import Body, Plan, ReportingPeriod, Role
from reports.exports import with_year
from reports.models import ProgressReport

from .models import Notification, ReminderLog, ReminderSettings, notice_code, notice_offset

User = get_user_model()
State = ProgressReport.State
# A returned form asks for a correction: like a draft or nothing at all, it is not submitted.
NOT_SUBMITTED = (State.DRAFT, State.RETURNED)
# The last notice (T+7) is still sent this many days late when the server was down on its day; after
# that it is stale and nothing more goes out for the period.
LAST_NOTICE_CATCH_UP_DAYS = 3


def reminder_settings(commune=None) -> ReminderSettings:
    """The settings row of `commune` (default: the commune being served), or the defaults when its coordinator
    never saved any (not written here: saving is services.settings_update's)."""
    commune = commune if commune is not None else current_commune()
    if commune is None:
        return ReminderSettings()
    return ReminderSettings.all_communes.filter(commune=commune).first() or ReminderSettings(commune=commune)


def current_offset(offsets: list[int], due_date: datetime.date, today: datetime.date) -> int | None:
    """The most recent notice whose day has come: only that one is sent, never every missed one."""
    days = (today - due_date).days
    passed = [offset for offset in offsets if offset <= days]
    if not passed:
        return None
    offset = max(passed)
    if offset == offsets[-1] and days - offset > LAST_NOTICE_CATCH_UP_DAYS:
        return None
    return offset


@dataclass
class Due:
    """One reminder to send: the body, the period, the notice and where it goes."""

    body_id: int
    body_name: str
    period: ReportingPeriod
    offset: int
    report_id: int | None
    state: str | None
    emails: list[str] = field(default_factory=list)
    user_ids: list[int] = field(default_factory=list)

    @property
    def notice(self) -> str:
        return notice_code(self.offset)


@dataclass
class DueToday:
    today: datetime.date
    due: list[Due]
    unsent: list[int]  # claimed earlier, never sent (SMTP down past the retries): delivered again
    current: dict[int, int] = field(default_factory=dict)  # period id → today's notice offset


def body_people(body_ids) -> tuple[dict[int, list[str]], dict[int, list[int]]]:
    """Each body's users' e-mails and ids (active members of its group), in one query."""
    emails: dict[int, list[str]] = defaultdict(list)
    users: dict[int, list[int]] = defaultdict(list)
    for body_id, user_id, email in (
        User.objects.filter(is_active=True, groups__body__pk__in=list(body_ids))
        .values_list("groups__body__pk", "pk", "email")
        .order_by("pk")
    ):
        users[body_id].append(user_id)
        if email:
            emails[body_id].append(email)
    return emails, users


def _recipients(body_email: str, user_emails: list[str]) -> list[str]:
    return sorted({e.strip().lower() for e in [body_email, *user_emails] if e and e.strip()})


def expected_bodies(
    plan: Plan, periods: list[ReportingPeriod]
) -> tuple[dict[int, Body], dict[tuple[int, int], tuple[int, str]]]:
    """Bodies that owe a report (assigned items, or holding a form) and each (body, period)'s form.

    Two or three queries."""
    reports = {
        (body_id, period_id): (pk, state)
        for pk, body_id, period_id, state in ProgressReport.objects.filter(period__in=periods).values_list(
            "pk", "body_id", "period_id", "state"
        )
    }
    bodies = {b.pk: b for b in plans_selectors.reporting_bodies(plan).only("pk", "name", "email", "kind", "order")}
    extra = {body_id for body_id, _period_id in reports} - set(bodies)
    if extra:
        bodies.update({b.pk: b for b in Body.objects.filter(pk__in=extra).only("pk", "name", "email", "kind", "order")})
    return bodies, reports


def reminders_due(*, today: datetime.date, plan: Plan | None = None) -> DueToday:
    """For the plan in force: each not-submitted body's most recent due notice not yet claimed. Fixed query count.
    The commune being served's settings and plan (the beat serves each commune in turn)."""
    conf = reminder_settings()
    plan = plan or plans_selectors.plan_current()
    if not conf.enabled or plan is None:
        return DueToday(today, [], [])
    offsets = conf.offsets
    current = {}
    for period in plans_selectors.plan_periods(plan):
        offset = current_offset(offsets, period.due_date, today) if offsets else None
        if offset is not None:
            current[period.pk] = (period, offset)
    if not current:
        return DueToday(today, [], [])
    periods = [period for period, _offset in current.values()]
    bodies, reports = expected_bodies(plan, periods)
    claimed: dict[tuple[int, int], int] = {}  # (body, period) → the latest notice already claimed
    unsent = []
    for pk, body_id, period_id, notice, status in ReminderLog.objects.filter(period__in=periods).values_list(
        "pk", "body_id", "period_id", "notice", "status"
    ):
        offset = notice_offset(notice)
        key = (body_id, period_id)
        claimed[key] = max(claimed.get(key, offset), offset)
        if status == ReminderLog.Status.CLAIMED and offset == current[period_id][1]:
            unsent.append(pk)
    emails, users = body_people(bodies)
    due = []
    for body in sorted(bodies.values(), key=lambda b: (b.kind, b.order, b.name)):
        for period, offset in current.values():
            report_id, state = reports.get((body.pk, period.pk), (None, None))
            if state is not None and state not in NOT_SUBMITTED:
                continue
            if claimed.get((body.pk, period.pk), offset - 1) >= offset:
                continue
            due.append(
                Due(
                    body.pk,
                    body.name,
                    period,
                    offset,
                    report_id,
                    state,
                    _recipients(body.email, emails[body.pk]),
                    users[body.pk],
                )
            )
    return DueToday(today, due, sorted(unsent), {period_id: offset for period_id, (_p, offset) in current.items()})


# --- digest and leadership summary -----------------------------------------------------------------


def period_status(plan: Plan, periods: list[ReportingPeriod]) -> list[dict]:
    """Per period: who submitted (or was accepted), who has not, who was returned. Fixed query count."""
    bodies, reports = expected_bodies(plan, periods)
    ordered = sorted(bodies.values(), key=lambda b: (b.kind, b.order, b.name))
    blocks = []
    for period in periods:
        submitted, missing, returned = [], [], []
        for body in ordered:
            _pk, state = reports.get((body.pk, period.pk), (None, None))
            if state in (State.SUBMITTED, State.ACCEPTED):
                submitted.append({"name": body.name, "note": State(state).label})
            elif state == State.RETURNED:
                returned.append({"name": body.name, "note": ""})
            else:
                missing.append({"name": body.name, "note": State(state).label if state else _("Chưa có báo cáo")})
        blocks.append(
            {
                "period_id": period.pk,
                "label": period.label,
                "year": period.plan.year,
                "heading": with_year(period.label, period.plan.year),  # "Báo cáo năm 2026", never "năm năm"
                "due_date": period.due_date.strftime("%d/%m/%Y"),
                "expected": len(ordered),
                "submitted": submitted,
                "missing": missing,
                "returned": returned,
                "groups": [
                    (_("Chưa nộp"), missing),
                    (_("Bị trả lại, chờ bổ sung"), returned),
                    (_("Đã nộp"), submitted),
                ],
            }
        )
    return blocks


def digest_periods(plan: Plan, today: datetime.date, window_days: int = 30) -> list[ReportingPeriod]:
    """The periods worth a weekly word: due within the month ahead or in the month just past."""
    return [
        p
        for p in plans_selectors.plan_periods(plan).select_related("plan")
        if -window_days <= (p.due_date - today).days <= window_days
    ]


def role_recipients(role: str, body_filter: dict) -> tuple[list[str], list[int]]:
    """E-mails and user ids of a role's active users plus the matching bodies' contact addresses, of the commune
    being served (a user is their body's commune's). Two queries."""
    users = User.objects.filter(is_active=True, membership__role=role)
    bodies = Body.objects.filter(**body_filter)
    commune = current_commune()
    if commune is not None:  # the users table is not scoped: say whose
        users = users.filter(membership__body__commune=commune)
        bodies = bodies.filter(commune=commune)
    rows = list(users.values_list("pk", "email"))
    body_emails = list(bodies.exclude(email="").values_list("email", flat=True))
    return _recipients("", [e for _pk, e in rows] + body_emails), [pk for pk, _e in rows]


def coordinator_recipients() -> tuple[list[str], list[int]]:
    return role_recipients(Role.COORDINATOR, {"is_coordinator": True})


def leadership_recipients() -> tuple[list[str], list[int]]:
    return role_recipients(Role.LEADERSHIP, {"kind": Body.Kind.LEADERSHIP})


# --- in-app notifications ----------------------------------------------------------------------------


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications_for(user) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).select_related("period", "period__plan")
