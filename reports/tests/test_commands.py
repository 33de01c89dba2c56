"""Operator commands and demo data of the reports app."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from consolidation import papers
from reports import demo
from reports.models import ProgressReport

pytestmark = pytest.mark.django_db


def test_consolidated_report_command_pdf_and_xlsx(plan, tmp_path):
    demo.demo_reports(plan=plan)
    pdf, xlsx = tmp_path / "bc.pdf", tmp_path / "bc.xlsx"
    out = io.StringIO()
    call_command("consolidated_report", "2026", "6thang", "--format", "pdf", "--out", str(pdf), stdout=out)
    assert pdf.read_bytes().startswith(b"%PDF")
    call_command("consolidated_report", "2026", "6thang", "--format", "xlsx", "--out", str(xlsx), stdout=out)
    book = load_workbook(xlsx)
    rows = list(book["Số liệu"].iter_rows(values_only=True))
    expected = ProgressReport.objects.filter(period__plan=plan, period__code="6thang").count()
    assert len({r[0] for r in rows[2:]}) == expected  # every expected body appears (codes row, headers row)
    assert any(r[4] == "Chưa báo cáo" for r in rows[2:])
    assert "Tổng cộng" in book.sheetnames


def test_consolidated_report_command_unknown_year(plan, tmp_path):
    with pytest.raises(CommandError):
        call_command("consolidated_report", "1999", "6thang", "--out", str(tmp_path / "x.pdf"))


def test_demo_reports_mix_and_drafts_kept(plan):
    import datetime

    as_of = datetime.date(2026, 6, 20)  # the 6-month forms were due on 05/06; the 9-month period is under way
    counts = demo.demo_reports(plan=plan, as_of=as_of)
    reports = ProgressReport.objects.filter(period__plan=plan, period__code="6thang")
    states = set(reports.values_list("state", flat=True))
    assert states == {"draft", "submitted", "returned", "accepted"}
    assert reports.filter(is_late=True).exists()
    assert counts.get("missing")
    for code in ("thon-001", "thon-002"):
        assert reports.get(body__code=code).state == "accepted"  # their earlier forms are reported
        current = ProgressReport.objects.get(period__plan=plan, period__code="9thang", body__code=code)
        assert current.state == "draft" and current.reopened  # the one they are on stays editable
    assert set(demo.demo_reports(plan=plan, as_of=as_of)) <= {"missing"}  # a second run leaves sent forms alone


def test_seed_demo_reports(demo, plan):
    out = io.StringIO()
    call_command("seed_demo", "--reports", stdout=out)
    assert "báo cáo mẫu" in out.getvalue()
    assert ProgressReport.objects.filter(state="accepted").exists()


def test_consolidated_pdf_is_a_decree_30_bao_cao(plan):
    from camgiang_portal.tests import pdfcheck

    demo.demo_reports(plan=plan)
    period = plan.periods.get(code="6thang")
    content = pdfcheck.flat(pdfcheck.text(papers.consolidated_pdf(period)))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in content and "BÁO CÁO" in content
    assert "Kết quả thực hiện dân chủ ở cơ sở 6 tháng năm 2026" in content
    # Who has not reported stays on the dashboard (issue 12): the paper says how many did, never who did not.
    assert "CÁC ĐƠN VỊ CHƯA BÁO CÁO" not in content and "đơn vị đã báo cáo" in content
    assert all(
        name == "Liberation Serif" or "Liberation" in name
        for name, _embedded in pdfcheck.fonts(papers.consolidated_pdf(period))
    )


def test_body_pdf_names_the_body(plan):
    from camgiang_portal.tests import pdfcheck
    from consolidation import body_paper

    report = ProgressReport.objects.get(period__plan=plan, period__code="6thang", body__code="thon-001")
    content = pdfcheck.flat(pdfcheck.text(body_paper.body_pdf(report)))
    assert "THÔN ĐÔNG GIAO" in content and "BÁO CÁO" in content


def test_demo_reports_at_scale_assigns_the_copies(plan):
    from plans import demo as plans_demo

    plans_demo.demo_bodies_and_users(password="camgiang2026", scale=2)
    demo.demo_reports(plan=plan, scale=2)
    period_reports = ProgressReport.objects.filter(period__plan=plan, period__code="6thang")
    assert period_reports.filter(body__code="thon-024").exists()  # a village of the second copy
    assert period_reports.exclude(state="draft").count() > 20


def test_reports_expected_generate_command(demo):
    from plans.models import Plan

    plan = demo.demo_plan()
    plan.status = Plan.Status.ISSUED
    plan.save()
    out = io.StringIO()
    call_command("reports_expected_generate", "--dry-run", stdout=out)
    assert "Sẽ tạo 48" in out.getvalue() and not ProgressReport.objects.exists()
    call_command("reports_expected_generate", stdout=out)
    assert ProgressReport.objects.count() == 48  # 16 bodies × 3 periods of the seed plan


def test_body_pdf_is_signed_by_the_body_not_by_the_reviewer(plan, user_named):
    import datetime
    from zoneinfo import ZoneInfo

    import time_machine

    from camgiang_portal.people import full_name
    from camgiang_portal.tests import pdfcheck
    from consolidation import body_paper
    from reports import workflow

    head, coordinator = user_named("truongthon1"), user_named("vanhoaxahoi")
    assert full_name(head) and full_name(coordinator)
    report = ProgressReport.objects.get(period__plan=plan, period__code="6thang", body__code="thon-001")
    report.items.update(status="ongoing")
    with time_machine.travel(datetime.datetime(2026, 5, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))):
        report = workflow.transition(report, "submit", head)
        report = workflow.transition(report, "accept", coordinator)
    assert report.updated_by == coordinator
    content = pdfcheck.flat(pdfcheck.text(body_paper.body_pdf(report)))
    assert full_name(head) in content
    assert full_name(coordinator) not in content
