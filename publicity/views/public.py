"""The commune's public pages: no login, Vietnamese, usable on a phone."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from camgiang_portal.clientip import client_ip
from camgiang_portal.safe_files import safe_filename
from plans.selectors import plan_periods, plan_structure

from .. import permissions, selectors, services
from ..codes import key_display
from ..forms import DisclosureFilterForm, FeedbackPublicForm, LookupForm, ResolvedForm, SearchForm
from ..models import Channel, FeedbackStatus

FEEDBACK_RATE_LIMIT = 5  # submissions per IP per hour (settings.FEEDBACK_RATE_LIMIT overrides)
FEEDBACK_RATE_WINDOW = 3600
LOOKUP_RATE_LIMIT = 30  # status pages looked up per IP per hour (settings.FEEDBACK_LOOKUP_RATE_LIMIT overrides)
RESOLVED_RATE_LIMIT = 20  # ratings tried per IP per hour


def _client_ip(request: HttpRequest) -> str:
    # X-Forwarded-For is believed only from a proxy listed in TRUSTED_PROXIES (camgiang_portal.clientip).
    return client_ip(request) or "unknown"


def _too_many(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "publicity/rate_limited.html", {"message": message}, status=429)


def _lookup_limited(request: HttpRequest) -> bool:
    limit = int(getattr(settings, "FEEDBACK_LOOKUP_RATE_LIMIT", LOOKUP_RATE_LIMIT))
    return services.rate_limit_hit(scope="lookup", key=_client_ip(request), limit=limit, window=FEEDBACK_RATE_WINDOW)


def _status_context(feedback, key: str) -> dict:
    """The public page of a case: code, state and step dates for anyone; the rest once published or with the key."""
    return {
        "feedback": feedback,
        "steps": [s for s in selectors.feedback_steps(feedback) if s.action != "erased"],
        "details": permissions.feedback_details_visible(feedback, key),
        "key": key,
        "today": timezone.localdate(),
    }


def home(request: HttpRequest) -> HttpResponse:
    plan = selectors.plan_public()
    context = {
        "plan": plan,
        "periods": plan_periods(plan) if plan else [],
        "disclosures": selectors.disclosures_latest(6),
        "sessions": selectors.reception_upcoming(limit=4),
        "answers": selectors.feedback_published_latest(3),
        "lookup_form": LookupForm(),
    }
    return render(request, "publicity/home.html", context)


def plan_page(request: HttpRequest) -> HttpResponse:
    plan = selectors.plan_public()
    context = {
        "plan": plan,
        "areas": plan_structure(plan) if plan else [],
        "periods": plan_periods(plan) if plan else [],
        "progress": selectors.plan_progress(plan) if plan else None,
    }
    return render(request, "publicity/plan.html", context)


def disclosure_list(request: HttpRequest) -> HttpResponse:
    form = DisclosureFilterForm(request.GET or None, bodies=selectors.disclosure_bodies())
    filters = form.cleaned_data if form.is_valid() else {}
    items = selectors.disclosures_public(
        category=filters.get("category"),
        year=filters.get("year"),
        body_id=filters["body"].pk if filters.get("body") else None,
    )
    page = Paginator(items, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "publicity/disclosure_list.html",
        {"form": form, "page": page, "query": query.urlencode(), "years": selectors.disclosure_years()},
    )


def disclosure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = permissions.get_public_disclosure(pk)
    return render(request, "publicity/disclosure_detail.html", {"item": item, "attachments": item.attachments.all()})


def disclosure_attachment(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    attachment = permissions.get_public_disclosure_attachment(pk, attachment_pk)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=safe_filename(attachment.original_name),
        content_type=attachment.content_type,
    )


def quarterly_list(request: HttpRequest, year: int, quarter: int) -> HttpResponse:
    if quarter not in (1, 2, 3, 4) or not 2000 <= year <= 2100:
        return render(request, "404.html", status=404)
    start, end = selectors.quarter_bounds(year, quarter)
    items = selectors.disclosures_of_quarter(year, quarter)
    context = {"items": items, "year": year, "quarter": quarter, "start": start, "end": end}
    return render(request, "publicity/quarterly_list.html", context)


def quarterly_list_pdf(request: HttpRequest, year: int, quarter: int) -> HttpResponse:
    if quarter not in (1, 2, 3, 4) or not 2000 <= year <= 2100:
        return render(request, "404.html", status=404)
    from ..pdf import quarterly_list_pdf as render_pdf

    response = HttpResponse(render_pdf(year=year, quarter=quarter), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, f"danh-muc-cong-khai-quy-{quarter}-{year}.pdf")
    return response


def plan_pdf(request: HttpRequest) -> HttpResponse:
    """The plan shown on the public page as its Decree-30 PDF (the officials' /plans/<id>/pdf/ needs a login)."""
    from ..pdf import plan_pdf as render_plan_pdf

    content, filename = render_plan_pdf()
    if content is None:
        raise Http404
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response


@require_http_methods(["GET", "POST"])
def feedback_form(request: HttpRequest) -> HttpResponse:
    lookup = LookupForm(request.GET or None) if "code" in request.GET else LookupForm()
    if request.method == "GET" and lookup.is_bound and lookup.is_valid():
        return redirect("publicity:feedback_status", code=lookup.cleaned_data["code"])
    form = FeedbackPublicForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        limit = int(getattr(settings, "FEEDBACK_RATE_LIMIT", FEEDBACK_RATE_LIMIT))
        if services.rate_limit_hit(scope="feedback", key=_client_ip(request), limit=limit, window=FEEDBACK_RATE_WINDOW):
            return render(
                request,
                "publicity/feedback_form.html",
                {
                    "form": form,
                    "lookup": lookup,
                    "error": _("Bạn đã gửi quá nhiều phản ánh trong thời gian ngắn. Vui lòng thử lại sau một giờ."),
                },
                status=429,
            )
        if request.POST.get("website"):
            # A bot filled the hidden field: answer like a refusal, store nothing.
            return render(
                request,
                "publicity/feedback_form.html",
                {"form": FeedbackPublicForm(), "lookup": lookup, "error": _("Không gửi được phản ánh.")},
                status=400,
            )
        if form.is_valid():
            data = form.cleaned_data
            try:
                feedback = services.feedback_submit(
                    kind=data["kind"],
                    subject=data["subject"],
                    content=data["content"],
                    village=data["village"],
                    name=data["name"],
                    phone=data["phone"],
                    email=data["email"],
                    consent=data["consent"],
                    channel=Channel.WEB,
                    files=data["attachments"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                request.session["publicity_last_feedback"] = feedback.code
                request.session["publicity_last_key"] = feedback.access_key
                return redirect("publicity:feedback_sent", code=feedback.code)
        return render(request, "publicity/feedback_form.html", {"form": form, "lookup": lookup}, status=400)
    return render(request, "publicity/feedback_form.html", {"form": form, "lookup": lookup})


def feedback_sent(request: HttpRequest, code: str) -> HttpResponse:
    """The confirmation page: only the browser that sent the case sees its key."""
    if request.session.get("publicity_last_feedback") != code:
        return redirect("publicity:feedback_status", code=code)
    feedback = permissions.get_public_feedback(code)
    key = request.session.get("publicity_last_key", "")
    return render(
        request, "publicity/feedback_sent.html", {"feedback": feedback, "key": key, "key_display": key_display(key)}
    )


def feedback_status(request: HttpRequest, code: str) -> HttpResponse:
    if _lookup_limited(request):
        return _too_many(request, _("Bạn đã tra cứu quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau một giờ."))
    feedback = permissions.get_public_feedback(code)
    if feedback.code != code:
        return redirect(feedback)  # typed in lower case or without dashes: one address per case
    key = request.GET.get("k", "")
    context = _status_context(feedback, key)
    can_rate = (
        feedback.status in (FeedbackStatus.CLOSED, FeedbackStatus.PUBLISHED) and feedback.citizen_resolved is None
    )
    context["resolved_form"] = ResolvedForm(initial={"key": key}) if can_rate else None
    return render(request, "publicity/feedback_status.html", context)


@require_POST
def feedback_resolved(request: HttpRequest, code: str) -> HttpResponse:
    if services.rate_limit_hit(
        scope="resolved", key=_client_ip(request), limit=RESOLVED_RATE_LIMIT, window=FEEDBACK_RATE_WINDOW
    ):
        return _too_many(request, _("Quá nhiều lần thử, vui lòng thử lại sau một giờ."))
    feedback = permissions.get_public_feedback(code)
    form = ResolvedForm(request.POST)
    error = None
    if form.is_valid():
        try:
            services.feedback_citizen_resolved(
                feedback=feedback, key=form.cleaned_data["key"], resolved=form.cleaned_data["resolved"]
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Cảm ơn bạn đã cho biết kết quả giải quyết."))
            return redirect("publicity:feedback_status", code=feedback.code)
    context = _status_context(feedback, request.POST.get("key", "") if error is None else "")
    context.update({"resolved_form": form, "error": error})
    return render(request, "publicity/feedback_status.html", context, status=400)


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results = selectors.search(form.cleaned_data["q"]) if form.is_valid() and form.cleaned_data["q"] else None
    return render(request, "publicity/search.html", {"form": form, "results": results})


def reception(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "publicity/reception.html",
        {
            "sessions": selectors.reception_upcoming(today, limit=20),
            "stats": selectors.reception_stats(today.year),
            "year": today.year,
        },
    )
