"""The coordinator's bulk update: the XLSX of reports.exports, filled in by bodies that report by spreadsheet,
read back with a preview, then applied in one transaction (figures, statuses, and the form recorded as sent)."""

from __future__ import annotations

import io
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from simple_history.utils import bulk_update_with_history

from camgiang_portal.safe_files import ArchiveRefused, archive_check
from camgiang_portal.spreadsheet import too_many_rows_message
from plans.models import ReportingPeriod

from . import selectors
from .exports import (
    CODE_IN_HEADER,
    FIGURES_SHEET,
    FIXED_CODES,
    FIXED_COLUMNS,
    INFO_KEY_COLUMN,
    INFO_SHEET,
    STATUS_COLUMN,
)
from .models import FigureValue, ItemProgress, ItemStatus, ProgressReport


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


def _status_label(value: str) -> str:
    return str(ItemStatus(value).label) if value else "—"


@dataclass
class FigureChange:
    row: int
    report_id: int
    progress_id: int
    indicator_id: int
    body: str
    item_code: str
    indicator: str
    old: int | None
    new: int


@dataclass
class StatusChange:
    row: int
    report_id: int
    progress_id: int
    body: str
    item_code: str
    old: str  # ItemStatus value, "" when none yet
    new: str

    @property
    def old_label(self) -> str:
        return _status_label(self.old)

    @property
    def new_label(self) -> str:
        return _status_label(self.new)


class ImportAction:
    SUBMIT = "submit"  # draft or returned: recorded as submitted on the body's behalf
    UPDATE_SUBMITTED = "update_submitted"
    UPDATE_ACCEPTED = "update_accepted"


@dataclass
class BodyOutcome:
    """What confirming the import does to one body's form; the preview lists these before anything is written."""

    report_id: int
    body: str
    state: str  # the form's state before the import
    state_label: str
    action: str
    late: bool = False
    figures: int = 0
    statuses: int = 0

    @property
    def message(self) -> str:
        if self.action == ImportAction.SUBMIT:
            if self.late:
                return _("Sẽ ghi nhận là đã nộp thay đơn vị (nộp muộn), chờ duyệt.")
            return _("Sẽ ghi nhận là đã nộp thay đơn vị, chờ duyệt.")
        if self.action == ImportAction.UPDATE_ACCEPTED:
            return _("Cập nhật số liệu báo cáo đã duyệt (ghi vào lịch sử của báo cáo).")
        return _("Cập nhật số liệu báo cáo đang chờ duyệt.")


@dataclass
class ImportResult:
    changes: list[FigureChange] = field(default_factory=list)
    status_changes: list[StatusChange] = field(default_factory=list)
    outcomes: list[BodyOutcome] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number, message): the first ones only
    error_count: int = 0  # every error found, shown beside the first IMPORT_ERRORS_SHOWN
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (body name, message): shown, not blocking

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def errors_hidden(self) -> int:
        return max(self.error_count - len(self.errors), 0)

    @property
    def has_effect(self) -> bool:
        return bool(self.outcomes)

    @property
    def submitted_count(self) -> int:
        return sum(o.action == ImportAction.SUBMIT for o in self.outcomes)


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


