"""Reading the export's XLSX back: the file's identity and columns, then each data row checked against the
period's forms; nothing is written here. What the rows would do to each body's form is `outcomes`'."""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from camgiang_portal.safe_files import ArchiveRefused, archive_check
from camgiang_portal.spreadsheet import too_many_rows_message
from plans.models import ReportingPeriod
from reports import selectors
from reports.models import FigureValue, Indicator, ItemProgress, ItemStatus, ProgressReport
from reports.rows import figures_errors

from ..layout import (
    CODE_IN_HEADER,
    FIGURES_SHEET,
    FIXED_CODES,
    FIXED_COLUMNS,
    INFO_KEY_COLUMN,
    INFO_SHEET,
    STATUS_COLUMN,
)
from .outcomes import outcomes_add
from .results import FigureChange, ImportResult, StatusChange


def _status_key(text: object) -> str:
    # Vietnamese typed with a "Unicode tổ hợp" keyboard arrives decomposed, and people vary case and spacing.
    return " ".join(unicodedata.normalize("NFC", str(text)).casefold().split())


def _status_lookup() -> dict[str, str]:
    """Each status by its Vietnamese label (as the export writes it) and by its code."""
    lookup = {}
    for value, label in ItemStatus.choices:
        lookup[_status_key(value)] = value
        lookup[_status_key(label)] = value
    return lookup


def _cell_int(raw: object) -> object:
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str) and raw.strip().isdigit():
        return int(raw.strip())
    return raw


def _formula_cells(cells, row_no: int) -> list[str]:
    """Where a row holds formulas: their result is not in the file for us to trust (nor always computed)."""
    return [
        f"{get_column_letter(index)}{row_no}"
        for index, cell in enumerate(cells, start=1)
        if getattr(cell, "data_type", None) == "f"
    ]


def _at(row: tuple, index: int) -> object:
    return row[index] if index < len(row) else None


def _info(sheet) -> dict[str, object]:
    """The file's identity: keys and values from the hidden columns C, D (or, in files exported before them,
    the keys "plan", "period" in column A)."""
    info: dict[str, object] = {}
    for row in sheet.iter_rows(values_only=True):
        if _at(row, INFO_KEY_COLUMN):
            info[str(row[INFO_KEY_COLUMN])] = _at(row, INFO_KEY_COLUMN + 1)
        elif row and row[0] and str(row[0]) not in info:
            info[str(row[0])] = _at(row, 1)
    return info


def _coded_layout(codes: list[str], rows, indicators: dict, result: ImportResult):
    """Current files: each column named by a code in the hidden row 1, the headers in words in row 2."""
    fixed = FIXED_CODES
    needed = (fixed[0], fixed[2], fixed[STATUS_COLUMN])  # body code, item code, status
    titles = next(rows, None) or ()
    missing = [FIXED_COLUMNS[fixed.index(c)] for c in needed if c not in codes]
    if missing:
        result.errors.append((1, _("Tệp không đúng mẫu: thiếu cột “%(title)s”.") % {"title": ", ".join(missing)}))
        return None
    columns = []
    for index, code in enumerate(codes):
        if not code or code in fixed:
            continue
        if code not in indicators:
            title = _at(titles, index) or code
            result.errors.append((2, _("Cột “%(title)s” không phải chỉ tiêu của kế hoạch.") % {"title": title}))
            continue
        columns.append((index, code))
    return (*(codes.index(c) for c in needed), columns, 3)


def _layout(rows, indicators: dict, result: ImportResult):
    """Which column holds what, and the sheet row the data starts on; consumes the header rows.

    Files exported before the coded row have the headers in row 1, the fixed columns in place and each
    indicator's code in brackets."""
    header = next(rows, None) or ()
    codes = [str(c or "").strip() for c in header]
    if FIXED_CODES[0] in codes:
        return _coded_layout(codes, rows, indicators, result)
    if len(header) <= STATUS_COLUMN or _status_key(header[STATUS_COLUMN] or "") != _status_key(
        FIXED_COLUMNS[STATUS_COLUMN]
    ):
        # Files exported before the status column was read back, or with columns moved: the positions
        # would no longer mean what this reader assumes.
        title = FIXED_COLUMNS[STATUS_COLUMN]
        result.errors.append((1, _("Tệp không đúng mẫu: cột “%(title)s” không ở vị trí của mẫu.") % {"title": title}))
        return None
    columns = []
    for index, title in enumerate(header[len(FIXED_COLUMNS) :], start=len(FIXED_COLUMNS)):
        match = CODE_IN_HEADER.search(str(title or ""))
        if not match or match.group(1) not in indicators:
            result.errors.append((1, _("Cột “%(title)s” không phải chỉ tiêu của kế hoạch.") % {"title": title}))
            continue
        columns.append((index, match.group(1)))
    return 0, 2, STATUS_COLUMN, columns, 2


