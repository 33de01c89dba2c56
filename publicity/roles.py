"""What each role may do with the publicity app's models (synced after migrate by apps.py).

The body that handles a feedback case gets object permissions on that case, granted to the body's
group in services.feedback_forward; these model permissions are the role-wide ones.
"""

from plans.models import Role

_DISCLOSURE_EDIT = ["view_disclosureitem", "add_disclosureitem", "change_disclosureitem"]
_RECEPTION_EDIT = ["view_receptionsession", "add_receptionsession", "change_receptionsession"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    # The MTTQ receives, classifies, forwards, supervises, closes and publishes every case.
    Role.MTTQ: ["view_feedback", "add_feedback", "change_feedback", "view_disclosureitem", "view_receptionsession"],
    Role.COORDINATOR: [*_DISCLOSURE_EDIT, *_RECEPTION_EDIT, "add_feedback"],
    Role.LEADERSHIP: [*_DISCLOSURE_EDIT, *_RECEPTION_EDIT, "add_feedback"],
    Role.DEPARTMENT: ["add_disclosureitem", "change_disclosureitem", "add_feedback"],
    Role.VILLAGE_HEAD: ["add_feedback"],
    Role.ADMIN: [*_DISCLOSURE_EDIT, *_RECEPTION_EDIT, "view_feedback", "add_feedback", "change_feedback"],
}
