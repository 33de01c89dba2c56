"""Writes of the citizen-reception schedule."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions
from ..models import ReceptionSession


@transaction.atomic
def reception_session_save(*, session: ReceptionSession | None = None, data: dict, by=None) -> ReceptionSession:
    """Create or edit a session. `by` is the official acting (the views always pass it) and must manage the
    schedule; without one the commune itself writes it (the demo seeder, fixtures)."""
    if by is not None and not permissions.can_manage_reception(by):
        raise PermissionDenied
    session = session or ReceptionSession()
    for field, value in data.items():
        setattr(session, field, value)
    if session.end_time <= session.start_time:
        raise ValidationError(_("Giờ kết thúc phải sau giờ bắt đầu."))
    if session.held and session.date > timezone.localdate():
        raise ValidationError(_("Không thể ghi nhận đã tổ chức một buổi tiếp trong tương lai."))
    session.save()
    return session