def _open(period: ReportingPeriod, content: bytes, result: ImportResult):
    """The workbook, once it is a safe archive, an XLSX of the export's shape and of this period; else None."""
    try:
        archive_check(content, required="xl/workbook.xml")
    except ArchiveRefused as exc:
        result.errors.append((0, exc.message))
        return None
    try:
        # data_only=False: a formula cell is seen as a formula (and refused), not read as its cached value or blank.
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds on a malformed file; all mean the same to the user
        result.errors.append((0, _("Không đọc được tệp: hãy dùng đúng tệp XLSX tải từ báo cáo tổng hợp.")))
        return None
    if FIGURES_SHEET not in book.sheetnames or INFO_SHEET not in book.sheetnames:
        result.errors.append((0, _("Tệp không đúng mẫu: thiếu trang “%(sheet)s”.") % {"sheet": FIGURES_SHEET}))
        return None
    info = _info(book[INFO_SHEET])
    if str(info.get("period")) != period.code or str(info.get("plan")) != str(period.plan_id):
        result.errors.append((0, _("Tệp thuộc kỳ báo cáo khác, không phải “%(period)s”.") % {"period": period.label}))
        return None
    return book


@dataclass
class _Reader:
    """The period's forms as the rows are checked against them, and what the rows found so far."""

    period: ReportingPeriod
    result: ImportResult
    plan_indicators: list[Indicator]
    body_column: int = 0
    item_column: int = 0
    status_column: int = 0
    columns: list[tuple[int, str]] = field(default_factory=list)
    statuses: dict[str, str] = field(default_factory=_status_lookup)
    seen: dict[int, int] = field(default_factory=dict)  # progress id -> the row that gave it
    new_status: dict[int, str] = field(default_factory=dict)  # progress id -> the status the file gives it
    filled: set[int] = field(default_factory=set)  # reports the file gives at least one figure or status

    def __post_init__(self) -> None:
        self.by_code: dict[str, list[Indicator]] = {}
        for indicator in self.plan_indicators:
            self.by_code.setdefault(indicator.code, []).append(indicator)
        period = self.period
        self.reports = {
            r.body.code: r for r in ProgressReport.objects.filter(period=period).select_related("body", "period")
        }
        self.progresses = {
            (p.report_id, p.item.code): p
            for p in ItemProgress.objects.filter(report__period=period).select_related("item", "item__area")
        }
        self.current = {
            (f.progress_id, f.indicator_id): f.value
            for f in FigureValue.objects.filter(progress__report__period=period)
        }

    def error(self, row_no: int, message: str) -> None:
        self.result.errors.append((row_no, message))

    def row(self, row_no: int, cells) -> None:
        row = tuple(cell.value for cell in cells)
        if not row or all(v in (None, "") for v in row):
            return
        formulas = _formula_cells(cells, row_no)
        if formulas:
            self.error(row_no, _("Ô chứa công thức, hãy dán giá trị (ô %(cells)s).") % {"cells": ", ".join(formulas)})
            return
        target = self._target(row_no, row)
        if target is None:
            return
        report, progress, item_code = target
        status, bad = self._status(row_no, row)
        values, row_changes, bad_figures = self._figures(row_no, row, report, progress, item_code)
        if bad or bad_figures:
            return
        self.result.changes.extend(row_changes)
        if status is not None:
            self.new_status[progress.pk] = status
            if status != progress.status:
                self.result.status_changes.append(
                    StatusChange(row_no, report.pk, progress.pk, report.body.name, item_code, progress.status, status)
                )
        if values or status is not None:
            self.filled.add(report.pk)

    def _target(self, row_no: int, row: tuple):
        """The form and the item the row is about, once each exists and the row is the first to give it."""
        body_code = str(_at(row, self.body_column) or "").strip()
        item_code = str(_at(row, self.item_column) or "").strip()
        report = self.reports.get(body_code)
        if report is None:
            self.error(row_no, _("Mã đơn vị “%(code)s” không có trong kỳ báo cáo.") % {"code": body_code})
            return None
        progress = self.progresses.get((report.pk, item_code))
        if progress is None:
            self.error(row_no, _("Đơn vị không được giao nhiệm vụ “%(code)s”.") % {"code": item_code})
            return None
        if progress.pk in self.seen:
            self.error(
                row_no,
                _("Nhiệm vụ “%(item)s” của đơn vị “%(body)s” đã có ở dòng %(row)s.")
                % {"item": item_code, "body": body_code, "row": self.seen[progress.pk]},
            )
            return None
        self.seen[progress.pk] = row_no
        return report, progress, item_code

    def _status(self, row_no: int, row: tuple) -> tuple[str | None, bool]:
        """The status the row gives (None for a blank cell), and whether the cell was wrong."""
        raw = _at(row, self.status_column)
        if raw in (None, "") or not str(raw).strip():
            return None, False
        status = self.statuses.get(_status_key(raw))
        if status is None:
            labels = ", ".join(str(label) for _value, label in ItemStatus.choices)
            self.error(
                row_no,
                _("Tình hình thực hiện “%(value)s” không hợp lệ; hãy chọn một trong: %(labels)s.")
                % {"value": raw, "labels": labels},
            )
            return None, True
        return status, False

    def _figures(self, row_no: int, row: tuple, report, progress, item_code: str):
        """The figures the row gives, the changes they make, and whether any cell was wrong; the rules are
        checked on the figures as they would stand after the update."""
        values, changes, bad = {}, [], False
        for index, code in self.columns:
            raw = row[index] if index < len(row) else None
            if raw in (None, ""):
                continue
            indicator = next((i for i in self.by_code[code] if i.applies_to(progress.item)), None)
            if indicator is None:
                message = _("Chỉ tiêu “%(code)s” không áp dụng cho nhiệm vụ %(item)s.")
                self.error(row_no, message % {"code": code, "item": item_code})
                bad = True
                continue
            raw = _cell_int(raw)
            if not isinstance(raw, int) or isinstance(raw, bool):
                self.error(row_no, _("“%(value)s” ở cột %(code)s không phải số nguyên.") % {"value": raw, "code": code})
                bad = True
                continue
            values[indicator] = raw
            old = self.current.get((progress.pk, indicator.pk))
            if old != raw:
                change = (report.body.name, item_code, indicator.name, old, raw)
                changes.append(FigureChange(row_no, report.pk, progress.pk, indicator.pk, *change))
        merged = {i: self.current.get((progress.pk, i.pk)) for i in self.plan_indicators if i.applies_to(progress.item)}
        merged.update(values)
        for indicator_id, message in figures_errors(merged).items():
            self.error(row_no, f"{next(i.name for i in merged if i.pk == indicator_id)}: {message}")
            bad = True
        return values, changes, bad


