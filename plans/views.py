"""Officials' pages of the plans app: the start page, the plan as a document, a body's work."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import permissions, selectors
from .models import Plan


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """Each role's landing page after login, showing its own work."""
    body = permissions.body_of(request.user)
    plan = selectors.plan_current()
    context = {
        "role": permissions.role_of(request.user),
        "membership": permissions.membership_of(request.user),
        "body": body,
        "plan": plan,
        "assignments": selectors.body_assignments(body, plan) if body else [],
        "periods": selectors.plan_periods(plan) if plan else [],
        "can_manage_plans": permissions.can_manage_plans(request.user),
    }
    return render(request, "plans/start.html", context)


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can_view_plans(request.user):
        raise PermissionDenied
    plans = Plan.objects.order_by("-year", "-created_at")
    return render(
        request, "plans/plan_list.html", {"plans": plans, "can_manage_plans": permissions.can_manage_plans(request.user)}
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


@login_required
def plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan as its official Decree-30 PDF, shown inline in the browser."""
    # Imported here: WeasyPrint takes most of a second to load, which no other page should pay.
    from django.utils.http import content_disposition_header

    from .documents import plan_pdf_filename, plan_render_pdf

    plan = permissions.get_plan_for_user(request.user, pk)
    response = HttpResponse(plan_render_pdf(plan=plan), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, plan_pdf_filename(plan))
    return response
