"""Writes of the publicity app, by sub-domain; every one that acts for an official checks that official.

- cases: receiving a case, its steps by name (each one publicity.workflow.transition), the citizen's
  verdict, the personal-data log, erasure after retention;
- disclosures: draft, publish, end, loudspeaker days;
- reception: the citizen-reception schedule;
- limits: the citizens' rate limits;
- figures: what the portal counted, handed to the consolidated report.

`from publicity import services` is the app's one service interface: callers (views, tasks, commands, the
seeder, other apps' tests) name a service, not the module it lives in.
"""

from .cases import (
    feedback_answer,
    feedback_citizen_resolved,
    feedback_classify,
    feedback_close,
    feedback_code_allocate,
    feedback_erase_expired,
    feedback_forward,
    feedback_personal_data_viewed,
    feedback_publish,
    feedback_return,
    feedback_submit,
    retention_days,
)
from .disclosures import disclosure_archive, disclosure_loudspeaker_record, disclosure_publish, disclosure_save
from .figures import portal_figures_push
from .limits import address_digest, rate_limit_hit
from .reception import reception_session_save

__all__ = [
    "address_digest",
    "disclosure_archive",
    "disclosure_loudspeaker_record",
    "disclosure_publish",
    "disclosure_save",
    "feedback_answer",
    "feedback_citizen_resolved",
    "feedback_classify",
    "feedback_close",
    "feedback_code_allocate",
    "feedback_erase_expired",
    "feedback_forward",
    "feedback_personal_data_viewed",
    "feedback_publish",
    "feedback_return",
    "feedback_submit",
    "portal_figures_push",
    "rate_limit_hit",
    "reception_session_save",
    "retention_days",
]
