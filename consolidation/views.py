"""Officials' pages of consolidation: the dashboard, the periods, the consolidated report and its exports.

Objects come through reports' permission doors (`get_period_for_user` …); what the forms wrote is read through
consolidation.selectors and reports.selectors.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from camgiang_portal import signing, uploads
from plans import permissions as plans_permissions
from plans import selectors as plans_selectors
from plans import services as plans_services
from plans.models import Plan
from reports import permissions
from reports import selectors as reports_selectors
from reports import services as reports_services
from reports.models import ExportJob

from . import body_paper, drafts, figures, forms, fragments, gather, imports, issuing, selectors, services


@login_required
def period_list(request: HttpRequest) -> HttpResponse:
    """The current plan's periods, each leading to its consolidated report."""
    if not permissions.can_view_consolidated(request.user):
        raise PermissionDenied
    return _period_list_page(request)


@login_required
def consolidated(request: HttpRequest, period_pk: int) -> HttpResponse:
    period = permissions.get_period_for_user(request.user, period_pk)
    can_review = permissions.can_review(request.user)

    def build() -> dict:
        context = {
            "period": period,
            "data": gather.consolidated(period),
            "progress": selectors.plan_progress(period.plan, period),
            "portal_figures": gather.portal_figures(period),
            "figures": figures.period_figures(period),
            "can_review": can_review,
        }
        return {
            "summary_html": render_to_string("consolidation/_consolidated_summary.html", context),
            "figures_html": render_to_string("consolidation/_consolidated_figures.html", context),
            "body_html": render_to_string("consolidation/_consolidated_body.html", context),
        }

    context = {
        "period": period,
        "can_review": can_review,
        "can_issue": permissions.can_issue_consolidated(request.user),
        # Issued versions are read on every view, outside the cached fragments: issuing bumps no generation.
        "issued_documents": issuing.consolidated_documents(period),
        "paper_in_force": issuing.consolidated_paper_in_force(period),
        "grace_form": forms.GraceForm(initial={"grace_days": period.grace_days}),
        **fragments.cached_pieces("consolidated", f"period={period.pk}", {"can_review": can_review}, build),
    }
    return render(request, "consolidation/consolidated.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def consolidated_issue(request: HttpRequest, period_pk: int) -> HttpResponse:
    """GET: what issuing would do (or why it cannot be done now); POST: issue and sign the period's Báo cáo."""
    period = permissions.get_period_to_issue_for_user(request.user, period_pk)
    status, error = 200, ""
    if request.method == "POST":
        try:
            document = issuing.consolidated_issue(period=period, by=request.user)
        except ValidationError as exc:
            status, error = 409, " ".join(exc.messages)
        except signing.SigningError as exc:
            status, error = 503, str(exc)
        else:
            messages.success(
                request, _("Đã ban hành báo cáo tổng hợp số %(symbol)s và ký số.") % {"symbol": document.symbol}
            )
            return redirect("consolidation:consolidated", period.pk)
    context = {
        "period": period,
        "state": issuing.consolidated_issue_state(period),
        "draft": drafts.draft_of(period),
        "error": error,
    }
    return render(request, "consolidation/consolidated_issue.html", context, status=status)


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
    return render(request, "consolidation/consolidated_item.html", context)


@login_required
@require_POST
def export_start(request: HttpRequest, period_pk: int) -> HttpResponse:
    period = permissions.get_period_for_user(request.user, period_pk)
    fmt = request.POST.get("format")
    if fmt not in ExportJob.Format.values:
        return HttpResponse(_("Định dạng không hợp lệ."), status=400)
    job = services.export_request(period=period, fmt=fmt, by=request.user)
    return redirect(job)


@login_required
def export_status(request: HttpRequest, pk: int) -> HttpResponse:
    job = permissions.get_export_for_user(request.user, pk)
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"state": job.state, "progress": job.progress})
    return render(request, "consolidation/export.html", {"job": job})


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
        filename=services.export_filename(job.period, job.format),
        content_type=content_type,
    )


