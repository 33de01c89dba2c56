"""What confirming an import does to each body's form, by the workflow table's "import" step: a form the body
never sent is recorded as submitted on its behalf, a sent one keeps its state and gets the new figures."""

from __future__ import annotations

import datetime
from collections import Counter

from django.utils.translation import gettext as _

from reports import workflow
from reports.models import ItemProgress, ProgressReport

from ..layout import FIXED_COLUMNS, STATUS_COLUMN
from .results import BodyOutcome, ImportAction, ImportResult


def _missing_warning(report: ProgressReport, rows: list[ItemProgress], new_status: dict[int, str]) -> str:
    """A normal submission needs every item's status; the body's Excel may give figures only. That does not
    stop the import (workflow's "import" step says why) but the preview says so."""
    missing = [p.item.code for p in rows if not new_status.get(p.pk, p.status)]
    if not missing:
        return ""
    return _(
        "%(count)s nhiệm vụ chưa có tình hình thực hiện (%(items)s); hãy điền cột “%(column)s” nếu đơn vị đã báo."
    ) % {"count": len(missing), "items": ", ".join(missing), "column": FIXED_COLUMNS[STATUS_COLUMN]}


def outcomes_add(
    result: ImportResult,
    reports: dict[str, ProgressReport],
    progresses: dict[tuple[int, str], ItemProgress],
    new_status: dict[int, str],
    filled: set[int],
    at: datetime.datetime,
) -> None:
    """One outcome per form the file changes or records as sent; `at`: when lateness is judged."""
    changed_figures = Counter(c.report_id for c in result.changes)
    changed_statuses = Counter(c.report_id for c in result.status_changes)
    rows_of: dict[int, list[ItemProgress]] = {}
    for progress in progresses.values():
        rows_of.setdefault(progress.report_id, []).append(progress)
    for report in reports.values():
        figures, statuses = changed_figures[report.pk], changed_statuses[report.pk]
        if workflow.IMPORT.moves_on(report.state):
            if report.pk not in filled:
                continue
            action = ImportAction.SUBMIT
            warning = _missing_warning(report, rows_of.get(report.pk, []), new_status)
            if warning:
                result.warnings.append((report.body.name, warning))
        elif not (figures or statuses):
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
                statuses=statuses,
            )
        )
