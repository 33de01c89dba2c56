"""Officials' publicity pages: the start-page panel and the dashboard.

The cases are in officials_cases, the disclosures in officials_disclosures, the reception schedule in
officials_reception."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from reports import views as reports_views

from .. import permissions, selectors

# --------------------------------------------------------------------------- start page


def _start_panel(request: HttpRequest) -> str:
    """What waits for this official in publicity, as counts (never a citizen's data): "" when nothing concerns them."""
    user = request.user
    today = timezone.localdate()
    context: dict = {}
    if permissions.can_see_feedback_list(user):
        mine = permissions.feedback_for_user(user)
        context["feedback_open"] = mine.filter(status__in=selectors.OPEN).count()
        context["feedback_overdue"] = selectors.feedback_overdue(today).filter(pk__in=mine.values("pk")).count()
    if permissions.can_manage_all_disclosures(user):
        context["feedback_overdue_all"] = selectors.feedback_overdue(today).count()
    if permissions.can_manage_disclosures(user):
        due = selectors.disclosures_due(today, items=permissions.disclosures_for_manager(user))
        context["disclosures"] = {key: len(items) for key, items in due.items()}
    if not context:
        return ""
    return render_to_string("publicity/officials/_start_panel.html", context, request=request)


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """Each official's start page (reports' and plans'), with what waits for them here added on top.

    Composed from the top app down: reports and plans never look up into publicity."""
    panel = _start_panel(request)
    return reports_views.start(request, panels=[panel] if panel else [])


# --------------------------------------------------------------------------- dashboard


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
