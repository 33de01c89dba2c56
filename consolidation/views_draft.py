"""The Báo cáo's draft page: the coordinator writes the period's report section by section, beside the figures and
the bodies' grouped words; saves by button or automatically (the page's script posts the same form, asking for
JSON); previews the PDF, downloads the .docx, goes back to an earlier version. Leadership and whoever reads the
consolidated report read it.

The period comes through reports' permission door (get_period_for_user; review=True for every change); the
changes are consolidation.drafts' services, which authorise, validate and check the version themselves.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reports import exports as reports_exports
from reports import permissions

from . import drafting, drafts, issuing, papers

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _page(request: HttpRequest, period, mat=None, *, status: int = 200, error: str = "", posted=None):
    mat = mat or drafting.material(period)
    draft = drafts.draft_of(period)
    text = drafts.current_text(mat, draft)
    if posted is not None:  # a refused save: the editor keeps what they typed
        # After a conflict the page keeps the version it was made from, so saving it again is refused again
        # rather than silently replacing the other editor's save the editor has not seen.
        version = posted[2] if len(posted) > 2 and posted[2] is not None else text.version
        text = drafts.DraftText(posted[0], {**text.texts, **posted[1]}, version)
    context = {
        "heading": reports_exports.with_year(period.label, period.plan.year),
        "period": period,
        "mat": mat,
        "draft": draft,
        "text": text,
        "sections": [(found, text.texts.get(found.key, "")) for found in mat.sections],
        "versions": drafts.versions(draft),
        "orphans": drafts.orphans(mat, draft),
        "issue_state": issuing.consolidated_issue_state(period),
        "can_edit": permissions.can_review(request.user),
        "can_issue": permissions.can_issue_consolidated(request.user),
        "error": error,
    }
    return render(request, "consolidation/draft.html", context, status=status)


def _posted(request: HttpRequest, mat) -> tuple[str, dict[str, str]]:
    texts = {found.key: request.POST[f"s-{found.key}"] for found in mat.sections if f"s-{found.key}" in request.POST}
    return request.POST.get("basis", ""), texts


def _append(texts: dict, mat, action: str, value: str) -> str:
    """The page without JavaScript: "Trích" and "Chèn số liệu" are submit buttons; the words go at the end of the
    section's text, then the draft is saved. Returns the section's key (the page scrolls back to it)."""
    key, _sep, quote_key = value.partition(":")
    found = mat.by_key.get(key)
    if found is None:
        raise drafts.DraftError(_("Mục này không có trong đề cương của kỳ báo cáo."), code="not_found")
    if action == "insert":
        words = found.figures_text
    else:
        quote = found.quote(quote_key)
        if quote is None:
            raise drafts.DraftError(_("Không tìm thấy ý kiến này của các đơn vị."), code="not_found")
        words = f"- {quote.said}"
    current = texts.get(key, "").rstrip("\n")
    texts[key] = f"{current}\n{words}" if current else words
    return key


@login_required
@require_http_methods(["GET", "POST"])
def draft(request: HttpRequest, period_pk: int) -> HttpResponse:
    """GET: the draft; POST: a save (the button, a quote without JavaScript, or the autosave asking for JSON)."""
    period = permissions.get_period_for_user(request.user, period_pk, review=request.method == "POST")
    if request.method == "GET":
        return _page(request, period)
    mat = drafting.material(period)
    basis, texts = _posted(request, mat)
    anchor = ""
    try:
        for action in ("quote", "insert"):
            if request.POST.get(action):
                anchor = _append(texts, mat, action, request.POST[action])
        saved = drafts.draft_save(
            period=period,
            basis=basis,
            texts=texts,
            version=_int(request.POST.get("version")),
            by=request.user,
            mat=mat,
        )
    except drafts.DraftError as exc:
        if _wants_json(request):
            return JsonResponse({"error": exc.message}, status=exc.status)
        if exc.code == "not_found":
            raise Http404(exc.message) from exc
        stale = _int(request.POST.get("version")) if exc.code == "conflict" else None
        return _page(request, period, mat, status=exc.status, error=exc.message, posted=(basis, texts, stale))
    when = timezone.localtime(saved.updated_at).strftime("%H:%M:%S")
    done = _("Đã lưu dự thảo lúc %(when)s (lần lưu %(version)s).") % {"when": when, "version": saved.version}
    if _wants_json(request):
        return JsonResponse({"version": saved.version, "message": done})
    messages.success(request, done)
    url = reverse("consolidation:draft", args=[period.pk])
    return redirect(f"{url}#muc-{anchor}" if anchor else url)


@login_required
@require_POST
def draft_restore(request: HttpRequest, period_pk: int) -> HttpResponse:
    period = permissions.get_period_for_user(request.user, period_pk, review=True)
    try:
        saved = drafts.draft_restore(
            period=period,
            history_id=request.POST.get("history"),
            version=_int(request.POST.get("version")),
            by=request.user,
        )
    except drafts.DraftError as exc:
        if exc.code == "not_found":
            raise Http404(exc.message) from exc
        return _page(request, period, status=exc.status, error=exc.message)
    messages.success(request, _("Đã khôi phục; đây là lần lưu %(version)s của dự thảo.") % {"version": saved.version})
    return redirect("consolidation:draft", period.pk)


def _filename(period, ext: str) -> str:
    return f"bao-cao-{period.code}-{period.plan.year}-du-thao.{ext}"


@login_required
@require_GET
def draft_preview(request: HttpRequest, period_pk: int) -> HttpResponse:
    """The draft as it stands as the paper leadership would sign, the number left blank."""
    period = permissions.get_period_for_user(request.user, period_pk)
    response = HttpResponse(papers.consolidated_pdf(period), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_filename(period, "pdf")}"'
    return response


@login_required
@require_GET
def draft_docx(request: HttpRequest, period_pk: int) -> HttpResponse:
    """The draft as an editable Word file, for a superior who asks for one."""
    period = permissions.get_period_for_user(request.user, period_pk)
    response = HttpResponse(papers.consolidated_docx(period), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(period, "docx")}"'
    return response
