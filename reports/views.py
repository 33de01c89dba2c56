"""Officials' pages of the reports app: start page, progress form, review, consolidated report, dashboard."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from camgiang_portal import signing
from camgiang_portal.safe_files import safe_filename
from plans import permissions as plans_permissions
from plans import selectors as plans_selectors
from plans import views as plans_views
from plans.models import Plan, Role

from . import exports, forms, imports, permissions, selectors, services, workflow
from .models import ExportJob

REPORTING_ROLES = {Role.VILLAGE_HEAD, Role.DEPARTMENT, Role.MTTQ}


@login_required
def start(request: HttpRequest, panels: Sequence[str] = ()) -> HttpResponse:
    """The coordinator lands on the dashboard, leadership on it read-only, bodies on their forms.

    `panels`: rendered sections the apps above add (publicity's cases and disclosures waiting)."""
    if permissions.can_view_dashboard(request.user) and selectors.current_plan_id() is not None:
        return _dashboard(request, as_start=True, panels=panels)
    body = plans_permissions.body_of(request.user)
    plan = plans_selectors.plan_current()
    reports = list(selectors.body_reports(body, plan)) if body else []
    for report in reports:
        report.open_for_body = permissions.is_open_for(report)
    if not reports:
        # Roles with no reporting work keep the plans app's start page.
        return plans_views.start(request, panels=panels)
    context = {
        "body": body,
        "can_open_body": plans_permissions.can_open_body(request.user, body),
        "plan": plan,
        "reports": reports,
        "membership": plans_permissions.membership_of(request.user),
        "can_view_consolidated": permissions.can_view_consolidated(request.user),
        "duties": plans_selectors.body_duties(body, plan),
        "panels": panels,
    }
    return render(request, "reports/start.html", context)


def _form_context(request, report, form, rows, problems_heading: str = "") -> dict:
    openness = permissions.report_openness(report)
    return {
        "report": report,
        "form": form,
        "rows": rows,
        # The steps this user has on the form now (reports.workflow's table): the page offers those alone.
        "actions": workflow.actions_for(request.user, report),
        # Whether the body writes this form in its state, the period aside (then the page says why it cannot).
        "body_edits_state": report.state in workflow.SAVE.moves,
        "period_closed": not openness.open,
        "openness": openness,
        # One summary of what stops the form, first on the page, instead of errors scattered down the cards.
        "problems": form.problems() if problems_heading and form.is_bound else [],
        "problems_heading": problems_heading,
        "events": report.events.select_related("by"),
        "attachments": report.attachments.all(),
        "attachment_form": forms.AttachmentForm(),
        "return_form": forms.ReturnForm(),
    }


@login_required
def report_form(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress form: save a draft, submit; read-only once submitted or accepted."""
    report = permissions.get_report_for_user(request.user, pk)
    rows = selectors.report_items(report)
    if request.method != "POST":
        form = forms.ReportForm(initial={"version": report.version, "summary": report.summary}, rows=rows)
        return render(request, "reports/form.html", _form_context(request, report, form, rows))
    action = request.POST.get("action", "save")
    if action == "submit" and workflow.is_done(report, "submit"):
        # A second click on "submit" (or a resent request) finds the work done: nothing more happens.
        messages.info(request, _("Báo cáo đã được nộp trước đó."))
        return redirect(report)
    form = forms.ReportForm(request.POST, rows=rows)
    valid = form.is_valid()
    try:
        report = workflow.transition(
            report,
            "save",
            request.user,
            version=form.cleaned_data.get("version"),
            summary=form.cleaned_data.get("summary", report.summary),
            items=form.items_data(),
        )
    except workflow.ReportConflict as exc:
        if not workflow.allows(request.user, report, "save"):
            raise PermissionDenied from exc  # the form has moved on (sent, or its period closed): not theirs to merge
        messages.error(
            request,
            _(
                "Người khác vừa lưu báo cáo này. Nội dung bạn nhập vẫn còn bên dưới: hãy mở báo cáo ở thẻ "
                "khác để xem bản mới, "
                "chép phần cần giữ rồi lưu lại."
            ),
        )
        return render(
            request, "reports/form.html", {**_form_context(request, report, form, rows), "conflict": True}, status=409
        )
    except workflow.ReportNotEditable as exc:
        raise PermissionDenied from exc
    if not valid:
        heading = _("Một số ô chưa hợp lệ, cần sửa ở các nhiệm vụ dưới đây. Phần hợp lệ đã được lưu nháp.")
        return _rerender(request, report, rows, form.errors, status=400, heading=heading)
    if action == "submit":
        try:
            workflow.transition(report, "submit", request.user)
        except ValidationError as exc:
            heading = _(
                "Chưa nộp được: còn %(count)s nhiệm vụ chưa chọn tình hình thực hiện (chọn “Không phát sinh” nếu "
                "nhiệm vụ không liên quan đến đơn vị trong kỳ này). Báo cáo đã được lưu nháp."
            ) % {"count": len(exc.message_dict)}
            return _rerender(request, report, rows, exc.message_dict, status=400, heading=heading)
        except workflow.ReportNotEditable as exc:
            raise PermissionDenied from exc
        messages.success(request, _("Đã nộp báo cáo."))
        return redirect(report)
    messages.success(request, _("Đã lưu nháp."))
    return redirect(report)


def _rerender(request, report, rows, errors, *, status, heading):
    """Show the typed text again with the errors, on the version just saved (so the next save is not a conflict)."""
    data = request.POST.copy()
    data["version"] = str(report.version)
    form = forms.ReportForm(data, rows=rows)
    form.is_valid()
    for name, messages_ in errors.items():
        if name in form.fields and name not in form.errors:
            for message in messages_ if isinstance(messages_, list) else [messages_]:
                form.add_error(name, message)
    return render(request, "reports/form.html", _form_context(request, report, form, rows, heading), status=status)


@login_required
@require_POST
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    report = permissions.get_report_for_user(request.user, pk, review=True)
    action = request.POST.get("action")
    done = {
        "return": _("Đã trả lại báo cáo cho đơn vị."),
        "accept": _("Đã duyệt báo cáo."),
        "reopen": _("Đã mở lại báo cáo cho đơn vị."),
    }
    if action not in done:
        return HttpResponse(_("Thao tác không hợp lệ."), status=400)
    comment = ""
    if action == "return":
        form = forms.ReturnForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Hãy ghi rõ lý do trả lại (văn bản thường)."))
            return redirect(report)
        comment = form.cleaned_data["comment"]
    elif action == "reopen":
        comment = request.POST.get("comment", "")[:2000]
    try:
        workflow.transition(report, action, request.user, comment=comment)
    except workflow.ReportNotEditable:
        messages.info(request, _("Báo cáo không còn ở trạng thái chờ duyệt."))
    else:
        messages.success(request, done[action])
    return redirect(report)


@login_required
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = permissions.get_report_for_user(request.user, pk)
    response = HttpResponse(exports.report_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bao-cao-{report.body.code}-{report.period.code}.pdf"'
    return response


@login_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    report = permissions.get_report_for_user(request.user, pk, edit=True)
    form = forms.AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn một tệp để đính kèm."))
        return redirect(report)
    try:
        services.attachment_add(report=report, by=request.user, upload=form.cleaned_data["file"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        rows = selectors.report_items(report)
        page = forms.ReportForm(initial={"version": report.version, "summary": report.summary}, rows=rows)
        return render(request, "reports/form.html", _form_context(request, report, page, rows), status=400)
    except workflow.ReportNotEditable as exc:
        raise PermissionDenied from exc
    messages.success(request, _("Đã đính kèm tệp."))
    return redirect(report)


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = permissions.get_attachment_for_user(request.user, pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(
        # Named again on the way out: rows stored before names were cleaned get a sane header too (RFC 6266).
        handle,
        as_attachment=True,
        filename=safe_filename(attachment.original_name),
        content_type=attachment.content_type,
    )


@login_required
@require_POST
def attachment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = permissions.get_attachment_for_user(request.user, pk, delete=True)
    report = attachment.report
    try:
        services.attachment_delete(attachment=attachment, by=request.user)
    except workflow.ReportNotEditable as exc:
        raise PermissionDenied from exc
    messages.success(request, _("Đã xóa tệp đính kèm."))
    return redirect(report)


# --- consolidated report, exports, bulk update --------------------------------------------------------


@login_required
def period_list(request: HttpRequest) -> HttpResponse:
    """The current plan's periods, each leading to its consolidated report."""
    if not permissions.can_view_consolidated(request.user):
        raise PermissionDenied
    plan = plans_selectors.plan_current()
    periods = selectors.period_states(plans_selectors.plan_periods(plan)) if plan else []
    return render(request, "reports/period_list.html", {"plan": plan, "periods": periods})


FRAGMENT_TIMEOUT = 600


def _fragments(name: str, scope: str, flags: dict, build) -> dict:
    """Rendered HTML pieces of a big page, cached until the next report write (the reports cache generation).

    The key holds everything the pieces depend on besides the data: the viewer's capability flags (so a
    coordinator's buttons never reach a reader), the date (overdue lists change at midnight) and the language.
    The pieces never hold per-user secrets: CSRF tokens stay in the uncached part of the page.
    """
    flag_part = ",".join(f"{k}={int(bool(v))}" for k, v in sorted(flags.items()))
    key = (
        f"reports:fragment:{name}:{scope}:{flag_part}:{selectors.cache_generation()}:"
        f"{timezone.localdate().isoformat()}:{get_language()}"
    )
    pieces = cache.get(key)
    if pieces is None:
        pieces = build()
        cache.set(key, pieces, FRAGMENT_TIMEOUT)
    return {piece: mark_safe(html) for piece, html in pieces.items()}  # nosec B308 B703 - our own templates, rendered (and escaped) by render_to_string


@login_required
def consolidated(request: HttpRequest, period_pk: int) -> HttpResponse:
    period = permissions.get_period_for_user(request.user, period_pk)
    can_review = permissions.can_review(request.user)

    def build() -> dict:
        context = {
            "period": period,
            "data": selectors.consolidated(period),
            "progress": selectors.plan_progress(period.plan, period),
            "portal_figures": selectors.portal_figures(period),
            "can_review": can_review,
        }
        return {
            "summary_html": render_to_string("reports/_consolidated_summary.html", context),
            "body_html": render_to_string("reports/_consolidated_body.html", context),
        }

    context = {
        "period": period,
        "can_review": can_review,
        "can_issue": permissions.can_issue_consolidated(request.user),
        # Issued versions are read on every view, outside the cached fragments: issuing bumps no generation.
        "issued_documents": selectors.consolidated_documents(period),
        "paper_in_force": selectors.consolidated_paper_in_force(period),
        "grace_form": forms.GraceForm(initial={"grace_days": period.grace_days}),
        **_fragments("consolidated", f"period={period.pk}", {"can_review": can_review}, build),
    }
    return render(request, "reports/consolidated.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def consolidated_issue(request: HttpRequest, period_pk: int) -> HttpResponse:
    """GET: what issuing would do (or why it cannot be done now); POST: issue and sign the period's Báo cáo."""
    period = permissions.get_period_to_issue_for_user(request.user, period_pk)
    status, error = 200, ""
    if request.method == "POST":
        try:
            document = services.consolidated_issue(period=period, by=request.user)
        except ValidationError as exc:
            status, error = 409, " ".join(exc.messages)
        except signing.SigningError as exc:
            status, error = 503, str(exc)
        else:
            messages.success(
                request, _("Đã ban hành báo cáo tổng hợp số %(symbol)s và ký số.") % {"symbol": document.symbol}
            )
            return redirect("reports:consolidated", period.pk)
    context = {"period": period, "state": selectors.consolidated_issue_state(period), "error": error}
    return render(request, "reports/consolidated_issue.html", context, status=status)


@login_required
def consolidated_item(request: HttpRequest, period_pk: int, item_pk: int) -> HttpResponse:
    """Every body's words and figures on one item: what the consolidated page sums up."""
    period, item = permissions.get_period_item_for_user(request.user, period_pk, item_pk)
    rows = selectors.consolidated_item(period, item)
    context = {
        "period": period,
        "item": item,
        "rows": rows,
        "reported_count": sum(row.reported for row in rows),
        "indicators": [indicator for indicator, _value in rows[0].figures] if rows else [],
    }
    return render(request, "reports/consolidated_item.html", context)


@login_required
@require_POST
def export_start(request: HttpRequest, period_pk: int) -> HttpResponse:
    period = permissions.get_period_for_user(request.user, period_pk)
    fmt = request.POST.get("format")
    if fmt not in ExportJob.Format.values:
        return HttpResponse(_("Định dạng không hợp lệ."), status=400)
    job = exports.export_request(period=period, fmt=fmt, by=request.user)
    return redirect(job)


@login_required
def export_status(request: HttpRequest, pk: int) -> HttpResponse:
    job = permissions.get_export_for_user(request.user, pk)
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"state": job.state, "progress": job.progress})
    return render(request, "reports/export.html", {"job": job})


@login_required
def export_download(request: HttpRequest, pk: int) -> FileResponse:
    job = permissions.get_export_for_user(request.user, pk)
    if job.state != ExportJob.State.DONE or not job.file:
        raise Http404
    content_type = (
        "application/pdf"
        if job.format == "pdf"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=exports.export_filename(job.period, job.format),
        content_type=content_type,
    )


@login_required
@require_POST
def grace_set(request: HttpRequest, period_pk: int) -> HttpResponse:
    period = permissions.get_period_for_user(request.user, period_pk, review=True)
    form = forms.GraceForm(request.POST)
    if form.is_valid():
        services.period_grace_set(period=period, grace_days=form.cleaned_data["grace_days"], by=request.user)
        messages.success(request, _("Đã cập nhật số ngày gia hạn."))
    else:
        messages.error(request, _("Số ngày gia hạn phải là số nguyên từ 0 đến 90."))
    return redirect("reports:consolidated", period.pk)


IMPORT_SESSION_KEY = "reports_import"


@login_required
def figures_import(request: HttpRequest, period_pk: int) -> HttpResponse:
    """Upload the export's XLSX, see what would change, confirm; all rows or none."""
    period = permissions.get_period_for_user(request.user, period_pk, review=True)
    context = {"period": period, "form": forms.ImportForm()}
    if request.method == "POST" and request.POST.get("confirm"):
        token = request.POST.get("token", "")
        stored = request.session.get(IMPORT_SESSION_KEY, {})
        if stored.get("token") != token or stored.get("period") != period.pk:
            messages.error(request, _("Phiên tải lên đã hết hạn; hãy tải tệp lên lại."))
            return redirect("reports:import", period.pk)
        with default_storage.open(stored["path"], "rb") as handle:
            content = handle.read()
        result = imports.figures_import_apply(period=period, content=content, by=request.user)
        default_storage.delete(stored["path"])
        del request.session[IMPORT_SESSION_KEY]
        if not result.ok:
            return render(request, "reports/import.html", {**context, "result": result}, status=400)
        messages.success(
            request,
            _(
                "Đã cập nhật %(count)s số liệu, %(statuses)s tình hình thực hiện; "
                "%(submitted)s đơn vị được ghi nhận đã nộp."
            )
            % {
                "count": len(result.changes),
                "statuses": len(result.status_changes),
                "submitted": result.submitted_count,
            },
        )
        return redirect("reports:consolidated", period.pk)
    if request.method == "POST":
        form = forms.ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, "reports/import.html", {**context, "form": form}, status=400)
        upload = form.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            messages.error(request, _("Tệp quá lớn (tối đa 5 MB)."))
            return render(request, "reports/import.html", context, status=400)
        content = upload.read()
        result = imports.figures_import_read(period=period, content=content)
        if not result.ok:
            return render(request, "reports/import.html", {**context, "result": result}, status=400)
        token = uuid.uuid4().hex
        path = default_storage.save(f"imports/{hashlib.sha256(token.encode()).hexdigest()[:32]}.xlsx", upload)
        request.session[IMPORT_SESSION_KEY] = {"token": token, "path": path, "period": period.pk}
        return render(request, "reports/import.html", {**context, "result": result, "token": token})
    return render(request, "reports/import.html", context)


