"""Celery tasks of the reminders app: thin, ids (or nothing) in, the work is in services."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings


def retry_countdown(retries: int) -> int:
    """Exponential back-off: base, 2×base, 4×base … capped at an hour (REMINDERS_RETRY_BASE_SECONDS)."""
    return min(settings.REMINDERS_RETRY_BASE_SECONDS * 2**retries, 3600)


@shared_task(acks_late=True, time_limit=600, soft_time_limit=540)
def reminders_run() -> dict:
    """Beat, daily at 07:00: claim today's reminders; each claimed row is sent by its own reminder_send."""
    from . import services

    result = services.reminders_run()
    return {"today": result.today.isoformat(), "claimed": len(result.lines)}


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
    """Beat, Mondays at 07:30: the coordinator's weekly digest."""
    from . import services, summaries

    try:
        return summaries.digest_send()
    except services.DeliveryFailed as exc:
        raise self.retry(exc=exc, countdown=retry_countdown(self.request.retries)) from exc


@shared_task(bind=True, acks_late=True, max_retries=10, time_limit=300, soft_time_limit=270)
def leadership_summary_send(self) -> list[str]:
    """Beat, daily at 07:15: sends only the day after a period's deadline."""
    from . import services, summaries

    try:
        return summaries.leadership_summary_send()
    except services.DeliveryFailed as exc:
        raise self.retry(exc=exc, countdown=retry_countdown(self.request.retries)) from exc
