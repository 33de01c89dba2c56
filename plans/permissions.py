"""Who may see or change what in the plans app: the one door every view, task and command goes through."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from guardian.shortcuts import get_objects_for_user

from camgiang_portal.actors import is_system

from .models import Body, Item, Membership, Plan, ReportingPeriod, Role


def membership_of(user) -> Membership | None:
    """The user's membership, cached on the user object for the request."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_membership_cache"):
        user._membership_cache = Membership.all_communes.select_related("body").filter(user=user).first()
    return user._membership_cache


def role_of(user) -> str | None:
    if user.is_authenticated and user.is_superuser:
        membership = membership_of(user)
        return membership.role if membership else Role.ADMIN
    membership = membership_of(user)
    return membership.role if membership else None


def body_of(user) -> Body | None:
    membership = membership_of(user)
    return membership.body if membership else None


def is_official(user) -> bool:
    """Any signed-in user with a role: the people who may see the internal plan pages."""
    return user.is_authenticated and (user.is_superuser or role_of(user) is not None)


def can_view_plans(user) -> bool:
    return is_official(user) and user.has_perm("plans.view_plan")


def can_manage_plans(user) -> bool:
    """Import plans, edit the assignment matrix, copy a plan to the next year (the coordinator)."""
    return user.has_perm("plans.change_plan")


def can_view_audit(user) -> bool:
    """The history of who changed what: leadership, the coordinator and the administrator."""
    return user.has_perm("plans.view_audit")


def can_issue_plan(user) -> bool:
    return user.has_perm("plans.issue_plan")


def can_change_periods(user) -> bool:
    """Set a period's data span: the coordinator, who also sets its grace days (reports.permissions.can_review
    asks the same people through reports' own permission)."""
    return user.is_authenticated and user.has_perm("plans.change_reportingperiod")


def require(by, allowed) -> None:
    """The check every service makes first: `by` (a user, or the system actor of commands) may do this.

    `allowed` is one of the `can_*` functions above; refusing raises PermissionDenied, which a view turns
    into its 403 and a command into an error, so no caller can skip the rule by calling the service directly.
    """
    if is_system(by):
        return
    if by is None or not getattr(by, "is_authenticated", False) or not allowed(by):
        raise PermissionDenied


def bodies_for_user(user) -> QuerySet[Body]:
    """Bodies whose page the user may open: all of them with the global permission, else their own."""
    if not user.is_authenticated:
        return Body.objects.none()
    return get_objects_for_user(user, "plans.view_body", klass=Body, accept_global_perms=True)


def openable_body_ids(user) -> set[int]:
    """The ids of the bodies whose page the user may open: pages link to a body only when it is in here."""
    return set(bodies_for_user(user).values_list("pk", flat=True))


def can_open_body(user, body: Body | None) -> bool:
    return body is not None and bodies_for_user(user).filter(pk=body.pk).exists()


# The doors look a row up before they ask about the user's role: a row the served commune does not have
# (another commune's, see communes.scoping) is a 404 for everyone, so no answer tells its ids apart.


def get_plan_for_user(user, pk: int, *, manage: bool = False) -> Plan:
    try:
        plan = Plan.objects.get(pk=pk)
    except (Plan.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if not can_view_plans(user) or (manage and not can_manage_plans(user)):
        raise PermissionDenied
    return plan


def get_body_for_user(user, pk: int) -> Body:
    """404 for a body the user may not see, so other bodies' existence does not leak."""
    try:
        return bodies_for_user(user).get(pk=pk)
    except (Body.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def get_item_for_user(user, plan: Plan, pk) -> Item:
    """An item of a plan the user already holds (through get_plan_for_user); another plan's item is a 404, so
    a forged id leaks nothing."""
    try:
        return Item.objects.select_related("area").get(pk=pk, area__plan=plan)
    except (Item.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def get_pending_body_for_user(user, pk) -> Body:
    """A body the importer created and the coordinator has still to confirm: 403 for others, 404 otherwise."""
    try:
        body = Body.objects.get(pk=pk, needs_confirmation=True)
    except (Body.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if not can_manage_plans(user):
        raise PermissionDenied
    return body


def period_or_404(pk) -> ReportingPeriod:
    """A period of the served commune, for the doors of the apps above (reports, consolidation)."""
    try:
        # The plan's imported source text can be long and no period's page shows it: not read on every view.
        return ReportingPeriod.objects.select_related("plan").defer("plan__source_text").get(pk=pk)
    except (ReportingPeriod.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def get_period_to_change_for_user(user, pk) -> ReportingPeriod:
    """A period whose data span the user sets: 403 for whoever may not, 404 for a period that is not."""
    period = period_or_404(pk)
    if not can_change_periods(user):
        raise PermissionDenied
    return period
