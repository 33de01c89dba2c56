"""Celery tasks of consolidation: thin, ids in, the work is in services."""

from celery import shared_task


# The task keeps the name it was queued under before consolidation was its own app: a job queued just before
# a deploy is still built by the new workers.
@shared_task(name="reports.tasks.export_build", acks_late=True, time_limit=600, soft_time_limit=540)
def export_build(job_id: int) -> str:
    from . import services

    return services.export_build(job_id=job_id)
