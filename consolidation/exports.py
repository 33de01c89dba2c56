"""The consolidated report's figures as XLSX, in consolidation.layout (consolidation.imports reads it back).

Rendering is a service (see style.md §3); the Báo cáo's PDF is rendered by consolidation.papers.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation

from camgiang_portal.spreadsheet import xlsx_append
from plans.models import ReportingPeriod
from reports.models import ItemStatus

from . import gather
from .layout import (
    CODES_ROW,
    FIGURES_SHEET,
    FIRST_DATA_ROW,
    FIXED_CODES,
    FIXED_COLUMNS,
    HEADER_ROW,
    INFO_SHEET,
    STATUS_COLUMN,
    TOTALS_SHEET,
)


def _header_style(sheet, row: int) -> None:
    for cell in sheet[row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def consolidated_xlsx(period: ReportingPeriod) -> bytes:
    """One row per body × assigned item with its status and figures (every expected body, non-reporting ones
    marked), a totals sheet, and the period's identity so the file can be read back (figures_import_read)."""
    data = gather.consolidated(period)
    included = {r.pk for r in data.reported}
    items = [summary.item for _area, summaries in data.areas for summary in summaries]
    book = Workbook()
    _figures_sheet(book.active, data, items, included)
    _totals_sheet(book.create_sheet(TOTALS_SHEET), data, items, included)
    _info_sheet(book.create_sheet(INFO_SHEET), period)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _figures_sheet(sheet, data: gather.Consolidated, items: list, included: set[int]) -> None:
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
        _status_choices(sheet)


def _status_choices(sheet) -> None:
    # The status column is read back by the import (figures_import_read): a drop-down of the exact labels
    # keeps a body's or the coordinator's typing from becoming a row error.
    letter = sheet.cell(row=HEADER_ROW, column=STATUS_COLUMN + 1).column_letter
    choices = ",".join(str(label) for _value, label in ItemStatus.choices)
    validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
    validation.error = _("Hãy chọn một tình hình thực hiện trong danh sách.")
    validation.showErrorMessage = True
    validation.add(f"{letter}{FIRST_DATA_ROW}:{letter}{sheet.max_row}")
    sheet.add_data_validation(validation)


def _totals_sheet(totals, data: gather.Consolidated, items: list, included: set[int]) -> None:
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


def _info_sheet(info, period: ReportingPeriod) -> None:
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
