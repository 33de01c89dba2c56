"""Thin Celery tasks of the infrastructure: housekeeping that belongs to no app."""

from __future__ import annotations

from celery import shared_task

from . import uploads


@shared_task(ignore_result=True)
def uploads_sweep() -> int:
    """Remove previewed uploads nobody confirmed (camgiang_portal.uploads)."""
    return uploads.uploads_sweep()
