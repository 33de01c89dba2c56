"""Report documents: the consolidated report and a body's report as PDF, the figures as XLSX, and the
bulk update that reads that same XLSX back. Rendering and importing are services (see style.md §3)."""

from __future__ import annotations

import datetime
import io
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation
from simple_history.utils import bulk_update_with_history

from camgiang_portal import documents, resilience
from plans.models import ReportingPeriod

from . import selectors
from .models import ExportJob, FigureValue, ItemProgress, ItemStatus, ProgressReport

FIGURES_SHEET = "Số liệu"
TOTALS_SHEET = "Tổng cộng"
INFO_SHEET = "Thông tin"
FIXED_COLUMNS = ["Mã đơn vị", "Tên đơn vị", "Mã nhiệm vụ", "Nhiệm vụ", "Tình trạng báo cáo", "Tình hình thực hiện"]
STATUS_COLUMN = FIXED_COLUMNS.index("Tình hình thực hiện")  # read back by the import, by label or code
CODE_IN_HEADER = re.compile(r"\[([a-z0-9-]+)\]\s*$")


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


def consolidated_xlsx(period: ReportingPeriod) -> bytes:
    """One row per body × assigned item with its status and figures (every expected body, non-reporting ones
    marked), a totals sheet, and the period's identity so the file can be read back (figures_import_read)."""
    data = selectors.consolidated(period)
    included = {r.pk for r in data.reported}
    items = [summary.item for _area, summaries in data.areas for summary in summaries]
    book = Workbook()
    sheet = book.active
    sheet.title = FIGURES_SHEET
    sheet.append([*FIXED_COLUMNS, *(f"{i.name} [{i.code}]" for i in data.indicators)])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
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
            sheet.append(
                [
                    report.body.code,
                    report.body.name,
                    item.code,
                    item.text[:200],
                    report.get_state_display() if reported else _("Chưa báo cáo"),
                    progress.get_status_display() if reported and progress.status else "",
                    *figures,
                ]
            )
    sheet.freeze_panes = "C2"
    if sheet.max_row > 1:
        # The status column is read back by the import (figures_import_read): a drop-down of the exact labels
        # keeps a body's or the coordinator's typing from becoming a row error.
        letter = sheet.cell(row=1, column=STATUS_COLUMN + 1).column_letter
        choices = ",".join(str(label) for _value, label in ItemStatus.choices)
        validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
        validation.error = _("Hãy chọn một tình hình thực hiện trong danh sách.")
        validation.showErrorMessage = True
        validation.add(f"{letter}2:{letter}{sheet.max_row}")
        sheet.add_data_validation(validation)
    totals = book.create_sheet(TOTALS_SHEET)
    totals.append(["Mã nhiệm vụ", "Nhiệm vụ", *(f"{i.name} [{i.code}]" for i in data.indicators)])
    for cell in totals[1]:
        cell.font = Font(bold=True)
    for item in items:
        totals.append(
            [
                item.code,
                item.text[:200],
                *(data.totals.get((item.pk, i.pk), 0) if i.applies_to(item) else None for i in data.indicators),
            ]
        )
    totals.append([])
    totals.append([_("Số đơn vị phải báo cáo"), len(data.reports)])
    totals.append([_("Số đơn vị đã báo cáo"), len(included)])
    info = book.create_sheet(INFO_SHEET)
    info.append(["plan", period.plan_id])
    info.append(["year", period.plan.year])
    info.append(["period", period.code])
    info.append([_("Kỳ báo cáo"), period.label])
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
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number, message)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (body name, message): shown, not blocking

    @property
    def ok(self) -> bool:
        return not self.errors

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


def figures_import_read(*, period: ReportingPeriod, content: bytes, at=None) -> ImportResult:
    """Read the export's XLSX and list what would change, row by row and body by body; nothing is written here.

    A blank cell (figure or status) leaves the form's value as it is. `at`: the moment lateness is judged at
    for forms the import would record as submitted (now, by default).
    """
    from .services import IMPORT_SUBMITS, figures_errors

    result = ImportResult()
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a malformed file; all mean the same to the user
        result.errors.append((0, _("Không đọc được tệp: hãy dùng đúng tệp XLSX tải từ báo cáo tổng hợp.")))
        return result
    if FIGURES_SHEET not in book.sheetnames or INFO_SHEET not in book.sheetnames:
        result.errors.append((0, _("Tệp không đúng mẫu: thiếu trang “%(sheet)s”.") % {"sheet": FIGURES_SHEET}))
        return result
    info = {str(row[0]): row[1] for row in book[INFO_SHEET].iter_rows(values_only=True) if row and row[0]}
    if str(info.get("period")) != period.code or str(info.get("plan")) != str(period.plan_id):
        result.errors.append((0, _("Tệp thuộc kỳ báo cáo khác, không phải “%(period)s”.") % {"period": period.label}))
        return result
    rows = book[FIGURES_SHEET].iter_rows(values_only=True)
    header = next(rows, None) or ()
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
        return result
    plan_indicators = selectors.plan_indicators(period.plan)
    indicators = {i.code: i for i in plan_indicators}
    by_code_list: dict[str, list] = {}
    for i in plan_indicators:
        by_code_list.setdefault(i.code, []).append(i)
    columns = []
    for index, title in enumerate(header[len(FIXED_COLUMNS) :], start=len(FIXED_COLUMNS)):
        match = CODE_IN_HEADER.search(str(title or ""))
        if not match or match.group(1) not in indicators:
            result.errors.append((1, _("Cột “%(title)s” không phải chỉ tiêu của kế hoạch.") % {"title": title}))
            continue
        columns.append((index, match.group(1)))
    if result.errors:
        return result
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
    for row_no, row in enumerate(rows, start=2):
        if not row or all(v in (None, "") for v in row):
            continue
        body_code, item_code = str(row[0] or "").strip(), str(row[2] or "").strip()
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
        raw_status = row[STATUS_COLUMN] if STATUS_COLUMN < len(row) else None
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
