"""Races that only a real database shows: two people saving one form at once, two workers on one export."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from conftest import requires_services
from reports import exports, services
from reports.models import ExportJob, ItemStatus, ProgressReport
from reports.tests.conftest import build_plan

pytestmark = [requires_services, pytest.mark.services, pytest.mark.django_db(transaction=True)]


def in_threads(*targets) -> list:
    results: list = [None] * len(targets)
    barrier = threading.Barrier(len(targets))

    def run(index, target):
        barrier.wait()
        try:
            results[index] = target()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test compares
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, t)) for i, t in enumerate(targets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_saves_of_one_version_one_wins(demo, user_named):
    plan = build_plan()
    # Threads run in real time: keep the period open today.
    plan.periods.filter(code="6thang").update(due_date=timezone.localdate() + datetime.timedelta(days=10))
    report = ProgressReport.objects.get(period__code="6thang", body__code="thon-001")
    head = user_named("truongthon1")
    row = report.items.first()

    def save(text):
        return lambda: services.report_save(
            report=report, by=head, version=1, summary=text, items={row.pk: services.ItemData(status=ItemStatus.ONGOING, done=text)}
        )

    results = in_threads(save("Người thứ nhất"), save("Người thứ hai"))
    assert sum(isinstance(r, services.ReportConflict) for r in results) == 1
    report.refresh_from_db()
    assert report.version == 2
    assert report.items.get(pk=row.pk).done == report.summary


def test_an_export_job_is_built_once(demo, user_named, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    plan = build_plan()
    job = ExportJob.objects.create(period=plan.periods.get(code="6thang"), format="xlsx", requested_by=user_named("vanhoaxahoi"))
    results = in_threads(lambda: exports.export_build(job_id=job.pk), lambda: exports.export_build(job_id=job.pk))
    assert sorted(results) == ["done", "skipped"]
