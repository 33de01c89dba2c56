"""What each role may do with the reports app's models, as model permissions of the role's group.

Bodies' own forms are object permissions of the body's group (granted in services.report_expected_generate),
so village heads and department staff get no model-wide permission here.
"""

from plans.models import Role

_READ = ["view_progressreport", "view_itemprogress", "view_indicator", "view_consolidated", "view_dashboard"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.LEADERSHIP: _READ,
    Role.COORDINATOR: [*_READ, "review_progressreport", "add_indicator", "change_indicator"],
    Role.ADMIN: [*_READ, "add_indicator", "change_indicator"],
    # The MTTQ reads its own forms (its body's group) and the consolidated reports.
    Role.MTTQ: ["view_consolidated"],
    Role.DEPARTMENT: [],
    Role.VILLAGE_HEAD: [],
}
