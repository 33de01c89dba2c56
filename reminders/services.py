"""Writes of the reminders app: claim what is due, deliver it exactly once, settings, templates, notices read.

The coordinator's weekly digest and the leadership's summary after a deadline are in reminders.summaries.

Exactly once: a run inserts one ReminderLog row per (body, period, notice) before anything is sent; the
database's unique key refuses a second row, so two beats, a re-run or a retried task cannot claim the same
notice twice. The row stays "claimed" until SMTP accepted the message; delivery locks the row and checks
it is still unsent, so a retry after an SMTP failure sends it once, and a concurrent delivery skips it.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from communes.current import current_commune, many_communes, use_commune
from communes.models import Commune
from communes.sites import commune_site_url
from plans import permissions as plans_permissions
from reports.exports import with_year
from reports.models import ProgressReport

from . import messages, permissions, selectors
from .models import (
    NoticeKind,
    NoticeTemplate,
    Notification,
    ReminderLog,
    ReminderSettings,
    notice_code,
    notice_offset,
    offset_words,
    parse_days,
)

logger = logging.getLogger(__name__)
Status = ReminderLog.Status


class DeliveryFailed(Exception):
    """SMTP refused or was unreachable; the row stays claimed and the task retries."""


SMTP_ERRORS = (smtplib.SMTPException, OSError)


def form_url(report_id: int | None, commune: Commune | None) -> str:
    """The body's own form when it exists, else its start page (which lists its forms), at its commune's
    address (the beat and a task serve no request, so reverse() alone would point at the platform's root)."""
    path = reverse("reports:form", args=[report_id]) if report_id else reverse("start")
    return commune_site_url(commune, path)


def notification_url(mail_url: str) -> str:
    """Where an in-portal notice links: the mail's link, relative to SITE_URL when it is on the platform."""
    return mail_url.removeprefix(settings.SITE_URL)


def reminder_context(
    *, body_name: str, period, offset: int, today: datetime.date, report_id: int | None, commune: Commune | None
) -> dict:
    days = (period.due_date - today).days
    return {
        "body": body_name,
        "period_year": with_year(period.label, period.plan.year),
        "period": period.label,
        "year": period.plan.year,
        "due_date": messages.ddmmyyyy(period.due_date),
        "today": messages.ddmmyyyy(today),
        "days_left": max(days, 0),
        "days_late": max(-days, 0),
        "notice": offset_words(offset),
        "url": form_url(report_id, commune),
    }


def _notification_title(kind: str, context: dict) -> str:
    if kind == NoticeKind.BEFORE:
        return _("Nhắc nộp %(period)s – hạn %(due)s (còn %(days)s ngày)") % {
            "period": context["period"],
            "due": context["due_date"],
            "days": context["days_left"],
        }
    if kind == NoticeKind.DUE:
        return _("Hôm nay (%(due)s) là hạn nộp %(period)s") % {"period": context["period"], "due": context["due_date"]}
    return _("Quá hạn nộp %(period)s %(days)s ngày (hạn %(due)s)") % {
        "period": context["period"],
        "due": context["due_date"],
        "days": context["days_late"],
    }


# --- the daily run -------------------------------------------------------------------------------------


def platform_communes() -> list[Commune]:
    """The communes the beat acts for, in turn: every commune on the platform; in a one-commune deployment,
    the home commune (as before, whether or not a row says it is on the platform)."""
    if not many_communes():
        return [current_commune()]
    return list(Commune.objects.filter(on_platform=True).order_by("code"))


def for_each_commune(act):
    """`act()` once per commune of `platform_communes`, under `use_commune`: each commune's settings, words and
    exactly-once logs apply to its own bodies only. Returns {commune: what act returned}. A commune whose mail
    failed does not stop the others: the first DeliveryFailed is raised once all had their turn (a retry then
    finds the others' summaries sent and skips them)."""
    results, failure = {}, None
    for commune in platform_communes():
        with use_commune(commune):
            try:
                results[commune] = act()
            except DeliveryFailed as exc:
                failure = failure or exc
    if failure is not None:
        raise failure
    return results


@dataclass
class RunLine:
    body: str
    period: str
    notice: str
    recipients: list[str]
    outcome: str  # "would send", "sent", "queued", "cancelled", "failed", "skipped"
    error: str = ""


@dataclass
class RunResult:
    today: datetime.date
    dry_run: bool
    lines: list[RunLine] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for line in self.lines if line.outcome == outcome)


