"""The city's own Báo cáo (city.report): the draft page, its save, the PDF preview, the editable .docx and its
issuing by a city leader (city.issuing)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from camgiang_portal import signing

from . import issuing, permissions, report


@login_required
@require_http_methods(["GET", "POST"])
def draft(request: HttpRequest, pk: int) -> HttpResponse:
    member = permissions.require_city_member(request.user)
    city_period = permissions.city_period_or_404(pk)
    basis, texts, version = report.current_texts(city_period)
    status, error = 200, ""
    if request.method == "POST":
        permissions.require_officer(request.user)
        basis = request.POST.get("basis", "")
        texts = {s.key: request.POST.get(s.key, "") for s in report.SECTIONS}
        try:
            posted_version = int(request.POST.get("version", ""))
        except ValueError:
            posted_version = -1
        try:
            report.draft_save(
                city_period=city_period, basis=basis, texts=texts, version=posted_version, by=request.user
            )
        except report.DraftConflict:
            status, error = (
                409,
                _(
                    "Người khác vừa lưu dự thảo này. Nội dung bạn viết vẫn ở dưới; hãy chép lại phần cần giữ rồi tải "
                    "lại trang để xem bản mới nhất."
                ),
            )
        except ValidationError as exc:
            status, error = 400, " ".join(exc.messages)
        else:
            messages.success(request, _("Đã lưu dự thảo báo cáo của thành phố."))
            return redirect("city:report", pk=city_period.pk)
    return _page(request, member, city_period, (basis, texts, version), status=status, error=error)


def _page(request, member, city_period, texts_now=None, *, status=200, error="") -> HttpResponse:
    basis, texts, version = texts_now or report.current_texts(city_period)
    context = {
        "member": member,
        "city_period": city_period,
        "basis": basis,
        "sections": [(s, texts.get(s.key, "")) for s in report.SECTIONS],
        "version": version,
        "error": error,
        "can_edit": permissions.can_act(member),
        "can_issue": permissions.is_leader(member),
        "issue_refusal": issuing.issue_refusal(city_period, report.draft_of(city_period)),
        "documents": issuing.city_documents(city_period),
    }
    return render(request, "city/report.html", context, status=status)


@login_required
@require_POST
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    """A city leader issues the city's Báo cáo as the draft stands; a refusal (a second click) is the page with
    its reason (409), nothing numbered."""
    permissions.require_city_member(request.user)
    city_period = permissions.city_period_or_404(pk)
    member = permissions.require_leader(request.user)
    try:
        document = issuing.city_report_issue(city_period=city_period, by=request.user)
    except ValidationError as exc:
        return _page(request, member, city_period, status=409, error=" ".join(exc.messages))
    except signing.SigningError as exc:
        return _page(request, member, city_period, status=503, error=str(exc))
    messages.success(
        request, _("Đã ban hành báo cáo của thành phố số %(symbol)s và ký số.") % {"symbol": document.symbol}
    )
    return redirect("city:report", pk=city_period.pk)


@login_required
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    member = permissions.require_city_member(request.user)
    city_period = permissions.city_period_or_404(pk)
    # A leader previews the paper they would sign: their name and position in the signature block.
    signer = report.signer_of(member) if permissions.is_leader(member) else None
    response = HttpResponse(report.preview_pdf(city_period, signer), content_type="application/pdf")
    name = f"du-thao-bao-cao-thanh-pho-{city_period.code}-{city_period.year}.pdf"
    response["Content-Disposition"] = content_disposition_header(False, name)
    return response


@login_required
def docx(request: HttpRequest, pk: int) -> HttpResponse:
    permissions.require_city_member(request.user)
    city_period = permissions.city_period_or_404(pk)
    response = HttpResponse(
        report.editable_docx(city_period),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    name = f"du-thao-bao-cao-thanh-pho-{city_period.code}-{city_period.year}.docx"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
