"""Who may see or change what in the reports app: the one door every view, task and command goes through."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import get_objects_for_user

from issuance import permissions as issuance_permissions
from plans.models import Item, ReportingPeriod
from plans.permissions import period_or_404

from .models import Attachment, ExportJob, ProgressReport, ReviewEvent, period_closes_on, period_is_closed


def reports_for_user(user) -> QuerySet[ProgressReport]:
    """Reports the user may read: all with the model-wide permission, else their body's (guardian, via its group)."""
    if not user.is_authenticated:
        return ProgressReport.objects.none()
    return get_objects_for_user(user, "reports.view_progressreport", klass=ProgressReport, accept_global_perms=True)


def can_review(user) -> bool:
    """Return, accept, reopen, remind, set grace, bulk-update figures: the coordinator."""
    return user.is_authenticated and user.has_perm("reports.review_progressreport")


def can_view_dashboard(user) -> bool:
    return user.is_authenticated and user.has_perm("reports.view_dashboard")


def can_view_consolidated(user) -> bool:
    return user.is_authenticated and user.has_perm("reports.view_consolidated")


def can_issue_consolidated(user) -> bool:
    """Issuing the period's Báo cáo (number, date, digital signature) is leadership's, as issuing the plan is."""
    return can_view_consolidated(user) and issuance_permissions.can_issue_plan(user)


@dataclass(frozen=True)
class Openness:
    """Whether the body may still write its form, and why, in words for the form's page."""

    open: bool
    # Why a form past its due date can still be sent, or why it cannot; "" while the due date is ahead.
    reason: str = ""


def _date(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


def report_openness(report: ProgressReport, today: datetime.date | None = None) -> Openness:
    """Bodies may still write: the period is open, or the coordinator reopened it for this body,
    or the coordinator returned the form (a return asks for a correction, whatever the date).

    The one owner of that rule: is_open_for reads it, and the form's page shows its reason."""
    today = today or timezone.localdate()
    period = report.period
    past_due = today > period.due_date
    if report.state == ProgressReport.State.RETURNED:
        reason = _("Đã trả lại để chỉnh sửa: đơn vị sửa và nộp lại, không tính theo hạn nộp.") if past_due else ""
        return Openness(True, reason)
    if report.reopened:
        if not past_due:
            return Openness(True)
        at = (
            report.events.filter(kind=ReviewEvent.Kind.REOPENED)
            .order_by("-at", "-pk")
            .values_list("at", flat=True)
            .first()
        )
        if at is None:
            return Openness(True, _("Đã mở lại cho đơn vị: đơn vị vẫn nộp được dù kỳ báo cáo đã khóa."))
        return Openness(
            True,
            _("Đã mở lại cho đơn vị ngày %(date)s: đơn vị vẫn nộp được dù kỳ báo cáo đã khóa.")
            % {"date": _date(timezone.localdate(at))},
        )
    if not period_is_closed(period, today):
        if not past_due:
            return Openness(True)
        return Openness(
            True,
            _(
                "Đã quá hạn nộp %(due)s; kỳ báo cáo được gia hạn, đơn vị còn nộp được đến hết ngày %(until)s "
                "(sẽ ghi nhận nộp muộn)."
            )
            % {"due": _date(period.due_date), "until": _date(period_closes_on(period))},
        )
    return Openness(
        False,
        _("Kỳ báo cáo đã khóa sau ngày %(until)s. Liên hệ Phòng Văn hóa – Xã hội để được mở lại.")
        % {"until": _date(period_closes_on(period))},
    )


def is_open_for(report: ProgressReport) -> bool:
    return report_openness(report).open


def can_write_report(user, report: ProgressReport) -> bool:
    """The body's own people (object permission of the body's group). Who, not when: whether the form's state
    and its period let them write now is reports.workflow's table."""
    return user.is_authenticated and user.has_perm("reports.change_progressreport", report)


def can_review_report(user, report: ProgressReport) -> bool:
    """The coordinator, for any form (the report is named so that every row of the workflow table asks alike)."""
    return can_review(user)


def get_report_for_user(user, pk, *, edit: bool = False, review: bool = False) -> ProgressReport:
    """404 when the user may not see the report (a forged id leaks nothing), 403 when they may not change it."""
    try:
        report = reports_for_user(user).select_related("body", "period", "period__plan").get(pk=pk)
    except (ProgressReport.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if edit and not user.has_perm("reports.change_progressreport", report):
        raise PermissionDenied
    if review and not can_review(user):
        raise PermissionDenied
    return report


def get_period_for_user(user, pk, *, review: bool = False) -> ReportingPeriod:
    """A period whose consolidated report the user may read."""
    period = period_or_404(pk)  # looked up first: see plans.permissions
    if not can_view_consolidated(user) or (review and not can_review(user)):
        raise PermissionDenied
    return period


def get_period_to_issue_for_user(user, pk) -> ReportingPeriod:
    """403 for whoever may not issue (readers of the consolidated report included), 404 for a period that is not."""
    period = period_or_404(pk)  # looked up first: see plans.permissions
    if not can_issue_consolidated(user):
        raise PermissionDenied
    return period


def get_period_item_for_user(user, period_pk, item_pk) -> tuple[ReportingPeriod, Item]:
    """A period's consolidated detail for one item of its plan; an item of another plan does not exist here."""
    period = get_period_for_user(user, period_pk)
    try:
        item = Item.objects.select_related("area").get(pk=item_pk, area__plan_id=period.plan_id)
    except (Item.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    return period, item


def get_attachment_for_user(user, pk, *, delete: bool = False) -> Attachment:
    try:
        attachment = Attachment.objects.select_related("report").get(pk=pk)
    except (Attachment.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    # Seeing the attachment is seeing its report; deleting it is the body's (whether the form is still
    # editable is the service's to refuse, through the workflow table).
    get_report_for_user(user, attachment.report_id)
    if delete and not can_write_report(user, attachment.report):
        raise PermissionDenied
    return attachment


def get_export_for_user(user, pk) -> ExportJob:
    """An export job is its requester's own; other users' jobs do not exist for them."""
    try:
        return ExportJob.objects.select_related("period", "period__plan").get(pk=pk, requested_by=user)
    except (ExportJob.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
