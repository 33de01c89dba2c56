"""Officials' pages of the reports app: the progress form, its review and attachments, the XLSX import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from camgiang_portal.safe_files import safe_filename
from plans import selectors as plans_selectors

from . import forms, permissions, selectors, services, workflow


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
@require_POST
def expected_generate(request: HttpRequest) -> HttpResponse:
    """After the plan is imported or its assignments change: create the forms every assigned body owes."""
    if not permissions.can_review(request.user):
        raise PermissionDenied
    plan = plans_selectors.plan_current()
    if plan is None:
        raise Http404
    created = services.report_expected_generate(plan=plan, by=request.user)
    messages.success(request, _("Đã cập nhật danh sách báo cáo phải nộp: thêm %(count)s báo cáo.") % {"count": created})
    return redirect("consolidation:dashboard")


@login_required
@require_POST
def remind(request: HttpRequest, pk: int) -> HttpResponse:
    report = permissions.get_report_for_user(request.user, pk, review=True)
    if report.is_reported:
        messages.info(request, _("Đơn vị đã nộp báo cáo, không cần nhắc."))
    else:
        services.report_remind(report=report, by=request.user)
        messages.success(request, _("Đã gửi nhắc nhở tới %(body)s.") % {"body": report.body.name})
    return redirect("consolidation:dashboard")