# --- dashboard ----------------------------------------------------------------------------------------


# At 10x the commune hundreds of forms can be overdue: the dashboard lists the first ones, the rest are
# one link away (the page stays small enough to serve quickly and to read on a phone).
OVERDUE_SHOWN = 50


@login_required
def overdue(request: HttpRequest) -> HttpResponse:
    """Every overdue form of the current plan, with the reminder buttons."""
    if not permissions.can_view_dashboard(request.user):
        raise PermissionDenied
    plan_id = selectors.current_plan_id()
    if plan_id is None:
        raise Http404
    context = {
        "overdue": selectors.dashboard(Plan.objects.get(pk=plan_id))["overdue"],
        "can_review": permissions.can_review(request.user),
    }
    return render(request, "reports/overdue.html", context)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return _dashboard(request)


def _dashboard(request: HttpRequest, *, as_start: bool = False, panels: Sequence[str] = ()) -> HttpResponse:
    if not permissions.can_view_dashboard(request.user):
        raise PermissionDenied
    plan_id = selectors.current_plan_id()
    can_review = permissions.can_review(request.user)
    context = {
        "as_start": as_start,
        "panels": panels,
        "has_plan": plan_id is not None,
        "can_review": can_review,
        "membership": plans_permissions.membership_of(request.user),
    }
    if plan_id is not None:

        def build() -> dict:
            plan = Plan.objects.get(pk=plan_id)
            body = {
                "plan": plan,
                "data": selectors.dashboard(plan),
                "can_review": can_review,
                "late_label": _("muộn"),
                "overdue_shown": OVERDUE_SHOWN,
                "overdue_slice": f":{OVERDUE_SHOWN}",
            }
            return {"body_html": render_to_string("reports/_dashboard_body.html", body)}

        context.update(_fragments("dashboard", f"plan={plan_id}", {"can_review": can_review}, build))
    return render(request, "reports/dashboard.html", context)


@login_required
@require_POST
def expected_generate(request: HttpRequest) -> HttpResponse:
    """After the plan is imported or its assignments change: create the forms every assigned body owes."""
    if not permissions.can_review(request.user):
        raise PermissionDenied
    plan = plans_selectors.plan_current()
    if plan is None:
        raise Http404
    created = services.report_expected_generate(plan=plan)
    messages.success(request, _("Đã cập nhật danh sách báo cáo phải nộp: thêm %(count)s báo cáo.") % {"count": created})
    return redirect("reports:dashboard")


@login_required
@require_POST
def remind(request: HttpRequest, pk: int) -> HttpResponse:
    report = permissions.get_report_for_user(request.user, pk, review=True)
    if report.is_reported:
        messages.info(request, _("Đơn vị đã nộp báo cáo, không cần nhắc."))
    else:
        services.report_remind(report=report, by=request.user)
        messages.success(request, _("Đã gửi nhắc nhở tới %(body)s.") % {"body": report.body.name})
    return redirect("reports:dashboard")
