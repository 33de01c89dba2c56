"""The audit trail page: who changed what, when, from what to what."""

import re

import pytest
from django.urls import reverse

from camgiang_portal.actors import SYSTEM
from plans.models import Assignment
from reports.models import ProgressReport


@pytest.fixture
def plan(demo):
    return demo.demo_plan()


@pytest.mark.parametrize("username", ["vanhoaxahoi", "lanhdao", "admin"])
def test_coordinator_leadership_and_admin_read_the_history(client_for, plan, username):
    assert client_for(username).get(reverse("plans:history")).status_code == 200


@pytest.mark.parametrize("username", ["phongkinhte", "mttq", "truongthon1"])
def test_others_may_not(client_for, plan, username):
    assert client_for(username).get(reverse("plans:history")).status_code == 403


def test_a_change_shows_who_and_from_what_to_what(client_for, plan, user_named):
    client = client_for("vanhoaxahoi")
    assignment = Assignment.objects.filter(item__area__plan=plan).first()
    data = {f"a-{a.item_id}-{a.body_id}": a.role for a in Assignment.objects.filter(item__area__plan=plan)}
    data[f"a-{assignment.item_id}-{assignment.body_id}"] = "lead"
    client.post(reverse("plans:matrix", args=[plan.pk]), data)
    html = client.get(reverse("plans:history"), {"model": "plans.assignment"}).content.decode()
    assert "vanhoaxahoi" in html
    assert "Thực hiện → Chủ trì" in html


def test_unknown_filter_is_ignored(client_for, plan):
    assert client_for("vanhoaxahoi").get(reverse("plans:history"), {"model": "<script>"}).status_code == 200


def test_history_reads_as_an_official_reads(client_for, plan, user_named):
    """Field labels, "Có"/"Không", choices by label, related records by name, local time day first."""
    import datetime

    from reports import workflow
    from reports.services import report_expected_generate

    report_expected_generate(plan=plan, by=SYSTEM)
    report = ProgressReport.objects.select_related("body").filter(period__plan=plan).first()
    report.save()  # the forms are made in bulk, without history: this is the record the change is shown against
    # Sent late, replayed through the workflow table (a form's state changes nowhere else).
    at = datetime.datetime(2026, 12, 1, 20, 2, 2, 11758, tzinfo=datetime.UTC)
    workflow.transition(report, "submit", user_named("truongthon1"), at=at, replay=True)
    html = client_for("vanhoaxahoi").get(reverse("plans:history"), {"model": "reports.progressreport"}).content.decode()
    assert "<strong>nộp muộn</strong>: Không → Có" in html
    assert "<strong>trạng thái</strong>: Đang soạn → Đã nộp, chờ duyệt" in html
    assert "<strong>nộp lần đầu</strong>: <em>(trống)</em> → 02/12/2026 03:02" in html
    assert "<strong>người cập nhật</strong>: <em>(trống)</em> → truongthon1" in html
    assert "False" not in html and "True" not in html and "+00:00" not in html
    assert re.search(r"<td class=\"text-nowrap\">\d{2}/\d{2}/\d{4} \d{2}:\d{2}</td>", html)


def test_a_deleted_account_leaves_the_history_readable(client_for, plan, user_named, django_user_model):
    from reports.services import report_expected_generate

    report_expected_generate(plan=plan, by=SYSTEM)
    report = ProgressReport.objects.filter(period__plan=plan).first()
    report.updated_by = django_user_model.objects.create_user("tam-thoi")
    report.save()
    report.updated_by = user_named("truongthon1")
    report.save()
    django_user_model.objects.filter(username="tam-thoi").delete()
    response = client_for("vanhoaxahoi").get(reverse("plans:history"), {"model": "reports.progressreport"})
    assert response.status_code == 200
    assert "<strong>người cập nhật</strong>: tài khoản đã xóa → truongthon1" in response.content.decode()


def test_every_tracked_field_has_a_vietnamese_label():
    """No "published at" or "closed at" on the history page: every field the history keeps is named."""
    from plans.audit import tracked_models

    unnamed = [
        f"{label}.{field.name}"
        for label, model in tracked_models().items()
        for field in model.history.model._meta.fields
        if not field.name.startswith("history_")
        and field.name != "id"
        and str(field.verbose_name) == field.name.replace("_", " ")
    ]
    assert unnamed == []
