"""Writes of the citizen-reception schedule."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plans import permissions as plans_permissions

from .. import permissions
from ..models import ReceptionSession
from ..tenancy import commune_for, default_place


@transaction.atomic
def reception_session_save(*, session: ReceptionSession | None = None, data: dict, by) -> ReceptionSession:
    """Create or edit a session. `by` is the official acting, who must manage the schedule, or the system actor
    of commands and seeding (camgiang_portal.actors.SYSTEM)."""
    plans_permissions.require(by, permissions.can_manage_reception)
    if session is None:
        commune = commune_for()
        # The model's default names the home commune's seat; a new session of another commune names its own.
        session = ReceptionSession(commune=commune, place=default_place(commune))
    for field, value in data.items():
        setattr(session, field, value)
    if session.end_time <= session.start_time:
        raise ValidationError(_("Giờ kết thúc phải sau giờ bắt đầu."))
    if session.held and session.date > timezone.localdate():
        raise ValidationError(_("Không thể ghi nhận đã tổ chức một buổi tiếp trong tương lai."))
    session.save()
    return session
