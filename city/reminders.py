"""The city's reminders to communes that have not sent their Báo cáo: claimed and sent exactly once through the
reminders app's summary machinery (a SummaryLog row per commune, city period and notice, then delivered by a
Celery task that locks it), e-mailed to the commune's leadership and coordinator and shown in their portal.

Two ways in: the Sở Nội vụ's button (once a day per commune, whatever the clicks) and the beat (three days
before the city's deadline, and the day after it, caught up within three days when the server was down).
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from communes.current import use_commune
from communes.models import Commune
from communes.sites import commune_site_url, province_words
from reminders import selectors as reminders_selectors
from reminders import summaries
from reminders.models import CITY_REMINDER, Notification, SummaryLog
from reminders.services import DeliveryFailed
from reports.exports import with_year

from . import selectors
from .models import CityPeriod

logger = logging.getLogger(__name__)

BEFORE_DAYS = 3
CATCH_UP_DAYS = 3


@dataclass
class RemindResult:
    claimed: list[str] = field(default_factory=list)  # communes reminded by this run
    skipped: list[str] = field(default_factory=list)  # already reminded under this key
    no_recipients: list[str] = field(default_factory=list)  # nobody with an e-mail to write to


def log_key(city_period: CityPeriod, notice: str) -> str:
    return f"{city_period.year}-{city_period.code}:{notice}"


def city_sender(commune: Commune) -> str:
    """The city's word comes from the Sở Nội vụ, at the deployment's sending address (DEFAULT_FROM_EMAIL's)."""
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return formataddr((_("Sở Nội vụ %(province)s") % {"province": province_words()}, address))


def _recipients(commune: Commune) -> tuple[list[str], list[int]]:
    with use_commune(commune):
        coordinator = reminders_selectors.coordinator_recipients()
        leadership = reminders_selectors.leadership_recipients()
    emails = sorted({*coordinator[0], *leadership[0]})
    return emails, sorted({*coordinator[1], *leadership[1]})


def remind_unsent(city_period: CityPeriod, *, notice: str, today: datetime.date | None = None) -> RemindResult:
    """Claim a reminder for every commune that has not sent the period's Báo cáo, and queue each delivery."""
    today = today or timezone.localdate()
    result = RemindResult()
    key = log_key(city_period, notice)
    for receipt in selectors.receipts(city_period, selectors.city_communes(), today):
        if receipt.sent:
            continue
        commune = receipt.commune
        emails, user_ids = _recipients(commune)
        if not emails:
            result.no_recipients.append(commune.name)
            continue
        log = summaries.summary_claim(commune, CITY_REMINDER, key, emails)
        if log is None:  # sent under this key already; an unsent one is queued again (delivery locks it)
            result.skipped.append(commune.name)
            continue
        result.claimed.append(commune.name)
        if receipt.period is not None:
            with use_commune(commune):
                Notification.objects.bulk_create(
                    [
                        Notification(
                            user_id=pk,
                            period=receipt.period,
                            notice=f"TP{notice}"[:12],
                            title=_("Thành phố nhắc gửi %(label)s, hạn %(due)s") % _words(city_period),
                            url=reverse("consolidation:consolidated", args=[receipt.period.pk]),
                        )
                        for pk in user_ids
                    ],
                    ignore_conflicts=True,
                )
        _queue(log.pk, city_period.pk)
    return result


def _words(city_period: CityPeriod) -> dict:
    return {
        "label": with_year(city_period.label, city_period.year),  # "Báo cáo 6 tháng năm 2026"
        "due": city_period.due_date.strftime("%d/%m/%Y"),
    }


def _queue(log_id: int, city_period_id: int) -> None:
    """Deliver in this process when Celery runs eagerly (no broker: the embedded default), else queue the
    delivery once the claim is committed; with the broker unreachable, deliver here once (a failure leaves the
    row claimed for the next run)."""
    from . import tasks

    if settings.CELERY_TASK_ALWAYS_EAGER:
        try:
            deliver(log_id=log_id, city_period_id=city_period_id)
        except DeliveryFailed:
            pass
        return

    def send() -> None:
        try:
            tasks.city_reminder_send.apply_async(args=[log_id, city_period_id], retry=False)
        except Exception as exc:  # noqa: BLE001 - kombu OperationalError, redis ConnectionError, OSError
            logger.warning("broker unavailable, delivering city reminder %s in-process: %s", log_id, exc)
            try:
                deliver(log_id=log_id, city_period_id=city_period_id)
            except DeliveryFailed:
                pass

    transaction.on_commit(send)


def deliver(*, log_id: int, city_period_id: int) -> str:
    """Send one claimed reminder (summaries.summary_deliver locks the row: a second delivery skips it)."""
    log = SummaryLog.all_communes.select_related("commune").filter(pk=log_id).first()
    city_period = CityPeriod.objects.filter(pk=city_period_id).first()
    if log is None or city_period is None:
        return "skipped"
    commune = log.commune
    period = selectors.matching_periods(city_period, [commune]).get(commune.pk)
    path = reverse("consolidation:consolidated", args=[period.pk]) if period else reverse("start")
    context = {
        **_words(city_period),
        "commune": commune,
        "kind_word": commune.kind_word,
        "place": commune.place_name,
        "url": commune_site_url(commune, path),
        "has_plan": period is not None,
    }
    subject = _("Nhắc gửi %(label)s về thành phố (hạn %(due)s)") % context
    text = render_to_string("city/email/reminder.txt", context)
    html = render_to_string("city/email/reminder.html", context)
    message = EmailMultiAlternatives(subject, text, city_sender(commune), log.recipients)
    message.attach_alternative(html, "text/html")
    return summaries.summary_deliver(log.pk, message)


def due_notices(city_period: CityPeriod, today: datetime.date) -> list[str]:
    """The beat's notices of the period today: "T-3" three days before the city's deadline, "T+1" the day after
    it (within CATCH_UP_DAYS more when the server was down then)."""
    days = (today - city_period.due_date).days
    notices = []
    if -BEFORE_DAYS <= days < 0:
        notices.append(f"T-{BEFORE_DAYS}")
    if 1 <= days <= 1 + CATCH_UP_DAYS:
        notices.append("T+1")
    return notices


def beat_run(today: datetime.date | None = None) -> dict[str, RemindResult]:
    """Every city period with a notice due today, each commune that has not sent reminded once per notice."""
    today = today or timezone.localdate()
    results = {}
    for city_period in CityPeriod.objects.filter(year__gte=today.year - 1):
        for notice in due_notices(city_period, today):
            results[log_key(city_period, notice)] = remind_unsent(city_period, notice=notice, today=today)
    return results
