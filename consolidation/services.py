"""Writes of consolidation: export jobs, queued after commit and built by a worker (consolidation.tasks)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction

from camgiang_portal import resilience
from plans.models import ReportingPeriod
from reports import permissions as reports_permissions
from reports.models import ExportJob

from . import papers
from .exports import consolidated_xlsx


@transaction.atomic
def export_request(*, period: ReportingPeriod, fmt: str, by) -> ExportJob:
    """Queue the build after commit; in the embedded default (eager Celery) it is ready at once."""
    from . import tasks

    if not reports_permissions.can_view_consolidated(by):
        raise PermissionDenied

    job = ExportJob.objects.create(period=period, format=fmt, requested_by=by)
    transaction.on_commit(lambda: resilience.enqueue(tasks.export_build, job.pk))
    return job


def export_build(*, job_id: int) -> str:
    # Claim the job with a conditional update so two workers never build the same file.
    if not ExportJob.objects.filter(pk=job_id, state=ExportJob.State.PENDING).update(
        state=ExportJob.State.RUNNING, progress=10
    ):
        return "skipped"
    job = ExportJob.objects.select_related("period", "period__plan").get(pk=job_id)
    try:
        content = (
            papers.consolidated_pdf(job.period) if job.format == ExportJob.Format.PDF else consolidated_xlsx(job.period)
        )
        name = f"bao-cao-tong-hop-{job.period.code}-{job.period.plan.year}-{job.pk}.{job.format}"
        job.file.save(name, ContentFile(content), save=False)
        job.state, job.progress = ExportJob.State.DONE, 100
        job.save(update_fields=["file", "state", "progress"])
    except Exception:
        ExportJob.objects.filter(pk=job_id).update(state=ExportJob.State.FAILED)
        raise
    return job.state


def export_filename(period: ReportingPeriod, fmt: str) -> str:
    return f"bao-cao-tong-hop-{period.code}-{period.plan.year}.{fmt}"
