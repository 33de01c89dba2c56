"""A body's own report as PDF, the phrases every report paper shares, and the layout of the figures XLSX
(written by consolidation.exports, read back by the import). Rendering is a service (see style.md §3)."""

from __future__ import annotations

import re

from django.utils import timezone
from django.utils.translation import gettext as _

from camgiang_portal import documents
from plans.models import ReportingPeriod

from . import selectors
from .models import ProgressReport

FIGURES_SHEET = "Số liệu"
TOTALS_SHEET = "Tổng cộng"
INFO_SHEET = "Thông tin"
# The figures sheet as officials read it: headers in words. What the import needs to read it back sits where
# nobody looks: row 1 (hidden) names each column by a code, column A (hidden) holds each row's body code.
FIXED_COLUMNS = ["Mã đơn vị", "Cơ quan, đơn vị", "Mục", "Nhiệm vụ", "Tình trạng báo cáo", "Tình hình thực hiện"]
FIXED_CODES = ["#body", "#body-name", "#item", "#item-text", "#report-state", "#status"]  # never an indicator code
STATUS_COLUMN = FIXED_COLUMNS.index("Tình hình thực hiện")  # read back by the import, by label or code
CODES_ROW, HEADER_ROW, FIRST_DATA_ROW = 1, 2, 3
# Files exported before the codes row carried each indicator's code at the end of its header.
CODE_IN_HEADER = re.compile(r"\[([a-z0-9-]+)\]\s*$")
# The "Thông tin" sheet: label and value in words (A, B), the key and value the import reads (C, D, hidden).
INFO_KEY_COLUMN = 2


def organisation(period: ReportingPeriod) -> str:
    plan = period.plan
    return plan.organisation or f"ỦY BAN NHÂN DÂN {plan.unit_kind} {plan.commune}"


def period_phrase(period: ReportingPeriod) -> str:
    """ "Báo cáo 6 tháng" → "6 tháng": how the period reads inside a sentence."""
    label = period.label
    for prefix in ("Báo cáo ", "báo cáo "):
        if label.startswith(prefix):
            label = label[len(prefix) :]
    return label[:1].lower() + label[1:]


def report_paper(report: ProgressReport) -> documents.OfficialPaper:
    """A body's own Báo cáo, under the commune's name, to the People's Committee through VH-XH."""
    period = report.period
    head = _("TRƯỞNG THÔN") if report.body.kind == "village" else _("THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ")
    signer = selectors.report_signer_name(report)
    return documents.OfficialPaper(
        agency_parent=organisation(period),
        agency_lines=documents.agency_lines(report.body.name),
        number_symbol=documents.number_symbol(None, "BC"),
        date_line=documents.date_line_for(
            period.plan.place, timezone.localdate(report.submitted_at) if report.submitted_at else None
        ),
        doc_type=_("BÁO CÁO"),
        summary=_("Kết quả thực hiện dân chủ ở cơ sở %(period)s năm %(year)s")
        % {"period": period_phrase(period), "year": period.plan.year},
        recipients=(_("UBND xã (qua Phòng Văn hóa – Xã hội);"), _("Lưu.")),
        sign_lines=(head,),
        signer_name=signer,
        title=f"{period.label} – {report.body.name}",
    )


def report_pdf(report: ProgressReport) -> bytes:
    rows = selectors.report_items(report)
    context = {
        "paper": report_paper(report),
        "plan": report.period.plan,
        "period": report.period,
        "report": report,
        "rows": rows,
    }
    return documents.render_pdf("reports/pdf/report.html", context)