def figures_import_read(*, period: ReportingPeriod, content: bytes, at=None) -> ImportResult:
    """Read the export's XLSX and list what would change, row by row and body by body; nothing is written here.

    A blank cell (figure or status) leaves the form's value as it is. `at`: the moment lateness is judged at
    for forms the import would record as submitted (now, by default). The work is bounded: the archive is
    checked before openpyxl opens it, rows are streamed and a file with more than IMPORT_MAX_ROWS data rows
    is refused at the first row over; only the first IMPORT_ERRORS_SHOWN errors are kept (with the total).
    """
    result = _read(period=period, content=content, at=at)
    result.error_count = len(result.errors)
    del result.errors[settings.IMPORT_ERRORS_SHOWN :]
    return result


def _read(*, period: ReportingPeriod, content: bytes, at=None) -> ImportResult:
    result = ImportResult()
    book = _open(period, content, result)
    if book is None:
        return result
    plan_indicators = selectors.plan_indicators(period.plan)
    indicators = {i.code: i for i in plan_indicators}
    cell_rows = book[FIGURES_SHEET].iter_rows()
    # The header rows are read as values from the same stream; the data rows below keep their cells (formulas).
    layout = _layout(map(lambda cells: tuple(cell.value for cell in cells), cell_rows), indicators, result)
    if layout is None or result.errors:
        return result
    reader = _Reader(period, result, plan_indicators)
    reader.body_column, reader.item_column, reader.status_column, reader.columns, first_row = layout
    max_rows = settings.IMPORT_MAX_ROWS
    for row_no, cells in enumerate(cell_rows, start=first_row):
        if row_no - first_row + 1 > max_rows:
            # Refused as a whole, and reading stops here: a legitimate period has far fewer rows.
            result.errors[:] = [(0, too_many_rows_message(max_rows))]
            return result
        reader.row(row_no, cells)
    outcomes_add(result, reader.reports, reader.progresses, reader.new_status, reader.filled, at or timezone.now())
    result.errors.sort(key=lambda error: error[0])
    return result
