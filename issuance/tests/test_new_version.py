"""Changing an issued plan: a new version from the plan page, issued with its own number, superseding the old
one; the year's forms, words and figures follow the version in force."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from camgiang_portal.actors import SYSTEM
from consolidation import gather
from issuance import services
from issuance.models import IssuedDocument
from plans import services as plans_services
from plans.models import Assignment, Item, Plan
from reports import services as report_services
from reports import workflow as report_workflow
from reports.models import FigureValue, Indicator, ItemStatus, ProgressReport

pytestmark = pytest.mark.django_db
MAY = datetime.datetime(2026, 5, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def test_new_version_needs_an_issued_plan_and_only_one_draft(plan, signing_identity):
    with pytest.raises(ValueError):
        plans_services.plan_new_version(plan=plan, by=SYSTEM)  # a draft is edited directly
    services.plan_issue(plan=plan, by=SYSTEM)
    draft = plans_services.plan_new_version(plan=plan, by=SYSTEM)
    assert (draft.status, draft.year, draft.supersedes_id, draft.number) == (Plan.Status.DRAFT, plan.year, plan.pk, "")
    assert (
        Assignment.objects.filter(item__area__plan=draft).count()
        == Assignment.objects.filter(item__area__plan=plan).count()
    )
    with pytest.raises(ValueError):
        plans_services.plan_new_version(plan=plan, by=SYSTEM)


def test_coordinator_makes_a_new_version_from_the_plan_page(plan, signing_identity, client_for):
    services.plan_issue(plan=plan, by=SYSTEM)
    url = reverse("plans:new_version", args=[plan.pk])
    assert client_for("truongthon1").post(url).status_code == 403
    response = client_for("vanhoaxahoi").post(url)
    draft = Plan.objects.get(supersedes=plan, status=Plan.Status.DRAFT)
    assert response.status_code == 302 and response["Location"] == draft.get_absolute_url()
    page = client_for("vanhoaxahoi").get(plan.get_absolute_url()).content.decode()
    assert "Tạo phiên bản mới để sửa đổi" in page


@time_machine.travel(MAY)
def test_issuing_the_new_version_carries_the_years_forms_over(plan, signing_identity):
    services.plan_issue(plan=plan, by=SYSTEM)
    report_services.report_expected_generate(plan=plan, by=SYSTEM)
    report = ProgressReport.objects.filter(period__plan=plan, period__code="6thang").select_related("body").first()
    indicator = (
        Indicator.objects.filter(item__area__plan=plan).first() or Indicator.objects.filter(area__plan=plan).first()
    )
    rows = list(report.items.select_related("item"))
    row = next(r for r in rows if indicator.applies_to(r.item))
    FigureValue.objects.create(progress=row, indicator=indicator, value=7)
    report.items.update(status=ItemStatus.ONGOING, done="Đã họp")
    report_workflow.transition(report, "submit", None, replay=True)

    draft = plans_services.plan_new_version(plan=plan, by=SYSTEM)
    document = services.plan_issue(plan=draft, by=SYSTEM)
    plan.refresh_from_db()
    assert plan.status == Plan.Status.SUPERSEDED and document.supersedes.plan_id == plan.pk
    assert IssuedDocument.objects.filter(plan_id=plan.pk).count() == 1  # the old signed file is kept as it was

    report_services.report_expected_generate(plan=draft, by=SYSTEM)
    report.refresh_from_db()
    assert report.period.plan_id == draft.pk and report.state == ProgressReport.State.SUBMITTED
    assert not report.items.exclude(item__area__plan=draft).exists()
    assert not ProgressReport.objects.filter(period__plan=plan).exists()
    consolidated = gather.consolidated(report.period)
    assert report in consolidated.reported
    moved = Indicator.objects.get(pk=indicator.pk)
    assert moved.applies_to(Item.objects.get(pk=report.items.get(pk=row.pk).item_id))
    assert consolidated.totals[(report.items.get(pk=row.pk).item_id, moved.pk)] == 7
