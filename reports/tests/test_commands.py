"""Operator commands and demo data of the reports app."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

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
    assert len({r[0] for r in rows[1:]}) == expected  # every expected body appears
    assert any(r[4] == "Chưa báo cáo" for r in rows[1:])
    assert "Tổng cộng" in book.sheetnames


def test_consolidated_report_command_unknown_year(plan, tmp_path):
    with pytest.raises(CommandError):
        call_command("consolidated_report", "1999", "6thang", "--out", str(tmp_path / "x.pdf"))


def test_demo_reports_mix_and_drafts_kept(plan):
    counts = demo.demo_reports(plan=plan)
    reports = ProgressReport.objects.filter(period__plan=plan, period__code="6thang")
    states = set(reports.values_list("state", flat=True))
    assert states == {"draft", "submitted", "returned", "accepted"}
    assert reports.filter(is_late=True).exists()
    assert counts.get("missing")
    for code in ("thon-001", "thon-002"):
        assert reports.get(body__code=code).state == "draft"
    assert set(demo.demo_reports(plan=plan)) <= {"missing"}  # a second run leaves sent forms alone


def test_seed_demo_reports(demo, plan):
    out = io.StringIO()
    call_command("seed_demo", "--reports", stdout=out)
    assert "báo cáo mẫu" in out.getvalue()
    assert ProgressReport.objects.filter(state="accepted").exists()
