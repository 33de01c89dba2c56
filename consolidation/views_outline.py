"""The Báo cáo's outline page: the coordinator renames, adds, moves and deletes sections, moves items and figures
between them, or loads the outline a superior sent; leadership (whoever reads the consolidated report) reads it.

The period comes through reports' permission door (get_period_for_user; review=True for every change); the
changes are consolidation.outline's services, which authorise, validate and check the version themselves.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from camgiang_portal import uploads
from reports import permissions

from . import outline as outline_services
from .outline_read import MAX_BYTES, OutlineFileError, outline_file_read

# The purpose a superior's outline is kept for between its preview and its confirm (camgiang_portal.uploads).
OUTLINE_UPLOAD = "report-outline"


class OutlineUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp đề cương (.md, .txt hoặc .docx)"),
        help_text=gettext_lazy(
            "Các đề mục dạng “#”, “##”, đánh số “I.”, “1.” hoặc kiểu Heading trong Word; tối đa 2 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".md,.txt,.docx,text/plain,text/markdown"}),
    )


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _page(request: HttpRequest, period, *, status: int = 200, error: str = "") -> HttpResponse:
    outline = outline_services.outline_for(period)
    rows = outline_services.outline_rows(outline)
    context = {
        "period": period,
        "outline": outline,
        "rows": rows,
        "sections": [(row.section.pk, f"{row.full_number}. {row.section.title}") for row in rows],
        "can_edit": permissions.can_review(request.user),
        "error": error,
    }
    return render(request, "consolidation/outline.html", context, status=status)


def _refused(request: HttpRequest, period, exc: outline_services.OutlineError) -> HttpResponse:
    if exc.code == "not_found":
        raise Http404(exc.message)
    return _page(request, period, status=exc.status, error=exc.message)


@login_required
@require_http_methods(["GET", "POST"])
def outline(request: HttpRequest, period_pk: int) -> HttpResponse:
    """GET: the outline; POST: the coordinator's one save of where each item and figure goes."""
    period = permissions.get_period_for_user(request.user, period_pk, review=request.method == "POST")
    if request.method == "GET":
        return _page(request, period)
    wanted: dict[str, dict[int, int]] = {"item": {}, "figure": {}}
    for name, value in request.POST.items():
        prefix, _dash, target = name.partition("-")
        if prefix in wanted:
            target_id, section_id = _int(target), _int(value)
            if target_id is None or section_id is None:
                return _page(request, period, status=400, error=_("Dữ liệu gửi lên không hợp lệ."))
            wanted[prefix][target_id] = section_id
    try:
        outline_services.placements_set(
            outline=outline_services.outline_for(period),
            items=wanted["item"],
            figures=wanted["figure"],
            version=_int(request.POST.get("version")),
            by=request.user,
        )
    except outline_services.OutlineError as exc:
        return _refused(request, period, exc)
    messages.success(request, _("Đã lưu việc xếp nhiệm vụ và chỉ tiêu vào các mục."))
    return redirect("consolidation:outline", period.pk)


@login_required
@require_POST
def outline_sections(request: HttpRequest, period_pk: int) -> HttpResponse:
    """One change of the sections: rename, add, move up or down, delete (an empty added one)."""
    period = permissions.get_period_for_user(request.user, period_pk, review=True)
    post = request.POST
    common = {"outline": outline_services.outline_for(period), "version": _int(post.get("version")), "by": request.user}
    action = post.get("action", "")
    done = {
        "rename": _("Đã đổi tên mục."),
        "add": _("Đã thêm mục."),
        "up": _("Đã chuyển mục lên."),
        "down": _("Đã chuyển mục xuống."),
        "delete": _("Đã xóa mục."),
    }
    try:
        if action == "rename":
            outline_services.section_rename(section_id=post.get("section"), title=post.get("title", ""), **common)
        elif action == "add":
            outline_services.section_add(
                title=post.get("title", ""),
                level=post.get("level", "2"),
                kind=post.get("kind", outline_services.COMPUTED),
                after_id=post.get("after") or None,
                **common,
            )
        elif action in ("up", "down"):
            outline_services.section_move(section_id=post.get("section"), direction=action, **common)
        elif action == "delete":
            outline_services.section_delete(section_id=post.get("section"), **common)
        else:
            return _page(request, period, status=400, error=_("Thao tác không hợp lệ."))
    except outline_services.OutlineError as exc:
        return _refused(request, period, exc)
    messages.success(request, done[action])
    return redirect("consolidation:outline", period.pk)


@login_required
@require_http_methods(["GET", "POST"])
def outline_import(request: HttpRequest, period_pk: int) -> HttpResponse:
    """Upload the superior's outline, see the sections found and where the items would go, confirm."""
    period = permissions.get_period_for_user(request.user, period_pk, review=True)
    outline = outline_services.outline_for(period)
    context = {"period": period, "outline": outline, "form": OutlineUploadForm()}
    scope = f"period:{period.pk}"
    if request.method == "POST" and request.POST.get("confirm"):
        return _import_confirm(request, period, outline, scope)
    if request.method == "POST":
        form = OutlineUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, "consolidation/outline_import.html", {**context, "form": form}, status=400)
        upload = form.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            form.add_error("file", _("Tệp quá lớn: tối đa 2 MB."))
            return render(request, "consolidation/outline_import.html", {**context, "form": form}, status=400)
        content = upload.read()
        try:
            headings = outline_file_read(content, upload.name)
        except OutlineFileError as exc:
            form.add_error("file", exc.message)
            return render(request, "consolidation/outline_import.html", {**context, "form": form}, status=400)
        token = uploads.upload_keep(
            purpose=OUTLINE_UPLOAD,
            user=request.user,
            content=content,
            filename=upload.name,
            scope=scope,
            data={"version": outline.version},
        )
        counts = outline_services.placement_preview(outline, headings)
        context.update({"token": token, "preview": list(zip(headings, counts, strict=True)), "filename": upload.name})
    return render(request, "consolidation/outline_import.html", context)


def _import_confirm(request: HttpRequest, period, outline, scope: str) -> HttpResponse:
    try:
        with uploads.upload_claim(
            purpose=OUTLINE_UPLOAD, user=request.user, token=request.POST.get("token", ""), scope=scope
        ) as pending:
            headings = outline_file_read(pending.content, pending.filename)
            outline_services.outline_replace(
                outline=outline,
                headings=headings,
                source_name=pending.filename,
                version=pending.data.get("version"),
                by=request.user,
            )
    except uploads.UploadSpent:
        messages.info(request, _("Đề cương này đã được nạp; không nạp lần thứ hai."))
        return redirect("consolidation:outline", period.pk)
    except uploads.UploadRefused as exc:
        messages.error(request, exc.message)
        return redirect("consolidation:outline_import", period.pk)
    except OutlineFileError as exc:
        messages.error(request, exc.message)
        return redirect("consolidation:outline_import", period.pk)
    except outline_services.OutlineError as exc:
        return _refused(request, period, exc)
    messages.success(request, _("Đã nạp đề cương cấp trên gửi; nhiệm vụ và chỉ tiêu đã được xếp lại vào các mục."))
    return redirect("consolidation:outline", period.pk)
