"""Issuing a plan (leadership) and the public verification page (/xac-thuc/)."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from camgiang_portal import signing

from . import permissions, selectors, services
from .forms import VerifyForm


@login_required
@require_http_methods(["GET", "POST"])
def plan_issue(request: HttpRequest, pk: int) -> HttpResponse:
    plan = permissions.get_plan_to_issue_for_user(request.user, pk)
    status, error = 200, ""
    if request.method == "POST":
        try:
            document = services.plan_issue(plan=plan, by=request.user)
        except ValidationError as exc:
            status, error = 409, " ".join(exc.messages)
        except signing.SigningError as exc:
            status, error = 503, str(exc)
        else:
            messages.success(request, _("Đã ban hành kế hoạch số %(symbol)s và ký số.") % {"symbol": document.symbol})
            return redirect(plan.get_absolute_url())
    context = {"plan": plan, "documents": selectors.plan_documents(plan.pk), "error": error}
    return render(request, "issuance/plan_issue.html", context, status=status)


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Anyone uploads a PDF: are its signatures intact, valid and trusted, and did the portal issue it?"""
    status, result, match, digest = 200, None, None, ""
    if request.method == "POST":
        form = VerifyForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data["file"].read()
            digest = hashlib.sha256(data).hexdigest()
            result = signing.verify_pdf(data, signing.default_trust_roots())
            match = selectors.document_by_hash(digest)
            if not result.is_pdf:
                status = 400
        else:
            status = 413 if form.too_large else 400
    else:
        form = VerifyForm()
    context = {
        "form": form,
        "result": result,
        "match": match,
        "digest": digest,
        "documents": selectors.issued_documents(),
    }
    return render(request, "issuance/verify.html", context, status=status)


def download(request: HttpRequest, sha256: str) -> FileResponse:
    return _signed_file(permissions.get_issued_document(sha256))


@login_required
def plan_document(request: HttpRequest, pk: int) -> FileResponse:
    """An issued plan's PDF from its page: the stored signed bytes (those /xac-thuc/ recognises), never a new
    rendering, so the file leadership sends on is the one it signed. A plan issued on paper before the portal
    (last year's, entered as issued) has no signed file here: its text is rendered with its number and date."""
    plan, document = permissions.get_issued_plan_for_user(request.user, pk)
    if document is not None:
        return _signed_file(document)
    from django.utils.http import content_disposition_header

    from plans.documents import plan_pdf  # WeasyPrint loads slowly: only a rendering pays for it

    rendered = plan_pdf(plan)
    response = HttpResponse(rendered.content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, rendered.filename)
    return response


def _signed_file(document) -> FileResponse:
    response = FileResponse(document.file.open("rb"), content_type="application/pdf", filename=document.filename)
    response["Content-Disposition"] = response["Content-Disposition"].replace("attachment", "inline")
    return response
