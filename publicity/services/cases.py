"""Writes of the feedback cases: receiving one, its steps (through publicity.workflow), the citizen's verdict,
the log of who saw personal data, and erasure once the retention period has passed."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from camgiang_portal.workdays import add_working_days
from communes.models import Commune
from plans.models import Body, Item

from .. import codes, permissions, workflow
from ..models import Channel, Feedback, FeedbackAttachment, FeedbackStatus, FeedbackStep, PersonalDataAccess
from ..tenancy import commune_for
from ..uploads import attach_files


def retention_days() -> int:
    return int(getattr(settings, "FEEDBACK_RETENTION_DAYS", 365))


def feedback_code_allocate(*, year: int, commune: Commune | None = None) -> str:
    """A random PA-<commune>-YYYY-XXXX-XXXX code not yet in use (publicity.codes), of `commune` (default: the
    one being served); the unique index settles a race. Checked on every commune's rows: codes are unique
    across the platform."""
    commune = commune or commune_for()
    while True:
        code = codes.new_code(year, commune.code)
        if not Feedback.all_communes.filter(code=code).exists():
            return code


def feedback_submit(
    *,
    kind: str,
    subject: str,
    content: str,
    village: Body | None,
    name: str = "",
    phone: str = "",
    email: str = "",
    consent: bool = False,
    channel: str = Channel.WEB,
    item: Item | None = None,
    files: Iterable[UploadedFile] = (),
    by=None,
    received_on: datetime.date | None = None,
) -> Feedback:
    """Record a case from any channel, with its first step and its clocks; confirm by e-mail after commit.

    `by` is the official who writes down a case received another way, and must be allowed to; without one,
    a citizen sent it (the public form)."""
    if by is not None and not permissions.can_record_feedback(by):
        raise PermissionDenied
    if village is not None and village.kind != Body.Kind.VILLAGE:
        raise ValidationError(_("Hãy chọn một thôn."))
    if channel == Channel.WEB and not (phone or email):
        raise ValidationError(_("Hãy cho biết số điện thoại hoặc thư điện tử để được trả lời."))
    received_on = received_on or timezone.localdate()
    board = channel in workflow.BOARD_CHANNELS
    with transaction.atomic():
        feedback = _feedback_create(
            year=received_on.year,
            commune=commune_for(village),
            kind=kind,
            channel=channel,
            subject=subject.strip(),
            content=content.strip(),
            village=village,
            item=item,
            name=name.strip(),
            phone=phone.strip(),
            email=email.strip(),
            consent=consent,
            received_on=received_on,
            ack_due=add_working_days(received_on, workflow.ACK_WORKING_DAYS),
            answer_due=add_working_days(received_on, workflow.BOARD_ANSWER_WORKING_DAYS) if board else None,
            access_key=codes.new_key(),
            created_by=by,
        )
        FeedbackStep.objects.create(
            feedback=feedback, action=FeedbackStep.Action.RECEIVED, by=by, note=str(Channel(channel).label)
        )
        attach_files(owner_field="feedback", owner=feedback, model=FeedbackAttachment, files=files)
        if feedback.email:
            from camgiang_portal.resilience import enqueue

            from .. import tasks

            transaction.on_commit(lambda: enqueue(tasks.feedback_confirmation_send, feedback.pk))
    return feedback


def _feedback_create(*, year: int, commune: Commune, **fields) -> Feedback:
    """Create the case under a fresh random code; if another request took the same code meanwhile, draw again."""
    for attempt in range(5):
        try:
            with transaction.atomic():
                code = feedback_code_allocate(year=year, commune=commune)
                return Feedback.objects.create(code=code, commune=commune, **fields)
        except IntegrityError:
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


# The steps by name, for code that takes one knowing which (the seeder, tests): each is workflow.transition.


def feedback_classify(*, feedback: Feedback, by, kind: str, item: Item | None = None, note: str = "") -> Feedback:
    return workflow.transition(feedback, "classify", by=by, kind=kind, item=item, note=note)


def feedback_forward(
    *, feedback: Feedback, by, body: Body, due_date: datetime.date | None = None, note: str = ""
) -> Feedback:
    return workflow.transition(feedback, "forward", by=by, body=body, due_date=due_date, note=note)


def feedback_answer(*, feedback: Feedback, by, answer: str) -> Feedback:
    return workflow.transition(feedback, "answer", by=by, answer=answer)


def feedback_return(*, feedback: Feedback, by, note: str) -> Feedback:
    return workflow.transition(feedback, "return", by=by, note=note)


def feedback_close(*, feedback: Feedback, by, note: str = "", answer: str = "") -> Feedback:
    return workflow.transition(feedback, "close", by=by, note=note, answer=answer)


def feedback_publish(*, feedback: Feedback, by, public_summary: str) -> Feedback:
    return workflow.transition(feedback, "publish", by=by, public_summary=public_summary)


@transaction.atomic
def feedback_citizen_resolved(*, feedback: Feedback, key: str, resolved: bool) -> Feedback:
    """The citizen (holding the key given with the code) says whether the matter was resolved; once.

    Not a workflow step: the case does not move, and the key, not an account, is what is checked."""
    feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
    if not codes.key_matches(feedback.access_key, key):
        raise ValidationError(_("Mã xác nhận không đúng."), code="bad_key")
    if feedback.status not in (FeedbackStatus.CLOSED, FeedbackStatus.PUBLISHED):
        raise workflow.state_refused(feedback)
    if feedback.citizen_resolved is not None:
        raise ValidationError(_("Ý kiến đánh giá đã được ghi nhận trước đây."), code="already")
    feedback.citizen_resolved = resolved
    feedback.citizen_resolved_at = timezone.now()
    feedback.save(update_fields=["citizen_resolved", "citizen_resolved_at"])
    FeedbackStep.objects.create(
        feedback=feedback,
        action=FeedbackStep.Action.CITIZEN,
        note=_("Đã được giải quyết") if resolved else _("Chưa được giải quyết"),
    )
    return feedback


def feedback_personal_data_viewed(*, feedback: Feedback, user, purpose: str = "view") -> None:
    PersonalDataAccess.objects.create(feedback=feedback, user=user, purpose=purpose)


def feedback_erase_expired(*, now: datetime.datetime | None = None, dry_run: bool = False) -> int:
    """Erase name, phone and e-mail of cases closed longer ago than the retention period; the case stays.

    Not a workflow step either: nobody takes it and the case does not move."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=retention_days())
    due = Feedback.objects.filter(closed_at__lt=cutoff, personal_data_erased_at__isnull=True)
    if dry_run:
        return due.count()
    erased = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            # Claim with a conditional update so two workers never both log the same erasure.
            claimed = Feedback.objects.filter(pk=pk, personal_data_erased_at__isnull=True).update(
                name="", phone="", email="", personal_data_erased_at=now
            )
            if claimed:
                FeedbackStep.objects.create(feedback_id=pk, action=FeedbackStep.Action.ERASED, at=now)
                erased += 1
    return erased
