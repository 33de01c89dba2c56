"""Who may issue papers: leadership (`plans.issue_plan`), through the plans app's one door."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404

from plans import permissions as plan_permissions
from plans.models import Plan

from .models import DocType, IssuedDocument


def can_issue_plan(user) -> bool:
    return plan_permissions.can_issue_plan(user)


def may_issue_plans(user) -> bool:
    """The rule for issuing a plan, which the issue page's door and the plan's paper both apply: an official who
    sees the plans and holds `plans.issue_plan`."""
    return plan_permissions.can_view_plans(user) and can_issue_plan(user)


def check_issuer(user, may_issue: Callable[[object], bool]) -> None:
    """PermissionDenied unless `may_issue(user)`: how every issuable paper authorises in `check_and_lock`.

    The one rule of every service (plans.permissions.require): a person is checked; the system actor of commands
    (camgiang_portal.actors.SYSTEM) is the deployment itself; anyone else, None included, is refused.
    """
    plan_permissions.require(user, may_issue)


def get_plan_to_issue_for_user(user, pk: int) -> Plan:
    """404 when the user cannot see the plan, 403 when they see it but may not issue it."""
    plan = plan_permissions.get_plan_for_user(user, pk)
    check_issuer(user, may_issue_plans)
    return plan


def get_issued_document(sha256: str) -> IssuedDocument:
    """An issued paper is public (it was published when issued): anyone may fetch it by its SHA-256, whatever
    commune issued it and whichever commune's address the link was followed under."""
    try:
        return IssuedDocument.all_communes.get(sha256=str(sha256).lower())
    except (IssuedDocument.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def get_issued_plan_for_user(user, pk: int) -> tuple[Plan, IssuedDocument | None]:
    """An issued (or superseded) plan the user can see, with its signed paper: the version it was issued as,
    even once superseded; None for a plan issued on paper before the portal. 404 for a draft or a plan they
    cannot see."""
    plan = plan_permissions.get_plan_for_user(user, pk)
    if plan.status == Plan.Status.DRAFT:
        raise Http404
    document = (
        IssuedDocument.objects.filter(doc_type=DocType.PLAN, plan_id=plan.pk).order_by("-issued_at", "-pk").first()
    )
    return plan, document
