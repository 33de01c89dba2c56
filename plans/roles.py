"""What each role may do with the plans app's models, as Django model permissions of the role's group.

Each app declares its own table; `services.role_permissions_sync` writes it after every migrate, so a
fresh database, a new permission or a changed table needs no hand work in the admin.
"""

from .models import Role

_READ = [
    "view_plan",
    "view_body",
    "view_contentarea",
    "view_item",
    "view_assignment",
    "view_task",
    "view_reportingperiod",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.LEADERSHIP: [*_READ, "issue_plan", "view_audit"],
    Role.COORDINATOR: [
        *_READ,
        "add_plan",
        "change_plan",
        "change_body",
        "add_body",
        "add_assignment",
        "change_assignment",
        "delete_assignment",
        "change_reportingperiod",
        "view_audit",
    ],
    Role.ADMIN: [*_READ, "add_plan", "change_plan", "add_body", "change_body", "change_assignment", "view_audit"],
    # Department staff, village heads and the MTTQ see the plan; they see bodies only through their
    # own body's group (an object permission granted in services.body_group_sync).
    Role.DEPARTMENT: ["view_plan", "view_contentarea", "view_item"],
    Role.VILLAGE_HEAD: ["view_plan", "view_contentarea", "view_item"],
    Role.MTTQ: ["view_plan", "view_contentarea", "view_item"],
}
