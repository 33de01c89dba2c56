"""Report documents: the consolidated report and a body's report as PDF, the figures as XLSX, and the
bulk update that reads that same XLSX back. Rendering and importing are services (see style.md §3)."""

from __future__ import annotations

import datetime
import io
import re
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from camgiang_portal import documents, resilience
from plans.models import ReportingPeriod

from . import selectors
from .models import ExportJob, FigureValue, ItemProgress, ProgressReport

FIGURES_SHEET = "Số liệu"
TOTALS_SHEET = "Tổng cộng"
INFO_SHEET = "Thông tin"
FIXED_COLUMNS = ["Mã đơn vị", "Tên đơn vị", "Mã nhiệm vụ", "Nhiệm vụ", "Tình trạng báo cáo", "Tình hình thực hiện"]
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
    signer = report.updated_by.get_full_name() if report.updated_by else ""
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
    """One row per body × assigned item with its figures (every expected body, non-reporting ones marked),
    a totals sheet, and the period's identity so the file can be read back (figures_import)."""
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
class ImportResult:
    changes: list[FigureChange] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number, message)

    @property
    def ok(self) -> bool:
        return not self.errors


def figures_import_read(*, period: ReportingPeriod, content: bytes) -> ImportResult:
    """Read the export's XLSX and list what would change; nothing is written here."""
    from .services import figures_errors

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
    indicators = {i.code: i for i in selectors.plan_indicators(period.plan)}
    by_code_list: dict[str, list] = {}
    for i in selectors.plan_indicators(period.plan):
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
    reports = {r.body.code: r for r in ProgressReport.objects.filter(period=period).select_related("body")}
    progresses = {
        (p.report_id, p.item.code): p
        for p in ItemProgress.objects.filter(report__period=period).select_related("item", "item__area")
    }
    current = {
        (f.progress_id, f.indicator_id): f.value for f in FigureValue.objects.filter(progress__report__period=period)
    }
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
        values, row_changes, bad = {}, [], False
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
            if isinstance(raw, float) and raw.is_integer():
                raw = int(raw)
            if isinstance(raw, str) and raw.strip().isdigit():
                raw = int(raw.strip())
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
        merged = {
            i: current.get((progress.pk, i.pk))
            for i in selectors.plan_indicators(period.plan)
            if i.applies_to(progress.item)
        }
        merged.update(values)
        for indicator_id, message in figures_errors(merged).items():
            result.errors.append((row_no, f"{next(i.name for i in merged if i.pk == indicator_id)}: {message}"))
            bad = True
        if not bad:
            result.changes.extend(row_changes)
    return result


@transaction.atomic
def figures_import_apply(*, period: ReportingPeriod, content: bytes, by) -> ImportResult:
    """Apply every change or none: any row error leaves the database as it was."""
    from . import permissions
    from .services import ReportNotEditable, _changed

    if not permissions.can_review(by):
        raise ReportNotEditable
    result = figures_import_read(period=period, content=content)
    if not result.ok:
        return result
    touched = set()
    for change in result.changes:
        FigureValue.objects.update_or_create(
            progress_id=change.progress_id, indicator_id=change.indicator_id, defaults={"value": change.new}
        )
        touched.add(change.report_id)
    # Open forms must notice the change: a stale copy being edited gets the conflict message.
    for report in ProgressReport.objects.select_for_update().filter(pk__in=touched):
        report.version += 1
        report.updated_by = by
        report.save(update_fields=["version", "updated_by", "updated_at"])
    _changed()
    return result