def _layout(rows, indicators: dict, result: ImportResult):
    """Which column holds what, and the sheet row the data starts on; consumes the header rows.

    Current files name each column by a code in the hidden row 1 (headers in words in row 2); files exported
    before it have the headers in row 1, the fixed columns in place and each indicator's code in brackets."""
    first = next(rows, None) or ()
    fixed = FIXED_CODES
    needed = (fixed[0], fixed[2], fixed[STATUS_COLUMN])  # body code, item code, status
    codes = [str(c or "").strip() for c in first]
    if fixed[0] in codes:
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
    header = first
    if len(header) <= STATUS_COLUMN or _status_key(header[STATUS_COLUMN] or "") != _status_key(
        FIXED_COLUMNS[STATUS_COLUMN]
    ):
        # Files exported before the status column was read back, or with columns moved: the positions
        # would no longer mean what this reader assumes.
        result.errors.append(
            (
                1,
                _("Tệp không đúng mẫu: cột “%(title)s” không ở vị trí của mẫu.")
                % {"title": FIXED_COLUMNS[STATUS_COLUMN]},
            )
        )
        return None
    columns = []
    for index, title in enumerate(header[len(FIXED_COLUMNS) :], start=len(FIXED_COLUMNS)):
        match = CODE_IN_HEADER.search(str(title or ""))
        if not match or match.group(1) not in indicators:
            result.errors.append((1, _("Cột “%(title)s” không phải chỉ tiêu của kế hoạch.") % {"title": title}))
            continue
        columns.append((index, match.group(1)))
    return 0, 2, STATUS_COLUMN, columns, 2


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
    from .services import IMPORT_SUBMITS, figures_errors

    result = ImportResult()
    try:
        archive_check(content, required="xl/workbook.xml")
    except ArchiveRefused as exc:
        result.errors.append((0, exc.message))
        return result
    try:
        # data_only=False: a formula cell is seen as a formula (and refused), not read as its cached value or blank.
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds on a malformed file; all mean the same to the user
        result.errors.append((0, _("Không đọc được tệp: hãy dùng đúng tệp XLSX tải từ báo cáo tổng hợp.")))
        return result
    if FIGURES_SHEET not in book.sheetnames or INFO_SHEET not in book.sheetnames:
        result.errors.append((0, _("Tệp không đúng mẫu: thiếu trang “%(sheet)s”.") % {"sheet": FIGURES_SHEET}))
        return result
    info = _info(book[INFO_SHEET])
    if str(info.get("period")) != period.code or str(info.get("plan")) != str(period.plan_id):
        result.errors.append((0, _("Tệp thuộc kỳ báo cáo khác, không phải “%(period)s”.") % {"period": period.label}))
        return result
    plan_indicators = selectors.plan_indicators(period.plan)
    indicators = {i.code: i for i in plan_indicators}
    by_code_list: dict[str, list] = {}
    for i in plan_indicators:
        by_code_list.setdefault(i.code, []).append(i)
    cell_rows = book[FIGURES_SHEET].iter_rows()
    # The header rows are read as values from the same stream; the data rows below keep their cells (formulas).
    layout = _layout(map(lambda cells: tuple(cell.value for cell in cells), cell_rows), indicators, result)
    if layout is None or result.errors:
        return result
    body_column, item_column, status_column, columns, first_row = layout
    statuses = _status_lookup()
    status_labels = ", ".join(str(label) for _value, label in ItemStatus.choices)
    reports = {r.body.code: r for r in ProgressReport.objects.filter(period=period).select_related("body", "period")}
    progresses = {
        (p.report_id, p.item.code): p
        for p in ItemProgress.objects.filter(report__period=period).select_related("item", "item__area")
    }
    current = {
        (f.progress_id, f.indicator_id): f.value for f in FigureValue.objects.filter(progress__report__period=period)
    }
    seen: dict[int, int] = {}  # progress id -> the row that gave it
    new_status: dict[int, str] = {}  # progress id -> the status the file gives it
    filled: set[int] = set()  # reports the file gives at least one figure or status
    max_rows = settings.IMPORT_MAX_ROWS
    for row_no, cells in enumerate(cell_rows, start=first_row):
        if row_no - first_row + 1 > max_rows:
            # Refused as a whole, and reading stops here: a legitimate period has far fewer rows.
            result.errors[:] = [(0, too_many_rows_message(max_rows))]
            return result
        row = tuple(cell.value for cell in cells)
        if not row or all(v in (None, "") for v in row):
            continue
        formulas = _formula_cells(cells, row_no)
        if formulas:
            result.errors.append(
                (row_no, _("Ô chứa công thức, hãy dán giá trị (ô %(cells)s).") % {"cells": ", ".join(formulas)})
            )
            continue
        body_code = str(_at(row, body_column) or "").strip()
        item_code = str(_at(row, item_column) or "").strip()
        report = reports.get(body_code)
        if report is None:
            result.errors.append((row_no, _("Mã đơn vị “%(code)s” không có trong kỳ báo cáo.") % {"code": body_code}))
            continue
        progress = progresses.get((report.pk, item_code))
        if progress is None:
            result.errors.append((row_no, _("Đơn vị không được giao nhiệm vụ “%(code)s”.") % {"code": item_code}))
            continue
        if progress.pk in seen:
            result.errors.append(
                (
                    row_no,
                    _("Nhiệm vụ “%(item)s” của đơn vị “%(body)s” đã có ở dòng %(row)s.")
                    % {"item": item_code, "body": body_code, "row": seen[progress.pk]},
                )
            )
            continue
        seen[progress.pk] = row_no
        values, row_changes, bad = {}, [], False
        raw_status = _at(row, status_column)
        status = None
        if raw_status not in (None, "") and str(raw_status).strip():
            status = statuses.get(_status_key(raw_status))
            if status is None:
                result.errors.append(
                    (
                        row_no,
                        _("Tình hình thực hiện “%(value)s” không hợp lệ; hãy chọn một trong: %(labels)s.")
                        % {"value": raw_status, "labels": status_labels},
                    )
                )
                bad = True
        for index, code in columns:
            raw = row[index] if index < len(row) else None
            if raw in (None, ""):
                continue
            indicator = next((i for i in by_code_list[code] if i.applies_to(progress.item)), None)
            if indicator is None:
                result.errors.append(
                    (
                        row_no,
                        _("Chỉ tiêu “%(code)s” không áp dụng cho nhiệm vụ %(item)s.")
                        % {"code": code, "item": item_code},
                    )
                )
                bad = True
                continue
            raw = _cell_int(raw)
            if not isinstance(raw, int) or isinstance(raw, bool):
                result.errors.append(
                    (row_no, _("“%(value)s” ở cột %(code)s không phải số nguyên.") % {"value": raw, "code": code})
                )
                bad = True
                continue
            values[indicator] = raw
            old = current.get((progress.pk, indicator.pk))
            if old != raw:
                row_changes.append(
                    FigureChange(
                        row_no,
                        report.pk,
                        progress.pk,
                        indicator.pk,
                        report.body.name,
                        item_code,
                        indicator.name,
                        old,
                        raw,
                    )
                )
        # Rules are checked on the figures as they would stand after the update.
        merged = {i: current.get((progress.pk, i.pk)) for i in plan_indicators if i.applies_to(progress.item)}
        merged.update(values)
        for indicator_id, message in figures_errors(merged).items():
            result.errors.append((row_no, f"{next(i.name for i in merged if i.pk == indicator_id)}: {message}"))
            bad = True
        if bad:
            continue
        result.changes.extend(row_changes)
        if status is not None:
            new_status[progress.pk] = status
            if status != progress.status:
                result.status_changes.append(
                    StatusChange(row_no, report.pk, progress.pk, report.body.name, item_code, progress.status, status)
                )
        if values or status is not None:
            filled.add(report.pk)
    at = at or timezone.now()
    changed_figures = Counter(c.report_id for c in result.changes)
    changed_statuses = Counter(c.report_id for c in result.status_changes)
    rows_of: dict[int, list[ItemProgress]] = {}
    for progress in progresses.values():
        rows_of.setdefault(progress.report_id, []).append(progress)
    for report in reports.values():
        figures, statuses_n = changed_figures[report.pk], changed_statuses[report.pk]
        if report.state in IMPORT_SUBMITS:
            if report.pk not in filled:
                continue
            action = ImportAction.SUBMIT
            # A normal submission needs every item's status; the body's Excel may give figures only. That
            # does not stop the import (services.report_import_record says why) but the preview says so.
            missing = [p.item.code for p in rows_of.get(report.pk, []) if not new_status.get(p.pk, p.status)]
            if missing:
                result.warnings.append(
                    (
                        report.body.name,
                        _(
                            "%(count)s nhiệm vụ chưa có tình hình thực hiện (%(items)s); hãy điền cột “%(column)s” "
                            "nếu đơn vị đã báo."
                        )
                        % {"count": len(missing), "items": ", ".join(missing), "column": FIXED_COLUMNS[STATUS_COLUMN]},
                    )
                )
        elif not (figures or statuses_n):
            continue
        elif report.state == ProgressReport.State.ACCEPTED:
            action = ImportAction.UPDATE_ACCEPTED
        else:
            action = ImportAction.UPDATE_SUBMITTED
        result.outcomes.append(
            BodyOutcome(
                report_id=report.pk,
                body=report.body.name,
                state=report.state,
                state_label=report.get_state_display(),
                action=action,
                late=action == ImportAction.SUBMIT and report.first_submitted_at is None and report.late_at(at),
                figures=figures,
                statuses=statuses_n,
            )
        )
    result.errors.sort(key=lambda error: error[0])
    return result