def _claim(due: list[selectors.Due], today: datetime.date) -> list[int]:
    """Insert the log rows (one statement) and read back the ones this run won; then the in-app notices."""
    if not due:
        return []
    run = uuid.uuid4()
    with transaction.atomic():
        ReminderLog.objects.bulk_create(
            [
                ReminderLog(body_id=d.body_id, period=d.period, notice=d.notice, recipients=d.emails, run=run)
                for d in due
            ],
            ignore_conflicts=True,
        )
        won = {
            (body_id, period_id, notice): pk
            for pk, body_id, period_id, notice in ReminderLog.objects.filter(run=run).values_list(
                "pk", "body_id", "period_id", "notice"
            )
        }
        # The links' commune; a one-commune deployment's links need none (and its lookup would cost a query).
        notices, commune = [], current_commune() if many_communes() else None
        for d in due:
            if (d.body_id, d.period.pk, d.notice) not in won:
                continue
            context = reminder_context(
                body_name=d.body_name,
                period=d.period,
                offset=d.offset,
                today=today,
                report_id=d.report_id,
                commune=commune,
            )
            title = _notification_title(messages.notice_kind(d.offset), context)
            url = notification_url(context["url"])
            notices += [
                Notification(user_id=user_id, period=d.period, notice=d.notice, title=title, url=url)
                for user_id in d.user_ids
            ]
        Notification.objects.bulk_create(notices, ignore_conflicts=True)
    return sorted(won.values())


def reminders_run(
    *, today: datetime.date | None = None, dry_run: bool = False, inline: bool | None = None
) -> RunResult:
    """Claim and send today's reminders. `inline` sends in this process (the command, eager Celery);
    otherwise each claimed row becomes a Celery task queued after commit."""
    today = today or timezone.localdate()
    if inline is None:
        inline = settings.CELERY_TASK_ALWAYS_EAGER
    due_today = selectors.reminders_due(today=today)
    result = RunResult(today, dry_run)
    if dry_run:
        for d in due_today.due:
            result.lines.append(RunLine(d.body_name, str(d.period), d.notice, d.emails, "would send"))
        for log in ReminderLog.objects.filter(pk__in=due_today.unsent).select_related("body", "period", "period__plan"):
            result.lines.append(RunLine(log.body.name, str(log.period), log.notice, log.recipients, "would send"))
        return result
    log_ids = _claim(due_today.due, today) + due_today.unsent
    # An older notice still unsent (SMTP was down) is not sent late once a newer one is due.
    for period_id, offset in due_today.current.items():
        ReminderLog.objects.filter(period_id=period_id, status=Status.CLAIMED).exclude(
            notice=notice_code(offset)
        ).update(status=Status.CANCELLED, last_error=_("Đã có mốc nhắc mới hơn."))
    if inline:
        result.lines += [_deliver_reporting(log_id, today) for log_id in log_ids]
        return result
    for log in (
        ReminderLog.objects.filter(pk__in=log_ids).select_related("body", "period", "period__plan").order_by("pk")
    ):
        transaction.on_commit(lambda log_id=log.pk: _queue_send(log_id, today))
        result.lines.append(RunLine(log.body.name, str(log.period), log.notice, log.recipients, "queued"))
    return result


def _queue_send(log_id: int, today: datetime.date) -> None:
    """Queue one delivery; with the broker unreachable, deliver here once (as camgiang_portal.resilience.enqueue
    does) — a failure then leaves the row claimed for the next run rather than retrying in a loop."""
    from . import tasks

    try:
        tasks.reminder_send.apply_async(args=[log_id], retry=False)
    except Exception as exc:  # noqa: BLE001 - kombu OperationalError, redis ConnectionError, OSError
        logger.warning("broker unavailable, delivering reminder %s in-process: %s", log_id, exc)
        try:
            reminder_deliver(log_id=log_id, today=today)
        except DeliveryFailed:
            pass  # stays claimed; the next daily run delivers it


def _deliver_reporting(log_id: int, today: datetime.date) -> RunLine:
    try:
        outcome = reminder_deliver(log_id=log_id, today=today)
        error = ""
    except DeliveryFailed as exc:
        outcome, error = "failed", str(exc)
    log = ReminderLog.objects.select_related("body", "period", "period__plan").get(pk=log_id)
    return RunLine(log.body.name, str(log.period), log.notice, log.recipients, outcome, error)


