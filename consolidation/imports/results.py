"""What reading an import finds: the changes row by row, what confirming does to each body's form, the errors."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from reports.models import ItemStatus


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
