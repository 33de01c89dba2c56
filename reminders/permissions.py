"""Who may change the reminders' settings and words: the coordinator (who reviews reports) and admins."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


def can_manage(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.has_perm("reports.review_progressreport"))


def require_manage(user) -> None:
    if not can_manage(user):
        raise PermissionDenied
