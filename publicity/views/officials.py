"""Officials' publicity dashboard.

The cases are in officials_cases, the disclosures in officials_disclosures, the reception schedule in
officials_reception."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .. import permissions, selectors


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not permissions.can_see_dashboard(user):
        raise PermissionDenied
    today = timezone.localdate()
    context = {
        "can_manage_disclosures": permissions.can_manage_disclosures(user),
        "can_manage_reception": permissions.can_manage_reception(user),
        "can_see_feedback": permissions.can_see_feedback_list(user),
        "is_moderator": permissions.is_moderator(user),
        "can_record": permissions.can_record_feedback(user),
    }
    if context["can_manage_disclosures"]:
        context["due"] = selectors.disclosures_due(today, items=permissions.disclosures_for_manager(user))
    if context["can_see_feedback"] or permissions.can_manage_all_disclosures(user):
        # The coordinator sees overdue cases as codes and dates only, never the personal data.
        context["overdue"] = (
            list(selectors.feedback_overdue(today).filter(pk__in=permissions.feedback_for_user(user).values("pk"))[:50])
            if context["can_see_feedback"]
            else []
        )
        context["overdue_count"] = selectors.feedback_overdue(today).count()
    return render(request, "publicity/officials/dashboard.html", context)