def _event_comment(outcome: BodyOutcome, result: ImportResult) -> str:
    """The trace a form keeps of the import: what it did and every value it changed, old → new."""
    if outcome.action == ImportAction.SUBMIT:
        lines = [_("Ghi nhận đã nộp thay đơn vị theo tệp XLSX.")]
    elif outcome.action == ImportAction.UPDATE_ACCEPTED:
        lines = [_("Cập nhật số liệu báo cáo đã duyệt theo tệp XLSX.")]
    else:
        lines = [_("Cập nhật số liệu báo cáo đang chờ duyệt theo tệp XLSX.")]
    for c in result.changes:
        if c.report_id == outcome.report_id:
            old = "—" if c.old is None else c.old
            lines.append(f"{c.item_code} – {c.indicator}: {old} → {c.new}")
    for c in result.status_changes:
        if c.report_id == outcome.report_id:
            lines.append(f"{c.item_code} – {FIXED_COLUMNS[STATUS_COLUMN]}: {c.old_label} → {c.new_label}")
    return "\n".join(lines)


@transaction.atomic
def figures_import_apply(*, period: ReportingPeriod, content: bytes, by, at=None) -> ImportResult:
    """Apply every change or none: any row error leaves the database as it was."""
    from . import permissions, services

    if not permissions.can_review(by):
        raise services.ReportNotEditable
    # Lock the period's forms before reading them: a body saving or submitting meanwhile waits for the import
    # (and then gets the conflict message), and what the preview's rules were checked against cannot move.
    list(ProgressReport.objects.select_for_update().filter(period=period).order_by("pk").values_list("pk", flat=True))
    at = at or timezone.now()
    result = figures_import_read(period=period, content=content, at=at)
    if not result.ok:
        return result
    for change in result.changes:
        FigureValue.objects.update_or_create(
            progress_id=change.progress_id, indicator_id=change.indicator_id, defaults={"value": change.new}
        )
    new_status = {c.progress_id: c.new for c in result.status_changes}
    rows = list(ItemProgress.objects.filter(pk__in=new_status))
    for progress in rows:
        progress.status = new_status[progress.pk]
    bulk_update_with_history(rows, ItemProgress, ["status"], default_user=by)
    reports = ProgressReport.objects.in_bulk([o.report_id for o in result.outcomes])
    for outcome in result.outcomes:
        services.report_import_record(
            report=reports[outcome.report_id], by=by, comment=_event_comment(outcome, result), at=at
        )
    services._changed()
    return result
