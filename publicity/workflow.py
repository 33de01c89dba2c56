"""A feedback case's steps, in one table: where each leaves from and goes to, who may take it, what it records.

A case is created received (services.feedback_submit records the "received" event); from there it moves
only through `transition()`, which locks the row, checks the state and the permission once, applies the
step, saves and records the step's event. Views, tasks and commands all call it (or the services that
name its steps); templates ask `actions_for()` which steps a user has. The model refuses a state written
anywhere else (publicity.models.CaseStateError).

Two things happen to a case without moving it, and are not steps: the citizen's verdict, authorised by the
key they hold, not by an account (services.cases.feedback_citizen_resolved), and the erasure of personal
data when the retention period ends, by nobody (services.cases.feedback_erase_expired).

Nothing of a case is cached: object permissions are read live, and the role permissions' cache follows
group changes by itself (camgiang_portal.permission_cache).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from camgiang_portal.workdays import add_working_days
from plans.models import Body
from plans.services import body_group_sync

from . import permissions
from .models import Channel, Feedback, FeedbackStatus, FeedbackStep
from .state_guard import transition_context
from .text import fold

ACK_WORKING_DAYS = 10  # Luật Tiếp công dân art. 28
BOARD_ANSWER_WORKING_DAYS = 15  # R-T1: answers to the Ban Thanh tra nhân dân
DEFAULT_ANSWER_WORKING_DAYS = 15
BOARD_CHANNELS = {Channel.TTND, Channel.GSDTCD}

S = FeedbackStatus
Action = FeedbackStep.Action


@dataclass
class Applied:
    """What a step wrote on the case (besides the state) and what its event carries."""

    fields: list[str] = field(default_factory=list)
    body: Body | None = None
    due_date: datetime.date | None = None
    note: str = ""


@dataclass(frozen=True)
class Step:
    name: str
    sources: tuple[str, ...]
    target: str
    permission: str  # what `may` asks, for the reader and ARCHITECTURE.md
    may: Callable[[object, Feedback], bool]
    event: str
    apply: Callable[..., Applied]


def _moderator(user, feedback: Feedback) -> bool:
    return permissions.is_moderator(user)


# --------------------------------------------------------------------------- what each step does


def _classify(feedback: Feedback, by, *, kind: str, item=None, note: str = "") -> Applied:
    """The MTTQ classifies the case; this is the acknowledgement the 10-working-day clock waits for."""
    feedback.kind = kind
    feedback.item = item
    feedback.acknowledged_on = timezone.localdate()
    return Applied(["kind", "item", "acknowledged_on"], note=note)


def _forward(feedback: Feedback, by, *, body: Body, due_date: datetime.date | None = None, note: str = "") -> Applied:
    """Forward to a department or a village with a due date; only that body's group may then see and answer it."""
    if body.kind not in (Body.Kind.DEPARTMENT, Body.Kind.VILLAGE, Body.Kind.LEADERSHIP):
        raise ValidationError(_("Chỉ chuyển cho phòng, ban hoặc thôn."))
    today = timezone.localdate()
    due_date = due_date or add_working_days(today, DEFAULT_ANSWER_WORKING_DAYS)
    if due_date < today:
        raise ValidationError(_("Hạn trả lời không được trước hôm nay."))
    if feedback.answer_due and feedback.channel in BOARD_CHANNELS:
        due_date = min(due_date, feedback.answer_due)
    previous = feedback.handling_body
    if previous is not None and previous.group_id and previous != body:
        remove_perm("publicity.view_feedback", previous.group, feedback)
        remove_perm("publicity.change_feedback", previous.group, feedback)
    group = body_group_sync(body=body)
    assign_perm("publicity.view_feedback", group, feedback)
    assign_perm("publicity.change_feedback", group, feedback)
    feedback.handling_body = body
    feedback.answer_due = due_date
    return Applied(["handling_body", "answer_due"], body=body, due_date=due_date, note=note)


def _answer(feedback: Feedback, by, *, answer: str) -> Applied:
    if not answer.strip():
        raise ValidationError(_("Hãy nhập nội dung trả lời."))
    feedback.answer = answer.strip()
    feedback.answered_at = timezone.now()
    return Applied(["answer", "answered_at"], body=feedback.handling_body)


