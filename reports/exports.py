"""Report documents: the consolidated report and a body's report as PDF, the figures as XLSX (read back by
reports.imports). Rendering is a service (see style.md §3)."""

from __future__ import annotations

import datetime
import io
import re

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation

from camgiang_portal import documents, resilience
from camgiang_portal.spreadsheet import xlsx_append
from plans.models import ReportingPeriod

from . import selectors
from .models import ExportJob, ItemStatus, ProgressReport

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


def _organisation(period: ReportingPeriod) -> str:
    plan = period.plan
    return plan.organisation or f"ỦY BAN NHÂN DÂN {plan.unit_kind} {plan.commune}"


def period_phrase(period: ReportingPeriod) -> str:
    """ "Báo cáo 6 tháng" → "6 tháng": how the period reads inside a sentence."""
    label = period.label
    for prefix in ("Báo cáo ", "báo cáo "):
        if label.startswith(prefix):
            label = label[len(prefix) :]
    return label[:1].lower() + label[1:]


CONSOLIDATED_SYMBOL = "BC-UBND"


def consolidated_paper(
    period: ReportingPeriod, *, number_symbol: str = "", date: datetime.date | None = None
) -> documents.OfficialPaper:
    """The People's Committee's Báo cáo of the period, signed as the plan is signed.

    The number stays blank until the paper is issued (`number_symbol` and `date` then come from the issuing)."""
    plan = period.plan
    return documents.OfficialPaper(
        agency_parent=plan.organisation_parent,
        agency_lines=documents.agency_lines(_organisation(period)),
        number_symbol=number_symbol or documents.number_symbol(None, CONSOLIDATED_SYMBOL),
        date_line=documents.date_line_for(plan.place, date or timezone.localdate()),
        doc_type=_("BÁO CÁO"),
        summary=_("Kết quả thực hiện dân chủ ở cơ sở %(period)s năm %(year)s")
        % {"period": period_phrase(period), "year": plan.year},
        recipients=(_("Thường trực Đảng ủy, HĐND xã;"), _("Ủy ban MTTQ Việt Nam xã;"), _("Lưu: VT, VHXH.")),
        sign_lines=tuple(line for line in (plan.sign_authority, plan.sign_delegation, plan.sign_position) if line),
        signer_name=plan.signer_name,
        title=f"{period.label} {plan.year}",
    )


