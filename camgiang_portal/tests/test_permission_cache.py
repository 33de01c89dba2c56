"""Role permissions come from the shared cache, and a change of role is seen on the very next request."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from camgiang_portal import permission_cache
from plans import services as plans_services
from plans.models import Body, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    settings.PERMISSION_CACHE_SECONDS = 300


def permission_queries(user) -> int:
    with CaptureQueriesContext(connection) as captured:
        user.has_perm("reports.view_dashboard")
    return sum("auth_permission" in q["sql"] for q in captured.captured_queries)


def fresh(user_named, username):
    return user_named(username)  # a new object: nothing held over on the instance


def test_second_request_reads_no_permission_rows(cached, user_named):
    assert permission_queries(fresh(user_named, "vanhoaxahoi")) == 2
    assert permission_queries(fresh(user_named, "vanhoaxahoi")) == 0
    assert fresh(user_named, "vanhoaxahoi").has_perm("reports.view_dashboard")


def test_a_role_change_is_seen_at_once(cached, client_for, user_named):
    client = client_for("vanhoaxahoi")
    assert client.get(reverse("consolidation:dashboard")).status_code == 200
    plans_services.membership_set(
        user=user_named("vanhoaxahoi"), body=Body.objects.get(code="thon-001"), role=Role.VILLAGE_HEAD
    )
    assert client.get(reverse("consolidation:dashboard")).status_code == 403


def test_a_group_losing_a_permission_is_seen_at_once(cached, user_named):
    coordinator = fresh(user_named, "vanhoaxahoi")
    assert coordinator.has_perm("reports.view_dashboard")
    permission = Permission.objects.get(codename="view_dashboard")
    for group in coordinator.groups.filter(permissions=permission):
        group.permissions.remove(permission)
    assert not fresh(user_named, "vanhoaxahoi").has_perm("reports.view_dashboard")


def test_a_deactivated_user_has_no_permissions(cached, user_named):
    user = fresh(user_named, "vanhoaxahoi")
    assert user.has_perm("reports.view_dashboard")
    user.is_active = False
    user.save()
    assert not fresh(user_named, "vanhoaxahoi").has_perm("reports.view_dashboard")


def test_nothing_is_cached_without_a_shared_cache(settings, user_named):
    settings.PERMISSION_CACHE_SECONDS = 0
    fresh(user_named, "vanhoaxahoi").has_perm("reports.view_dashboard")
    assert permission_queries(fresh(user_named, "vanhoaxahoi")) == 2


def test_generation_survives_a_cache_without_counter(cached, user_named):
    from django.core.cache import cache

    cache.delete(permission_cache.GENERATION_KEY)
    permission_cache.invalidate()
    assert isinstance(permission_cache.generation(), int)
    assert fresh(user_named, "vanhoaxahoi").has_perm("reports.view_dashboard")