def _return(feedback: Feedback, by, *, note: str) -> Applied:
    """The MTTQ is not satisfied with the draft answer: back to the body."""
    if not note.strip():
        raise ValidationError(_("Hãy ghi rõ yêu cầu đối với cơ quan giải quyết."))
    return Applied(body=feedback.handling_body, note=note.strip())


def _close(feedback: Feedback, by, *, note: str = "", answer: str = "") -> Applied:
    """The MTTQ closes the case: after the body's answer, or directly with its own answer."""
    if answer.strip():
        feedback.answer = answer.strip()
        feedback.answered_at = feedback.answered_at or timezone.now()
    if not feedback.answer:
        raise ValidationError(_("Chưa có nội dung trả lời: hãy nhập câu trả lời trước khi kết thúc."))
    feedback.closed_at = timezone.now()
    return Applied(["answer", "answered_at", "closed_at"], note=note.strip())


def _publish(feedback: Feedback, by, *, public_summary: str) -> Applied:
    """A moderator publishes the case: the summary they wrote and the answer become public, nothing else."""
    if not public_summary.strip():
        raise ValidationError(_("Hãy nhập nội dung tóm tắt để công bố."))
    feedback.public_summary = public_summary.strip()
    feedback.published_at = timezone.now()
    feedback.search_text = fold(" ".join([feedback.code, feedback.public_summary, feedback.answer]))
    return Applied(["public_summary", "published_at", "search_text"])


# --------------------------------------------------------------------------- the table

MODERATE = "publicity.moderate_feedback"
HOLDS_CASE = "publicity.change_feedback on the case, while it is forwarded to the user's body"

STEPS: dict[str, Step] = {
    step.name: step
    for step in [
        Step("classify", (S.RECEIVED,), S.CLASSIFIED, MODERATE, _moderator, Action.CLASSIFIED, _classify),
        Step("forward", (S.CLASSIFIED, S.FORWARDED), S.FORWARDED, MODERATE, _moderator, Action.FORWARDED, _forward),
        Step("answer", (S.FORWARDED,), S.ANSWERED, HOLDS_CASE, permissions.can_answer, Action.ANSWERED, _answer),
        Step("return", (S.ANSWERED,), S.FORWARDED, MODERATE, _moderator, Action.RETURNED, _return),
        Step("close", (S.CLASSIFIED, S.FORWARDED, S.ANSWERED), S.CLOSED, MODERATE, _moderator, Action.CLOSED, _close),
        Step("publish", (S.CLOSED,), S.PUBLISHED, MODERATE, _moderator, Action.PUBLISHED, _publish),
    ]
}


def may(user, feedback: Feedback, name: str) -> bool:
    """Whether the user holds the step's permission on this case (its state is transition()'s to check)."""
    return user is not None and STEPS[name].may(user, feedback)


def authorise(user, feedback: Feedback, name: str) -> None:
    """403 before a view reads the step's form, as transition() would refuse it after."""
    if not may(user, feedback, name):
        raise PermissionDenied


def actions_for(user, feedback: Feedback) -> list[str]:
    """The steps this user may take on the case as it stands: what its page offers."""
    return [step.name for step in STEPS.values() if feedback.status in step.sources and may(user, feedback, step.name)]


def state_refused(feedback: Feedback) -> ValidationError:
    return ValidationError(
        _("Phản ánh %(code)s đang ở trạng thái “%(status)s”, không thực hiện được thao tác này.")
        % {"code": feedback.code, "status": feedback.get_status_display()},
        code="bad_state",
    )


@transaction.atomic
def transition(feedback: Feedback, name: str, *, by, **params) -> Feedback:
    """Take one step: lock the case, check its state, then the user's permission, apply, save, record the event.

    The state is checked first: a step out of order is a ValidationError ("bad_state") whoever asks;
    a step the user may not take is PermissionDenied."""
    step = STEPS[name]
    feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
    if feedback.status not in step.sources:
        raise state_refused(feedback)
    authorise(by, feedback, name)
    applied = step.apply(feedback, by, **params)
    feedback.status = step.target
    with transition_context():
        feedback.save(update_fields=[*applied.fields, "status"])
    FeedbackStep.objects.create(
        feedback=feedback, action=step.event, by=by, body=applied.body, due_date=applied.due_date, note=applied.note
    )
    return feedback
