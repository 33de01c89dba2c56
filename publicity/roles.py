"""What each role, and the one body with a duty of its own, may do with the publicity app (synced by apps.py).

The body that handles a feedback case gets object permissions on that case, granted to the body's group
by the forward step (publicity.workflow); these model permissions are the role-wide ones. Code asks
them through publicity.permissions, never by role name or body code: the names and codes live here only.
"""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.db import DEFAULT_DB_ALIAS, connections

from plans.models import Body, Role

_DISCLOSURE_EDIT = ["view_disclosureitem", "add_disclosureitem", "change_disclosureitem"]
_RECEPTION_EDIT = ["view_receptionsession", "add_receptionsession", "change_receptionsession"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    # The MTTQ receives, classifies, forwards, supervises, closes and publishes every case.
    Role.MTTQ: [
        "view_feedback",
        "add_feedback",
        "change_feedback",
        "moderate_feedback",
        "view_disclosureitem",
        "view_receptionsession",
    ],
    Role.COORDINATOR: [*_DISCLOSURE_EDIT, *_RECEPTION_EDIT, "add_feedback"],
    Role.LEADERSHIP: [*_DISCLOSURE_EDIT, *_RECEPTION_EDIT, "add_feedback"],
    Role.DEPARTMENT: ["add_disclosureitem", "change_disclosureitem", "add_feedback"],
    Role.VILLAGE_HEAD: ["add_feedback"],
    Role.ADMIN: [
        *_DISCLOSURE_EDIT,
        *_RECEPTION_EDIT,
        "view_feedback",
        "add_feedback",
        "change_feedback",
        "moderate_feedback",
    ],
}

OFFICE_BODY_CODE = "vp-hdnd-ubnd"

# Granted to a body's own group, so every member of it holds them whatever their role: the office (Văn
# phòng HĐND và UBND) keeps the citizen-reception schedule.
BODY_PERMISSIONS: dict[str, list[str]] = {
    OFFICE_BODY_CODE: _RECEPTION_EDIT,
}


def body_permissions_grant(body: Body) -> None:
    """Make the body's group hold exactly the publicity permissions its code carries in BODY_PERMISSIONS."""
    if body.group_id is None:
        return
    codenames = BODY_PERMISSIONS.get(body.code, [])
    group = body.group
    current = set(group.permissions.filter(content_type__app_label="publicity"))
    wanted = set(Permission.objects.filter(content_type__app_label="publicity", codename__in=codenames))
    if current - wanted:
        group.permissions.remove(*(current - wanted))
    if wanted - current:
        group.permissions.add(*(wanted - current))


def body_permissions_sync(*, using: str = DEFAULT_DB_ALIAS) -> None:
    # After `migrate plans zero` post_migrate still runs, with no body left to grant anything to.
    if Body._meta.db_table not in connections[using].introspection.table_names():
        return
    for body in Body.objects.using(using).filter(group__isnull=False).select_related("group"):
        body_permissions_grant(body)
