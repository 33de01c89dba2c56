"""Role permissions (a user's own and their groups') read from the shared cache instead of two queries a page.

Every signed-in page asks `has_perm` at least once, and Django's ModelBackend answers with two queries per
request. Roles change rarely (an administrator edits a membership or a group), so the answer is cached in
Redis under a generation number that every such change bumps: the next request of every process sees the
change. Object permissions (guardian) are not cached here. Without a shared cache (the embedded default's
local memory is per process) nothing is cached, so a revoked role never outlives its change.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

GENERATION_KEY = "auth:permissions:generation"


def _timeout() -> int:
    return getattr(settings, "PERMISSION_CACHE_SECONDS", 0)


def generation() -> int:
    # Random start, not 0: a cache emptied and refilled must not bring back numbers used before.
    return cache.get_or_set(GENERATION_KEY, lambda: secrets.randbits(62), None)


def _bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no counter yet (or Redis down: then nothing is cached either)
        cache.set(GENERATION_KEY, secrets.randbits(62), None)


def invalidate(**_signal_kwargs) -> None:
    _bump()
    # Again once the change is committed: a request that read the old rows meanwhile may have cached them
    # under the new number.
    transaction.on_commit(_bump)


class CachedModelBackend(ModelBackend):
    def _get_permissions(self, user_obj, obj, from_name):
        timeout = _timeout()
        if not timeout or not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return super()._get_permissions(user_obj, obj, from_name)
        attribute = f"_{from_name}_perm_cache"
        if not hasattr(user_obj, attribute):
            key = f"auth:permissions:{from_name}:{user_obj.pk}:{int(user_obj.is_superuser)}:{generation()}"
            permissions = cache.get(key)
            if permissions is None:
                permissions = super()._get_permissions(user_obj, obj, from_name)
                cache.set(key, permissions, timeout)
            setattr(user_obj, attribute, permissions)
        return getattr(user_obj, attribute)


def connect() -> None:
    """Every change that can alter a user's role permissions bumps the generation."""
    user_model = get_user_model()
    for through in (user_model.groups.through, user_model.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(invalidate, sender=through, dispatch_uid=f"permission-cache-{through._meta.label}")
    for model in (user_model, Group, Permission):
        post_save.connect(invalidate, sender=model, dispatch_uid=f"permission-cache-save-{model._meta.label}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"permission-cache-delete-{model._meta.label}")
