"""Celery tasks of the city level: thin, the work is in city.reminders."""

from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True, time_limit=600, soft_time_limit=540)
def city_reminders_run() -> dict:
    """Beat, daily at 07:45: the city's reminders due today to communes that have not sent their Báo cáo."""
    from . import reminders

    results = reminders.beat_run()
    return {key: len(result.claimed) for key, result in results.items()}


@shared_task(bind=True, acks_late=True, max_retries=10, time_limit=120, soft_time_limit=100)
def city_reminder_send(self, log_id: int, city_period_id: int) -> str:
    """Send one claimed reminder; an SMTP failure is retried with back-off, the row stays claimed meanwhile."""
    from reminders.services import DeliveryFailed
    from reminders.tasks import retry_countdown

    from . import reminders

    try:
        return reminders.deliver(log_id=log_id, city_period_id=city_period_id)
    except DeliveryFailed as exc:
        raise self.retry(exc=exc, countdown=retry_countdown(self.request.retries)) from exc
