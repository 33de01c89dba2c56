"""The reminders app's summaries: the coordinator's weekly digest and the leadership's word the day after a
deadline, each claimed once (a SummaryLog row) and sent like a reminder (services.send_and_record)."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from communes.current import current_commune
from communes.sites import committee_name, commune_site_url
from plans import selectors as plans_selectors
from plans.models import Plan

from . import messages, selectors
from .models import NoticeKind, Notification, ReminderLog, SummaryLog
from .services import DeliveryFailed, notification_url, send_and_record

Status = ReminderLog.Status


def summary_claim(commune, kind: str, key: str, recipients: list[str]) -> SummaryLog | None:
    """The commune's summary of `key` claimed by this run (its row inserted), or the one claimed earlier and
    still unsent; None when it was sent. The unique key (commune, kind, key) is what makes it once. The city's
    reminders to communes (city.reminders) are claimed and delivered by these two as well."""
    try:
        with transaction.atomic():
            return SummaryLog.all_communes.create(commune=commune, kind=kind, key=key, recipients=recipients)
    except IntegrityError:
        return SummaryLog.all_communes.filter(commune=commune, kind=kind, key=key, status=Status.CLAIMED).first()


def summary_deliver(log_id: int, message) -> str:
    with transaction.atomic():
        log = SummaryLog.objects.select_for_update(skip_locked=True).filter(pk=log_id, status=Status.CLAIMED).first()
        if log is None:
            return "skipped"
        failure = send_and_record(log, message)
    if failure is not None:
        raise DeliveryFailed(str(failure)) from failure
    return "sent"


def digest_send(*, today: datetime.date | None = None, plan: Plan | None = None) -> str:
    """The coordinator's weekly word: who submitted, who has not, who was returned. Once per ISO week and
    commune, for the commune being served (the beat serves each in turn: services.for_each_commune)."""
    today = today or timezone.localdate()
    commune = current_commune()
    conf = selectors.reminder_settings(commune)
    plan = plan or plans_selectors.plan_current()
    if commune is None or not conf.digest_enabled or plan is None:
        return "disabled"
    periods = selectors.digest_periods(plan, today)
    if not periods:
        return "nothing"
    emails, user_ids = selectors.coordinator_recipients()
    if not emails:
        return "no recipients"
    year, week, _day = today.isocalendar()
    log = summary_claim(commune, NoticeKind.DIGEST, f"{year}-W{week:02d}", emails)
    if log is None:
        return "skipped"
    blocks = selectors.period_status(plan, periods)
    dashboard = commune_site_url(commune, reverse("consolidation:dashboard"))
    # The same word in the portal: one notice per coordinator and week, under the first period it covers.
    Notification.objects.bulk_create(
        [
            Notification(
                user_id=pk,
                period=periods[0],
                notice=f"DG{year}W{week:02d}",
                url=notification_url(dashboard),
                title=_("Tổng hợp tuần %(week)s: %(parts)s")
                % {
                    "week": f"{week}/{year}",
                    "parts": "; ".join(
                        _("%(period)s: %(done)s/%(all)s đơn vị đã nộp, %(returned)s bị trả lại")
                        % {
                            "period": b["label"],
                            "done": len(b["submitted"]),
                            "all": b["expected"],
                            "returned": len(b["returned"]),
                        }
                        for b in blocks
                    ),
                },
            )
            for pk in user_ids
        ],
        ignore_conflicts=True,
    )
    context = {
        "week": f"{week}/{year}",
        "today": messages.ddmmyyyy(today),
        "periods_count": len(blocks),
        "url": dashboard,
    }
    message = messages.build_message(
        kind=NoticeKind.DIGEST,
        words=messages.templates_by_kind(commune)[NoticeKind.DIGEST],
        context=context,
        layout="digest",
        extra={"periods": blocks},
        recipients=log.recipients,
        commune=commune,
    )
    return summary_deliver(log.pk, message)


LEADERSHIP_CATCH_UP_DAYS = 3


def leadership_summary_send(*, today: datetime.date | None = None, plan: Plan | None = None) -> list[str]:
    """The day after each deadline (or within three days when the server was down then), once per period, for
    the commune being served."""
    today = today or timezone.localdate()
    commune = current_commune()
    conf = selectors.reminder_settings(commune)
    plan = plan or plans_selectors.plan_current()
    if commune is None or not conf.leadership_enabled or plan is None:
        return []
    periods = [
        p
        for p in plans_selectors.plan_periods(plan).select_related("plan")
        if 1 <= (today - p.due_date).days <= 1 + LEADERSHIP_CATCH_UP_DAYS
    ]
    outcomes = []
    emails, user_ids = selectors.leadership_recipients()
    dashboard = commune_site_url(commune, reverse("consolidation:dashboard"))
    for block, period in zip(selectors.period_status(plan, periods), periods, strict=True):
        if not emails:
            outcomes.append("no recipients")
            continue
        log = summary_claim(commune, NoticeKind.LEADERSHIP, f"period:{period.pk}", emails)
        if log is None:
            outcomes.append("skipped")
            continue
        context = {
            "committee": committee_name(commune),
            "period_year": block["heading"],
            "period": period.label,
            "year": plan.year,
            "due_date": block["due_date"],
            "today": messages.ddmmyyyy(today),
            "expected_count": block["expected"],
            "submitted_count": len(block["submitted"]),
            "missing_count": len(block["missing"]),
            "returned_count": len(block["returned"]),
            "url": dashboard,
        }
        Notification.objects.bulk_create(
            [
                Notification(
                    user_id=pk,
                    period=period,
                    notice="LD",
                    url=notification_url(dashboard),
                    title=_("Tình hình nộp %(period)s sau hạn %(due)s: %(done)s/%(all)s đơn vị đã nộp")
                    % {
                        "period": period.label,
                        "due": block["due_date"],
                        "done": context["submitted_count"],
                        "all": context["expected_count"],
                    },
                )
                for pk in user_ids
            ],
            ignore_conflicts=True,
        )
        message = messages.build_message(
            kind=NoticeKind.LEADERSHIP,
            words=messages.templates_by_kind(commune)[NoticeKind.LEADERSHIP],
            context=context,
            layout="leadership",
            extra={"periods": [block]},
            recipients=log.recipients,
            commune=commune,
        )
        outcomes.append(summary_deliver(log.pk, message))
    return outcomes
