"""Celery tasks of the reminders app: thin, ids (or nothing) in, the work is in services.

The beat's tasks act for each commune on the platform in turn (services.for_each_commune), so each commune's
settings, words and exactly-once logs apply to its own bodies only; a delivery by id needs no commune (its
row says whose it is)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings


def retry_countdown(retries: int) -> int:
    """Exponential back-off: base, 2×base, 4×base … capped at an hour (REMINDERS_RETRY_BASE_SECONDS)."""
    return min(settings.REMINDERS_RETRY_BASE_SECONDS * 2**retries, 3600)


@shared_task(acks_late=True, time_limit=600, soft_time_limit=540)
def reminders_run() -> dict:
    """Beat, daily at 07:00: claim each commune's reminders of today; each claimed row is sent by its own
    reminder_send."""
    from django.utils import timezone

    from . import services

    today = timezone.localdate()  # one day for every commune, even if the run crosses midnight
    results = services.for_each_commune(lambda: services.reminders_run(today=today))
    claimed = {commune.code: len(result.lines) for commune, result in results.items()}
    return {"today": today.isoformat(), "claimed": sum(claimed.values()), "communes": claimed}


@shared_task(bind=True, acks_late=True, max_retries=10, time_limit=120, soft_time_limit=100)
def reminder_send(self, log_id: int) -> str:
    """Send one claimed reminder; SMTP failure → retried with back-off, the row stays claimed meanwhile."""
    from . import services

    try:
        return services.reminder_deliver(log_id=log_id)
    except services.DeliveryFailed as exc:
        raise self.retry(exc=exc, countdown=retry_countdown(self.request.retries)) from exc


@shared_task(bind=True, acks_late=True, max_retries=10, time_limit=300, soft_time_limit=270)
def digest_send(self) -> str:
    """Beat, Mondays at 07:30: each commune's coordinator's weekly digest."""
    from . import services, summaries

    try:
        results = services.for_each_commune(summaries.digest_send)
        return ", ".join(f"{commune.code}: {outcome}" for commune, outcome in results.items())
    except services.DeliveryFailed as exc:
        raise self.retry(exc=exc, countdown=retry_countdown(self.request.retries)) from exc


@shared_task(bind=True, acks_late=True, max_retries=10, time_limit=300, soft_time_limit=270)
def leadership_summary_send(self) -> list[str]:
    """Beat, daily at 07:15: sends only the day after a period's deadline, for each commune."""
    from . import services, summaries

    try:
        results = services.for_each_commune(summaries.leadership_summary_send)
        return [outcome for outcomes in results.values() for outcome in outcomes]
    except services.DeliveryFailed as exc:
        raise self.retry(exc=exc, countdown=retry_countdown(self.request.retries)) from exc