def report_paper(report: ProgressReport) -> documents.OfficialPaper:
    """A body's own Báo cáo, under the commune's name, to the People's Committee through VH-XH."""
    period = report.period
    head = _("TRƯỞNG THÔN") if report.body.kind == "village" else _("THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ")
    signer = selectors.report_signer_name(report)
    return documents.OfficialPaper(
        agency_parent=_organisation(period),
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


CONSOLIDATED_TEMPLATE = "reports/pdf/consolidated.html"


def _consolidated_context(period: ReportingPeriod, paper: documents.OfficialPaper) -> dict:
    return {
        "paper": paper,
        "plan": period.plan,
        "period": period,
        "phrase": period_phrase(period),
        "data": selectors.consolidated(period),
        "portal_figures": selectors.portal_figures(period),
    }


def consolidated_pdf(period: ReportingPeriod) -> bytes:
    return documents.render_pdf(CONSOLIDATED_TEMPLATE, _consolidated_context(period, consolidated_paper(period)))


def consolidated_issued_pdf(
    period: ReportingPeriod, number_symbol: str, date: datetime.date
) -> tuple[bytes, documents.SignatureBox | None]:
    """The paper being issued, with its number and date, and where its signature stamp goes."""
    paper = consolidated_paper(period, number_symbol=number_symbol, date=date)
    return documents.render_pdf_and_signature_box(CONSOLIDATED_TEMPLATE, _consolidated_context(period, paper))


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


def _header_style(sheet, row: int) -> None:
    for cell in sheet[row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def consolidated_xlsx(period: ReportingPeriod) -> bytes:
    """One row per body × assigned item with its status and figures (every expected body, non-reporting ones
    marked), a totals sheet, and the period's identity so the file can be read back (figures_import_read)."""
    data = selectors.consolidated(period)
    included = {r.pk for r in data.reported}
    items = [summary.item for _area, summaries in data.areas for summary in summaries]
    book = Workbook()
    sheet = book.active
    sheet.title = FIGURES_SHEET
    # Every row through xlsx_append: body names, item texts and indicator names are people's text, kept as text.
    xlsx_append(sheet, [*FIXED_CODES, *(i.code for i in data.indicators)])
    sheet.row_dimensions[CODES_ROW].hidden = True
    xlsx_append(sheet, [*FIXED_COLUMNS, *(i.name for i in data.indicators)])
    _header_style(sheet, HEADER_ROW)
    sheet.column_dimensions["A"].hidden = True
    for column, width in enumerate((28, 7, 60, 18, 20, *(18 for _i in data.indicators)), start=2):
        sheet.column_dimensions[sheet.cell(row=HEADER_ROW, column=column).column_letter].width = width
    for report in data.reports:
        rows = data.progress_by_report.get(report.pk, {})
        reported = report.pk in included
        for item in items:
            progress = rows.get(item.pk)
            if progress is None:
                continue
            values = data.figures_by_progress.get(progress.pk, {})
            figures = [
                (values.get(i.pk) if reported else None) if i.applies_to(item) else None for i in data.indicators
            ]
            xlsx_append(
                sheet,
                [
                    report.body.code,
                    report.body.name,
                    item.code,
                    item.text,
                    report.get_state_display() if reported else _("Chưa báo cáo"),
                    progress.get_status_display() if reported and progress.status else "",
                    *figures,
                ],
            )
    sheet.freeze_panes = sheet.cell(row=FIRST_DATA_ROW, column=3)
    if sheet.max_row >= FIRST_DATA_ROW:
        # The status column is read back by the import (figures_import_read): a drop-down of the exact labels
        # keeps a body's or the coordinator's typing from becoming a row error.
        letter = sheet.cell(row=HEADER_ROW, column=STATUS_COLUMN + 1).column_letter
        choices = ",".join(str(label) for _value, label in ItemStatus.choices)
        validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
        validation.error = _("Hãy chọn một tình hình thực hiện trong danh sách.")
        validation.showErrorMessage = True
        validation.add(f"{letter}{FIRST_DATA_ROW}:{letter}{sheet.max_row}")
        sheet.add_data_validation(validation)
    totals = book.create_sheet(TOTALS_SHEET)
    xlsx_append(totals, [_("Mục"), _("Nhiệm vụ"), *(i.name for i in data.indicators)])
    _header_style(totals, 1)
    totals.column_dimensions["A"].width, totals.column_dimensions["B"].width = 7, 60
    for item in items:
        xlsx_append(
            totals,
            [
                item.code,
                item.text,
                *(data.totals.get((item.pk, i.pk), 0) if i.applies_to(item) else None for i in data.indicators),
            ],
        )
    totals.append([])
    xlsx_append(totals, [_("Số đơn vị phải báo cáo"), len(data.reports)])
    xlsx_append(totals, [_("Số đơn vị đã báo cáo"), len(included)])
    info = book.create_sheet(INFO_SHEET)
    plan = period.plan
    for label, shown, key, value in (
        (_("Kế hoạch"), str(plan), "plan", plan.pk),
        (_("Năm"), plan.year, "year", plan.year),
        (_("Kỳ báo cáo"), period.label, "period", period.code),
    ):
        xlsx_append(info, [label, shown, key, value])
    info.append([])
    xlsx_append(
        info,
        [
            _("Hướng dẫn"),
            _(
                "Điền số liệu và chọn tình hình thực hiện ở trang “%(sheet)s”, rồi tải tệp lên trang Nhập số liệu "
                "từ tệp XLSX của kỳ báo cáo. Ô để trống giữ nguyên giá trị đã có. Không sửa các hàng, cột ẩn."
            )
            % {"sheet": FIGURES_SHEET},
        ],
    )
    for cell in info["A"]:
        cell.font = Font(bold=True)
    info.column_dimensions["A"].width, info.column_dimensions["B"].width = 14, 80
    info.column_dimensions["C"].hidden = info.column_dimensions["D"].hidden = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- export jobs -----------------------------------------------------------------------------------


@transaction.atomic
def export_request(*, period: ReportingPeriod, fmt: str, by) -> ExportJob:
    """Queue the build after commit; in the embedded default (eager Celery) it is ready at once."""
    from . import tasks

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
        content = consolidated_pdf(job.period) if job.format == ExportJob.Format.PDF else consolidated_xlsx(job.period)
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


# --- bulk update from the exported XLSX ---------------------------------------------------------------
