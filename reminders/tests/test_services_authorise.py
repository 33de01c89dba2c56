"""The reminders' settings and words are changed only by those who manage them, whoever calls the service."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from camgiang_portal.actors import SYSTEM
from reminders import services
from reminders.models import NoticeKind, NoticeTemplate, ReminderSettings

pytestmark = pytest.mark.django_db

SETTINGS = {
    "days_before": "7, 1",
    "days_after": "1",
    "enabled": True,
    "digest_enabled": True,
    "leadership_enabled": True,
}


@pytest.mark.parametrize("username", ["truongthon1", "mttq", "phongkinhte", "lanhdao"])
def test_only_the_coordinator_changes_settings_and_words(user_named, username):
    user = user_named(username)
    with pytest.raises(PermissionDenied):
        services.settings_update(**SETTINGS, by=user)
    with pytest.raises(PermissionDenied):
        services.template_update(kind=NoticeKind.BEFORE, subject="Nhắc", body="{{ body }}", by=user)
    with pytest.raises(PermissionDenied):
        services.template_reset(kind=NoticeKind.BEFORE, by=user)
    assert not NoticeTemplate.objects.filter(subject="Nhắc").exists()


@pytest.mark.parametrize("by", [None, "coordinator", SYSTEM])
def test_the_coordinator_and_the_system_actor_may_none_may_not(user_named, by):
    actor = user_named("vanhoaxahoi") if by == "coordinator" else by
    if actor is None:
        with pytest.raises(PermissionDenied):
            services.settings_update(**SETTINGS, by=actor)
        return
    services.settings_update(**SETTINGS, by=actor)
    assert ReminderSettings.objects.get().days_before == "7, 1"  # the one row: the home commune's