@login_required
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """A body's own Báo cáo as PDF, in the commune's outline: whoever may read the form reads its paper."""
    report = permissions.get_report_for_user(request.user, pk)
    response = HttpResponse(body_paper.body_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bao-cao-{report.body.code}-{report.period.code}.pdf"'
    return response


@login_required
@require_POST
def grace_set(request: HttpRequest, period_pk: int) -> HttpResponse:
    period = permissions.get_period_for_user(request.user, period_pk, review=True)
    form = forms.GraceForm(request.POST)
    if form.is_valid():
        reports_services.period_grace_set(period=period, grace_days=form.cleaned_data["grace_days"], by=request.user)
        messages.success(request, _("Đã cập nhật số ngày gia hạn."))
    else:
        messages.error(request, _("Số ngày gia hạn phải là số nguyên từ 0 đến 90."))
    return redirect("consolidation:consolidated", period.pk)


# --- dashboard ----------------------------------------------------------------------------------------


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
    return render(request, "consolidation/overdue.html", context)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Completeness and timeliness per period, the overdue forms, each body's history (start page too)."""
    if not permissions.can_view_dashboard(request.user):
        raise PermissionDenied
    plan_id = selectors.current_plan_id()
    can_review = permissions.can_review(request.user)
    context = {
        "has_plan": plan_id is not None,
        "can_review": can_review,
        "membership": plans_permissions.membership_of(request.user),
    }
    if plan_id is not None:
        context.update(fragments.dashboard_pieces(plan_id, can_review=can_review))
    return render(request, "consolidation/dashboard.html", context)


# --- the figures XLSX, read back -------------------------------------------------------------------------


# The purpose an upload is kept for between the figures import's preview and its confirm
# (camgiang_portal.uploads); the token is bound to the period it was previewed for.
IMPORT_UPLOAD = "reports-figures"


@login_required
def figures_import(request: HttpRequest, period_pk: int) -> HttpResponse:
    """Upload the export's XLSX, see what would change, confirm; all rows or none."""
    period = permissions.get_period_for_user(request.user, period_pk, review=True)
    context = {"period": period, "form": forms.ImportForm()}
    scope = f"period:{period.pk}"
    if request.method == "POST" and request.POST.get("confirm"):
        try:
            with uploads.upload_claim(
                purpose=IMPORT_UPLOAD, user=request.user, token=request.POST.get("token", ""), scope=scope
            ) as pending:
                result = imports.figures_import_apply(period=period, content=pending.content, by=request.user)
        except uploads.UploadRefused as exc:
            messages.error(request, exc.message)
            return redirect("consolidation:import", period.pk)
        if not result.ok:
            return render(request, "consolidation/import.html", {**context, "result": result}, status=400)
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
        return redirect("consolidation:consolidated", period.pk)
    if request.method == "POST":
        form = forms.ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, "consolidation/import.html", {**context, "form": form}, status=400)
        upload = form.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            messages.error(request, _("Tệp quá lớn (tối đa 5 MB)."))
            return render(request, "consolidation/import.html", context, status=400)
        content = upload.read()
        result = imports.figures_import_read(period=period, content=content)
        if not result.ok:
            return render(request, "consolidation/import.html", {**context, "result": result}, status=400)
        token = uploads.upload_keep(
            purpose=IMPORT_UPLOAD, user=request.user, content=content, filename=upload.name, scope=scope
        )
        return render(request, "consolidation/import.html", {**context, "result": result, "token": token})
    return render(request, "consolidation/import.html", context)


# --- the period's data span --------------------------------------------------------------------------


def _period_list_page(request: HttpRequest, *, failed: tuple[int, forms.PeriodSpanForm] | None = None) -> HttpResponse:
    """The current plan's periods; beside each, for the coordinator, the form of its data span (`failed`: the
    period id and bound form of a refused change, shown with its messages, answered 400)."""
    plan = plans_selectors.plan_current()
    periods = selectors.period_states(plans_selectors.plan_periods(plan)) if plan else []
    if plans_permissions.can_change_periods(request.user):
        for row in periods:
            period = row["period"]
            if failed and failed[0] == period.pk:
                row["span_form"] = failed[1]
            else:
                initial = {"start": period.start, "end": period.end}
                row["span_form"] = forms.PeriodSpanForm(initial=initial, auto_id=f"span-{period.pk}-%s")
    context = {"plan": plan, "periods": periods, "span_errors": failed[1].errors if failed else None}
    return render(request, "consolidation/period_list.html", context, status=400 if failed else 200)


@login_required
@require_POST
def period_span(request: HttpRequest, period_pk: int) -> HttpResponse:
    """Set the dates the period's figures are counted between; refused dates come back with their message."""
    period = plans_permissions.get_period_to_change_for_user(request.user, period_pk)
    form = forms.PeriodSpanForm(request.POST, auto_id=f"span-{period.pk}-%s")
    if form.is_valid():
        try:
            plans_services.period_span_set(
                period=period, start=form.cleaned_data["start"], end=form.cleaned_data["end"], by=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
    if not form.is_valid():
        return _period_list_page(request, failed=(period.pk, form))
    # The consolidated pages print the span and count the portal's records within it: their cache is stale.
    reports_selectors.cache_invalidate()
    messages.success(
        request,
        _("Đã cập nhật khoảng số liệu của %(period)s: từ ngày %(start)s đến ngày %(end)s.")
        % {"period": period.label, "start": period.start.strftime("%d/%m/%Y"), "end": period.end.strftime("%d/%m/%Y")},
    )
    return redirect("consolidation:periods")
