"""Officials' pages of the plans app: the plan as a document, a body's work."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from camgiang_portal import uploads
from communes.current import current_commune

from . import permissions, selectors, services
from .forms import CopyPlanForm, PlanConfirmForm, PlanUploadForm
from .importer import existing_plan_refusal
from .models import Assignment, Body, Plan
from .parsing import PlanParseError


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can_view_plans(request.user):
        raise PermissionDenied
    plans = selectors.plan_list()
    return render(
        request,
        "plans/plan_list.html",
        {"plans": plans, "can_manage_plans": permissions.can_manage_plans(request.user)},
    )


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = permissions.get_plan_for_user(request.user, pk)
    context = {
        "plan": plan,
        "areas": selectors.plan_structure(plan),
        "legal_bases": plan.legal_bases.order_by("-in_preamble", "order"),
        "duties": plan.duties.select_related("body").order_by("order"),
        "periods": selectors.plan_periods(plan),
        "recipients": plan.recipients.order_by("order"),
        "can_manage_plans": permissions.can_manage_plans(request.user),
        "can_issue": permissions.can_issue_plan(request.user),
    }
    return render(request, "plans/plan_detail.html", context)


@login_required
def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    body = permissions.get_body_for_user(request.user, pk)
    plan = selectors.plan_current()
    context = {
        "body": body,
        "plan": plan,
        "assignments": selectors.body_assignments(body, plan),
        "periods": selectors.plan_periods(plan) if plan else [],
    }
    return render(request, "plans/body_detail.html", context)


def _require_manager(user) -> None:
    if not permissions.can_manage_plans(user):
        raise PermissionDenied


# The purpose an upload is kept for between the plan import's preview and its confirm (camgiang_portal.uploads).
IMPORT_UPLOAD = "plan-import"


@login_required
def plan_import(request: HttpRequest) -> HttpResponse:
    """Step 1 and 2 of the browser import: upload, then a preview of what was recognised."""
    _require_manager(request.user)
    form = PlanUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        year, replace = form.cleaned_data["year"], form.cleaned_data["replace"]
        try:
            result = services.plan_import(
                source=data, filename=upload.name, year=year, dry_run=True, replace=replace, by=request.user
            )
        except PlanParseError as exc:
            form.add_error("file", exc.message)
        except services.PlanImportError as exc:
            form.add_error(None, exc.message)
        else:
            # Kept only once the preview accepted it: a refused file leaves nothing on the server.
            parsed = result.parsed
            choice = {"year": year, "replace": replace, "plan_year": parsed.year}
            token = uploads.upload_keep(
                purpose=IMPORT_UPLOAD, user=request.user, content=data, filename=upload.name, data=choice
            )
            confirm = PlanConfirmForm(initial={"token": token})
            context = {"result": result, "summary": result.summary(), "parsed": parsed, "confirm": confirm}
            return render(request, "plans/plan_import_preview.html", context)
    status = 400 if request.method == "POST" else 200
    return render(request, "plans/plan_import.html", {"form": form}, status=status)


@login_required
@require_POST
def plan_import_confirm(request: HttpRequest) -> HttpResponse:
    """Step 3: the real import of the previewed file, in one transaction, once."""
    _require_manager(request.user)
    form = PlanConfirmForm(request.POST)
    token = form.cleaned_data["token"] if form.is_valid() else ""
    try:
        with uploads.upload_claim(purpose=IMPORT_UPLOAD, user=request.user, token=token) as pending:
            choice = pending.data
            result = services.plan_import(
                source=pending.content,
                filename=pending.filename,
                year=choice.get("year"),
                replace=bool(choice.get("replace")),
                by=request.user,
            )
    except uploads.UploadSpent as exc:
        # A second click on "confirm": told what a second import of the plan is told; nothing is duplicated.
        messages.error(request, _repeat_refusal(exc))
        return redirect("plans:list")
    except uploads.UploadRefused as exc:
        messages.error(request, exc.message)
        return render(request, "plans/plan_import.html", {"form": PlanUploadForm()}, status=exc.status_code)
    except PlanParseError as exc:
        messages.error(request, exc.message)
        return redirect("plans:import")
    except services.PlanImportError as exc:
        messages.error(request, exc.message)
        return redirect("plans:list")
    for warning in result.warnings:
        messages.warning(request, warning)
    messages.success(request, _("Đã nhập kế hoạch năm %(year)s.") % {"year": result.plan.year})
    return redirect(result.plan)


def _repeat_refusal(spent: uploads.UploadSpent) -> str:
    year, commune = spent.data.get("plan_year"), current_commune()
    existing = selectors.plan_of_year(commune=commune, year=year) if year and commune else None
    if existing is None or spent.data.get("replace"):  # nothing imported, or a draft replaced: say it plainly
        return spent.message
    return existing_plan_refusal(year=year, commune=existing.commune_name, existing=existing).message


@login_required
def assignment_matrix(request: HttpRequest, pk: int) -> HttpResponse:
    """The items × bodies grid the coordinator edits; others with access read it."""
    plan = permissions.get_plan_for_user(request.user, pk)
    can_edit = permissions.can_manage_plans(request.user)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        matrix = {}
        for key, value in request.POST.items():
            if key.startswith("a-") and value:
                try:
                    _prefix, item_id, body_id = key.split("-")
                    matrix[(int(item_id), int(body_id))] = value
                except ValueError:
                    return HttpResponse(_("Dữ liệu phân công không hợp lệ."), status=400)
        try:
            counts = services.assignments_set(plan=plan, matrix=matrix, by=request.user)
        except ProtectedError:
            messages.error(
                request, _("Không thể bỏ phân công đã có báo cáo của đơn vị. Không có thay đổi nào được lưu.")
            )
        else:
            messages.success(
                request,
                _("Đã lưu phân công: thêm %(added)s, bỏ %(removed)s, đổi vai trò %(changed)s.") % counts,
            )
        return redirect("plans:matrix", pk=plan.pk)
    context = {
        "plan": plan,
        "can_edit": can_edit,
        "roles": Assignment.Role.choices,
        # Village heads and departments read the grid but may open only their own body's page.
        "openable_body_ids": permissions.openable_body_ids(request.user),
        **selectors.assignment_grid(plan),
    }
    return render(request, "plans/assignment_matrix.html", context)


@login_required
@require_POST
def assignment_remove_kind(request: HttpRequest, pk: int) -> HttpResponse:
    """One item taken from every body of one kind ("Bỏ giao cho tất cả thôn")."""
    plan = permissions.get_plan_for_user(request.user, pk, manage=True)
    item_id, _sep, kind = request.POST.get("target", "").partition(":")
    if not item_id.isdigit():
        return HttpResponse(_("Dữ liệu phân công không hợp lệ."), status=400)
    item = permissions.get_item_for_user(request.user, plan, int(item_id))
    try:
        counts = services.assignments_remove_kind(plan=plan, item=item, kind=kind, by=request.user)
    except ValidationError as exc:
        return HttpResponse(" ".join(exc.messages), status=400)
    messages.success(
        request,
        _(
            "Đã bỏ giao nhiệm vụ %(code)s cho %(removed)s đơn vị (%(kind)s); %(forms)s báo cáo chưa nộp "
            "không còn nhiệm vụ này."
        )
        % {"code": item.code, "kind": Body.Kind(kind).label, **counts},
    )
    return redirect("plans:matrix", pk=plan.pk)


@login_required
@require_POST
def plan_copy(request: HttpRequest, pk: int) -> HttpResponse:
    plan = permissions.get_plan_for_user(request.user, pk, manage=True)
    form = CopyPlanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Năm không hợp lệ."))
        return redirect(plan)
    try:
        copy = services.plan_copy_to_year(plan=plan, year=form.cleaned_data["year"], by=request.user)
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect(plan)
    messages.success(request, _("Đã tạo bản dự thảo kế hoạch năm %(year)s.") % {"year": copy.year})
    return redirect(copy)


@login_required
@require_POST
def plan_new_version(request: HttpRequest, pk: int) -> HttpResponse:
    plan = permissions.get_plan_for_user(request.user, pk, manage=True)
    try:
        draft = services.plan_new_version(plan=plan, by=request.user)
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect(plan)
    messages.success(
        request,
        _(
            "Đã tạo bản dự thảo phiên bản mới. Sửa bảng phân công hoặc nhập lại văn bản đã sửa (thay thế bản "
            "dự thảo), rồi trình ban hành; bản đã ký giữ nguyên."
        ),
    )
    return redirect(draft)


@login_required
def bodies_pending(request: HttpRequest) -> HttpResponse:
    """Bodies the importer created from names it did not know, waiting for the coordinator."""
    _require_manager(request.user)
    if request.method == "POST":
        try:
            body = permissions.get_pending_body_for_user(request.user, request.POST.get("body", ""))
        except Http404:
            messages.error(request, _("Không tìm thấy cơ quan cần xác nhận."))
        else:
            services.body_confirm(body=body, by=request.user)
            messages.success(request, _("Đã xác nhận %(name)s.") % {"name": body.name})
        return redirect("plans:bodies_pending")
    bodies = selectors.bodies_pending()
    return render(request, "plans/bodies_pending.html", {"bodies": bodies})


@login_required
def plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan as its official Decree-30 PDF, shown inline in the browser."""
    # Imported here: WeasyPrint takes most of a second to load, which no other page should pay.
    from django.utils.http import content_disposition_header

    from .documents import plan_pdf as render_plan_pdf

    plan = permissions.get_plan_for_user(request.user, pk)
    if plan.status != Plan.Status.DRAFT:
        # Once issued, the plan's PDF is its signed paper, which the issuing app keeps (a URL, not an import).
        return redirect("issuance:plan_document", pk=plan.pk)
    rendered = render_plan_pdf(plan)
    response = HttpResponse(rendered.content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, rendered.filename)
    return response


@login_required
def audit_history(request: HttpRequest) -> HttpResponse:
    """Who changed what, when, from what to what."""
    if not permissions.can_view_audit(request.user):
        raise PermissionDenied
    from . import audit

    models = audit.tracked_models()
    label = request.GET.get("model") or None
    if label and label not in models:
        label = None
    context = {
        "entries": audit.history_entries(model_label=label),
        "models": sorted((key, str(m._meta.verbose_name)) for key, m in models.items()),
        "selected": label,
    }
    return render(request, "plans/audit_history.html", context)
