"""The Báo cáo's figures read back from its PDF: the appendix table with totals, percentages and "cùng kỳ", the
figures said in sentences, "15/16 đơn vị đã báo cáo" and no list of who has not reported; nothing cut."""

from __future__ import annotations

import os

import pytest

from camgiang_portal.tests import pdfcheck
from consolidation import drafting, figures, papers
from consolidation.sentences import number, percent_text
from reports import demo
from reports.tests.conftest import build_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(demo):
    return build_plan()


@pytest.fixture
def demo_year(plan):
    """The demo's 2025 plan reported and accepted, and this year's forms as the demo writes them."""
    demo.demo_last_year(plan=plan)
    demo.demo_reports(plan=plan)
    return plan


def test_the_paper_prints_the_figures_appendix(demo_year):
    period = demo_year.periods.get(code="6thang")
    result = figures.period_figures(period)
    pdf = papers.consolidated_pdf(period)
    if os.environ.get("FIGURES_PDF_OUT"):  # to look at it: pdftoppm -r 60 -png
        with open(os.environ["FIGURES_PDF_OUT"], "wb") as out:
            out.write(pdf)
    text = pdfcheck.flat(pdfcheck.text(pdf))
    assert f"{result.reported}/{result.expected} đơn vị đã báo cáo" in text and result.reported < result.expected
    assert "CHƯA BÁO CÁO" not in text  # who has not reported stays on the dashboard
    assert "PHỤ LỤC: SỐ LIỆU" in text and "Cột “Cùng kỳ” so với cùng kỳ năm 2025" in text
    assert "Kỳ trước" not in text  # the first period of the year: nothing to add to
    meetings = result.by_code["hoi-nghi"]
    assert meetings.same_period is not None and meetings.total > meetings.same_period.previous > 0
    row = (
        f"Số hội nghị, buổi tuyên truyền, quán triệt đã tổ chức cuộc {number(meetings.total)} "
        f"{number(meetings.same_period.previous)} {meetings.same_period.short()}"
    )
    assert row in text
    attending = result.by_code["ho-tham-du"]
    assert 0 < attending.percent < 100 and percent_text(attending.percent) in text
    assert f"với {number(result.by_code['nguoi-tham-du'].total)} lượt người tham dự" in text
    said = [s for found in drafting.material(period).sections for s in found.sentences]
    assert said and len(said) == len(set(said))  # each figure said once, in the section the outline places it
    assert all(pdfcheck.flat(s) in text for s in said)
    words = pdfcheck.words(pdf)
    assert max(w.x_max for w in words) <= pdfcheck.A4[0] - 15 * pdfcheck.MM + 1  # nothing past the right margin
    assert max(w.y_max for w in words) <= pdfcheck.A4[1] - 10 * pdfcheck.MM


def test_a_cumulative_period_says_what_it_compares_with(demo_year):
    period = demo_year.periods.get(code="9thang")
    pdf = papers.consolidated_pdf(period)
    if os.environ.get("FIGURES_PDF_OUT"):
        with open(os.environ["FIGURES_PDF_OUT"] + ".9thang.pdf", "wb") as out:
            out.write(pdf)
    text = pdfcheck.flat(pdfcheck.text(pdf))
    assert max(w.x_max for w in pdfcheck.words(pdf)) <= pdfcheck.A4[0] - 15 * pdfcheck.MM + 1
    assert (
        "Kỳ báo cáo này tính lũy kế từ đầu năm; cột “Kỳ trước” là số liệu 6 tháng năm 2026 "
        "của các đơn vị đã báo cáo kỳ này" in text
    )
    assert "Kỳ trước" in text and "Tăng thêm" in text
    rows = figures.period_figures(period).rows
    # Cumulative, compared body for body: what was added since is never below nothing.
    assert all(row.previous_period.current >= row.previous_period.previous for row in rows if row.previous_period)
