"""Writes of the plans app: roles and memberships, bodies, plan import, copying a plan."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from guardian.shortcuts import assign_perm

from .models import Body, Membership, Role

User = get_user_model()


def role_group(role: str) -> Group:
    group, _ = Group.objects.get_or_create(name=f"role:{role}")
    return group


def role_permissions_sync(*, app_label: str, table: dict[str, list[str]]) -> None:
    """Make each role group hold exactly the listed permissions of one app (other apps' are left alone)."""
    perms = {p.codename: p for p in Permission.objects.filter(content_type__app_label=app_label)}
    for role in Role:
        group = role_group(role)
        wanted = [perms[c] for c in table.get(role, []) if c in perms]
        current = set(group.permissions.filter(content_type__app_label=app_label))
        group.permissions.remove(*(current - set(wanted)))
        group.permissions.add(*wanted)


@transaction.atomic
def body_group_sync(*, body: Body) -> Group:
    """Give the body its own group and grant that group the body's object permissions.

    Object permissions go to the group, never to a user, so a new village head is one membership change.
    """
    if body.group_id is None:
        group, _ = Group.objects.get_or_create(name=body.group_name)
        body.group = group
        body.save(update_fields=["group"])
    assign_perm("plans.view_body", body.group, body)
    return body.group


@transaction.atomic
def body_create(*, name: str, code: str, kind: str, email: str = "", order: int = 0, **extra) -> Body:
    body = Body.objects.create(name=name, code=code, kind=kind, email=email, order=order, **extra)
    body_group_sync(body=body)
    return body


@transaction.atomic
def membership_set(*, user, body: Body | None, role: str) -> Membership:
    """Put a user in one body with one role: the role's group and the body's group, and no others."""
    if body is not None:
        body_group_sync(body=body)
    membership, _ = Membership.objects.update_or_create(user=user, defaults={"body": body, "role": role})
    stale = user.groups.filter(name__regex=r"^(role|body):")
    user.groups.remove(*stale)
    user.groups.add(role_group(role))
    if body is not None:
        user.groups.add(body.group)
    if role == Role.ADMIN and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return membership
