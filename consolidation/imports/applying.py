"""Applying a read import: every form it changes takes the workflow table's "import" step, which writes the
rows through the one row writer (reports.rows) and records what the file changed; all forms or none."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plans.models import ReportingPeriod
from reports import permissions, workflow
from reports.models import ProgressReport
from reports.rows import ItemData

from ..layout import FIXED_COLUMNS, STATUS_COLUMN
from .reading import figures_import_read
from .results import BodyOutcome, ImportAction, ImportResult


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


def _edits(result: ImportResult) -> dict[int, dict[int, ItemData]]:
    """What the file writes, form by form and row by row: the figures it changes and the statuses it sets."""
    edits: dict[int, dict[int, ItemData]] = {}
    for change in result.changes:
        row = edits.setdefault(change.report_id, {}).setdefault(change.progress_id, ItemData.keeping_words())
        row.figures[change.indicator_id] = change.new
    for change in result.status_changes:
        row = edits.setdefault(change.report_id, {}).setdefault(change.progress_id, ItemData.keeping_words())
        row.status = change.new
    return edits


@transaction.atomic
def figures_import_apply(*, period: ReportingPeriod, content: bytes, by, at=None) -> ImportResult:
    """Apply every change or none: any row error leaves the database as it was."""
    # The whole file is the coordinator's to apply (the table's "import" permission, asked of each form again
    # by its transition): refused before the period's forms are locked and read.
    if not permissions.can_review(by):
        raise workflow.ReportNotEditable
    # Lock the period's forms before reading them: a body saving or submitting meanwhile waits for the import
    # (and then gets the conflict message), and what the preview's rules were checked against cannot move.
    list(ProgressReport.objects.select_for_update().filter(period=period).order_by("pk").values_list("pk", flat=True))
    at = at or timezone.now()
    result = figures_import_read(period=period, content=content, at=at)
    if not result.ok:
        return result
    edits = _edits(result)
    reports = ProgressReport.objects.in_bulk([o.report_id for o in result.outcomes])
    for outcome in result.outcomes:
        workflow.transition(
            reports[outcome.report_id],
            "import",
            by,
            comment=_event_comment(outcome, result),
            at=at,
            items=edits.get(outcome.report_id, {}),
        )
    return result
