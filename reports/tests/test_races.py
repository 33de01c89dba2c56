"""Races that only a real database shows: two people saving one form at once, two workers on one export."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from conftest import requires_services
from consolidation import imports
from consolidation import services as consolidation_services
from reports import workflow
from reports.models import ExportJob, ItemStatus, ProgressReport
from reports.rows import ItemData
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
        return lambda: workflow.transition(
            report,
            "save",
            head,
            version=1,
            summary=text,
            items={row.pk: ItemData(status=ItemStatus.ONGOING, done=text)},
        )

    results = in_threads(save("Người thứ nhất"), save("Người thứ hai"))
    assert sum(isinstance(r, workflow.ReportConflict) for r in results) == 1
    report.refresh_from_db()
    assert report.version == 2
    assert report.items.get(pk=row.pk).done == report.summary


def test_an_export_job_is_built_once(demo, user_named, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    plan = build_plan()
    job = ExportJob.objects.create(
        period=plan.periods.get(code="6thang"), format="xlsx", requested_by=user_named("vanhoaxahoi")
    )
    results = in_threads(
        lambda: consolidation_services.export_build(job_id=job.pk),
        lambda: consolidation_services.export_build(job_id=job.pk),
    )
    assert sorted(results) == ["done", "skipped"]


def test_import_and_a_body_save_at_once_never_lose_either(demo, user_named):
    """The import locks the period's forms before reading them: a save of the same version either lands first
    (and the import then builds on it) or meets the conflict message; nothing is silently overwritten."""
    from reports.tests.test_import import edited

    plan = build_plan()
    plan.periods.filter(code="6thang").update(due_date=timezone.localdate() + datetime.timedelta(days=10))
    report = ProgressReport.objects.select_related("period").get(period__code="6thang", body__code="thon-001")
    row = report.items.first()
    content = edited(report.period, {}, {("thon-001", "*"): "Đã hoàn thành"})
    coordinator, head = user_named("vanhoaxahoi"), user_named("truongthon1")
    results = in_threads(
        lambda: imports.figures_import_apply(period=report.period, content=content, by=coordinator),
        lambda: workflow.transition(
            report,
            "save",
            head,
            version=1,
            summary="Thôn tự lưu",
            items={row.pk: ItemData(status=ItemStatus.IN_PROGRESS, done="Đã họp thôn")},
        ),
    )
    assert results[0].ok
    report.refresh_from_db()
    assert report.state == ProgressReport.State.SUBMITTED
    assert set(report.items.values_list("status", flat=True)) == {ItemStatus.DONE}
    if isinstance(results[1], workflow.ReportConflict):
        assert report.version == 2 and report.summary == ""
    else:
        assert report.version == 3 and report.summary == "Thôn tự lưu"
