"""Celery tasks of the reports app: thin, ids in, the work is in services."""

from celery import shared_task


@shared_task(acks_late=True, time_limit=120, soft_time_limit=100)
def report_remind_send(event_id: int) -> int:
    from . import services
    from .models import ReviewEvent

    event = ReviewEvent.objects.select_related("report", "report__body", "report__period").filter(pk=event_id).first()
    if event is None:
        return 0
    return services.report_remind_send(event=event)