def reminder_deliver(*, log_id: int, today: datetime.date | None = None) -> str:
    """Send one claimed reminder; "sent", "cancelled" (the body submitted meanwhile) or "skipped"
    (already sent, or another worker holds it right now). Raises DeliveryFailed when SMTP fails."""
    today = today or timezone.localdate()
    with transaction.atomic():
        log = (
            ReminderLog.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("body__commune", "period", "period__plan")
            .filter(pk=log_id, status=Status.CLAIMED)
            .first()
        )
        if log is None:
            return "skipped"
        report = (
            ProgressReport.objects.filter(body_id=log.body_id, period_id=log.period_id)
            .values_list("pk", "state")
            .first()
        )
        report_id, state = report or (None, None)
        if state is not None and state not in selectors.NOT_SUBMITTED:
            log.status = Status.CANCELLED
            log.save(update_fields=["status"])
            return "cancelled"
        if not log.recipients:
            log.status, log.last_error = Status.CANCELLED, _("Đơn vị chưa có địa chỉ thư điện tử.")
            log.save(update_fields=["status", "last_error"])
            return "cancelled"
        offset = notice_offset(log.notice)
        kind = messages.notice_kind(offset)
        # The body's commune's words: a task delivering by id serves no commune.
        words = messages.templates_by_kind(log.body.commune_id)[kind]
        commune = log.body.commune
        context = reminder_context(
            body_name=log.body.name,
            period=log.period,
            offset=offset,
            today=today,
            report_id=report_id,
            commune=commune,
        )
        extra = {"state_label": ProgressReport.State(state).label if state else _("Chưa có báo cáo")}
        message = messages.build_message(
            kind=kind,
            words=words,
            context=context,
            layout="reminder",
            extra=extra,
            recipients=log.recipients,
            commune=commune,
        )
        failure = send_and_record(log, message)
    if failure is not None:
        logger.warning("reminder %s not sent: %s", log_id, failure)
        raise DeliveryFailed(str(failure)) from failure
    return "sent"


def send_and_record(log, message) -> Exception | None:
    """Send one claimed message and record the attempt on its log row (a ReminderLog or a SummaryLog, which
    both count attempts): sent, or the SMTP error to retry on. Returns the error, if any."""
    log.attempts += 1
    try:
        message.send()
    except SMTP_ERRORS as exc:
        log.last_error = f"{type(exc).__name__}: {exc}"[:1000]
        log.save(update_fields=["attempts", "last_error"])
        return exc
    log.status, log.sent_at, log.last_error = Status.SENT, timezone.now(), ""
    log.save(update_fields=["status", "sent_at", "attempts", "last_error"])
    return None


# --- the coordinator's settings and words ----------------------------------------------------------------


def _acting_commune() -> Commune:
    """The commune whose settings and words are changed: the one being served (each coordinator their own)."""
    commune = current_commune()
    if commune is None:
        raise ValidationError(_("Cài đặt nhắc hạn là của từng xã, phường: hãy mở trang của xã, phường đó."))
    return commune


@transaction.atomic
def settings_update(
    *, days_before: str, days_after: str, enabled: bool, digest_enabled: bool, leadership_enabled: bool, by
) -> ReminderSettings:
    plans_permissions.require(by, permissions.can_manage)
    commune = _acting_commune()
    conf = ReminderSettings.all_communes.select_for_update().filter(commune=commune).first()
    conf = conf or ReminderSettings(commune=commune)
    conf.days_before, conf.days_after = days_before.strip(), days_after.strip()
    conf.enabled, conf.digest_enabled, conf.leadership_enabled = enabled, digest_enabled, leadership_enabled
    conf.full_clean()
    if any(d > 90 for d in parse_days(conf.days_before) + parse_days(conf.days_after)):
        raise ValidationError({"days_before": _("Mỗi mốc nhắc không quá 90 ngày.")})
    conf.save()
    return conf


@transaction.atomic
def template_update(*, kind: str, subject: str, body: str, by) -> NoticeTemplate:
    plans_permissions.require(by, permissions.can_manage)
    if kind not in NoticeKind.values:
        raise ValidationError({"kind": _("Loại thông báo không hợp lệ.")})
    if not subject.strip() or not body.strip():
        raise ValidationError({"subject": _("Tiêu đề và nội dung không được để trống.")})
    messages.check_words(kind, subject, body)
    row, _created = NoticeTemplate.all_communes.update_or_create(
        commune=_acting_commune(), kind=kind, defaults={"subject": subject.strip(), "body": body.strip()}
    )
    return row


@transaction.atomic
def template_reset(*, kind: str, by) -> NoticeTemplate:
    plans_permissions.require(by, permissions.can_manage)
    from .defaults import DEFAULTS

    subject, body = DEFAULTS[kind]
    row, _created = NoticeTemplate.all_communes.update_or_create(
        commune=_acting_commune(), kind=kind, defaults={"subject": subject, "body": body}
    )
    return row


# --- in-app notifications ----------------------------------------------------------------------------------


def notifications_mark_read(*, user, ids=None) -> int:
    rows = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    return rows.update(read_at=timezone.now())
