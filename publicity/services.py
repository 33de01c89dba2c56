"""Writes of the publicity app: feedback workflow, disclosures, reception schedule, rate limit, erasure."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from camgiang_portal.resilience import CacheUnavailable, shared_counter_incr
from camgiang_portal.safe_files import safe_filename
from camgiang_portal.validators import no_html
from camgiang_portal.workdays import add_working_days
from plans.models import Body, Item
from plans.selectors import plan_current
from reports import services as report_services

from . import codes, rules, selectors
from .models import (
    Channel,
    DisclosureAttachment,
    DisclosureItem,
    DisclosureStatus,
    Feedback,
    FeedbackAttachment,
    FeedbackStatus,
    FeedbackStep,
    PersonalDataAccess,
    RateLimitHit,
    ReceptionSession,
)
from .text import fold
from .uploads import check_upload

ACK_WORKING_DAYS = 10  # Luật Tiếp công dân art. 28
BOARD_ANSWER_WORKING_DAYS = 15  # R-T1: answers to the Ban Thanh tra nhân dân
DEFAULT_ANSWER_WORKING_DAYS = 15
BOARD_CHANNELS = {Channel.TTND, Channel.GSDTCD}
RATE_LIMIT_PREFIX = "publicity:rl"


def retention_days() -> int:
    return int(getattr(settings, "FEEDBACK_RETENTION_DAYS", 365))


def _today() -> datetime.date:
    return timezone.localdate()


# --------------------------------------------------------------------------- rate limit


def address_digest(address: str) -> str:
    """A keyed hash of the client's address: counts per address without keeping the address (Decree 13)."""
    return hmac.new(settings.SECRET_KEY.encode(), f"rate-limit:{address}".encode(), hashlib.sha256).hexdigest()[:40]


def _database_count(*, scope: str, digest: str, limit: int, window: int) -> int:
    """Count the attempt in RateLimitHit; a refused attempt leaves no row, so a flood does not grow the table."""
    now = timezone.now()
    since = now - datetime.timedelta(seconds=window)
    RateLimitHit.objects.filter(scope=scope, at__lt=since).delete()
    # Write first, then count (views run in autocommit): two concurrent attempts each see the other, so
    # together they may both be refused at the edge but never both pass it.
    hit = RateLimitHit.objects.create(scope=scope, key=digest, at=now)
    count = RateLimitHit.objects.filter(scope=scope, key=digest, at__gte=since).count()
    if count > limit:
        hit.delete()
    return count


def rate_limit_hit(*, scope: str, key: str, limit: int, window: int) -> bool:
    """Count one attempt for (scope, address); True when the limit for the window is exceeded.

    Counted in the shared Redis when it answers; in the database when it does not (down, or not
    configured): a limit never turns into "unlimited" because Redis is gone.
    """
    digest = address_digest(key)
    try:
        count = shared_counter_incr(f"{RATE_LIMIT_PREFIX}:{scope}:{digest}", window)
    except CacheUnavailable:
        count = _database_count(scope=scope, digest=digest, limit=limit, window=window)
    return count > limit


# --------------------------------------------------------------------------- feedback


def feedback_code_allocate(*, year: int) -> str:
    """A random PA-YYYY-XXXX-XXXX code not yet in use (publicity.codes); the unique index settles a race."""
    while True:
        code = codes.new_code(year)
        if not Feedback.objects.filter(code=code).exists():
            return code


def _attach(*, owner_field: str, owner, model, files: Iterable[UploadedFile]) -> None:
    """Store the files; if one is refused, the ones already written are deleted and the error re-raised."""
    written = []
    try:
        for upload in files:
            mime, ext = check_upload(upload)
            attachment = model(
                **{owner_field: owner},
                original_name=safe_filename(upload.name),
                content_type=mime,
                extension=ext,
                size=upload.size,
                token=secrets.token_hex(16),
            )
            attachment.file.save(f"{attachment.token}.{ext}", upload, save=False)
            written.append(attachment.file)
            attachment.save()
    except Exception:
        for stored in written:
            stored.storage.delete(stored.name)
        raise


def _step(
    feedback: Feedback, action: str, *, by=None, note: str = "", body: Body | None = None, due_date=None
) -> FeedbackStep:
    return FeedbackStep.objects.create(feedback=feedback, action=action, by=by, note=note, body=body, due_date=due_date)


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
    """Record a case from any channel, with its first step and its clocks; confirm by e-mail after commit."""
    if village is not None and village.kind != Body.Kind.VILLAGE:
        raise ValidationError(_("Hãy chọn một thôn."))
    if channel == Channel.WEB and not (phone or email):
        raise ValidationError(_("Hãy cho biết số điện thoại hoặc thư điện tử để được trả lời."))
    received_on = received_on or _today()
    with transaction.atomic():
        feedback = _feedback_create(
            year=received_on.year,
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
            ack_due=add_working_days(received_on, ACK_WORKING_DAYS),
            answer_due=add_working_days(received_on, BOARD_ANSWER_WORKING_DAYS) if channel in BOARD_CHANNELS else None,
            access_key=codes.new_key(),
            created_by=by,
        )
        _step(feedback, FeedbackStep.Action.RECEIVED, by=by, note=str(Channel(channel).label))
        _attach(owner_field="feedback", owner=feedback, model=FeedbackAttachment, files=files)
        if feedback.email:
            from camgiang_portal.resilience import enqueue

            from . import tasks

            transaction.on_commit(lambda: enqueue(tasks.feedback_confirmation_send, feedback.pk))
    return feedback


def _feedback_create(*, year: int, **fields) -> Feedback:
    """Create the case under a fresh random code; if another request took the same code meanwhile, draw again."""
    for attempt in range(5):
        try:
            with transaction.atomic():
                return Feedback.objects.create(code=feedback_code_allocate(year=year), **fields)
        except IntegrityError:
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


def _require(feedback: Feedback, allowed: Iterable[str]) -> None:
    if feedback.status not in allowed:
        raise ValidationError(
            _("Phản ánh %(code)s đang ở trạng thái “%(status)s”, không thực hiện được thao tác này.")
            % {"code": feedback.code, "status": feedback.get_status_display()},
            code="bad_state",
        )


def _lock(feedback: Feedback) -> Feedback:
    return Feedback.objects.select_for_update().get(pk=feedback.pk)


@transaction.atomic
def feedback_classify(*, feedback: Feedback, by, kind: str, item: Item | None = None, note: str = "") -> Feedback:
    """The MTTQ classifies the case; this is the acknowledgement the 10-working-day clock waits for."""
    feedback = _lock(feedback)
    _require(feedback, [FeedbackStatus.RECEIVED])
    feedback.kind = kind
    feedback.item = item
    feedback.status = FeedbackStatus.CLASSIFIED
    feedback.acknowledged_on = _today()
    feedback.save(update_fields=["kind", "item", "status", "acknowledged_on"])
    _step(feedback, FeedbackStep.Action.CLASSIFIED, by=by, note=note)
    return feedback


@transaction.atomic
def feedback_forward(
    *, feedback: Feedback, by, body: Body, due_date: datetime.date | None = None, note: str = ""
) -> Feedback:
    """Forward to a department or a village with a due date; only that body's group may then see and answer it."""
    feedback = _lock(feedback)
    _require(feedback, [FeedbackStatus.CLASSIFIED, FeedbackStatus.FORWARDED])
    if body.kind not in (Body.Kind.DEPARTMENT, Body.Kind.VILLAGE, Body.Kind.LEADERSHIP):
        raise ValidationError(_("Chỉ chuyển cho phòng, ban hoặc thôn."))
    due_date = due_date or add_working_days(_today(), DEFAULT_ANSWER_WORKING_DAYS)
    if due_date < _today():
        raise ValidationError(_("Hạn trả lời không được trước hôm nay."))
    if feedback.answer_due and feedback.channel in BOARD_CHANNELS:
        due_date = min(due_date, feedback.answer_due)
    previous = feedback.handling_body
    if previous is not None and previous.group_id and previous != body:
        remove_perm("publicity.view_feedback", previous.group, feedback)
        remove_perm("publicity.change_feedback", previous.group, feedback)
    from plans.services import body_group_sync

    group = body_group_sync(body=body)
    assign_perm("publicity.view_feedback", group, feedback)
    assign_perm("publicity.change_feedback", group, feedback)
    feedback.handling_body = body
    feedback.answer_due = due_date
    feedback.status = FeedbackStatus.FORWARDED
    feedback.save(update_fields=["handling_body", "answer_due", "status"])
    _step(feedback, FeedbackStep.Action.FORWARDED, by=by, body=body, due_date=due_date, note=note)
    return feedback


@transaction.atomic
def feedback_answer(*, feedback: Feedback, by, answer: str) -> Feedback:
    feedback = _lock(feedback)
    _require(feedback, [FeedbackStatus.FORWARDED])
    if not answer.strip():
        raise ValidationError(_("Hãy nhập nội dung trả lời."))
    feedback.answer = answer.strip()
    feedback.answered_at = timezone.now()
    feedback.status = FeedbackStatus.ANSWERED
    feedback.save(update_fields=["answer", "answered_at", "status"])
    _step(feedback, FeedbackStep.Action.ANSWERED, by=by, body=feedback.handling_body)
    return feedback


@transaction.atomic
def feedback_return(*, feedback: Feedback, by, note: str) -> Feedback:
    """The MTTQ is not satisfied with the draft answer: back to the body."""
    feedback = _lock(feedback)
    _require(feedback, [FeedbackStatus.ANSWERED])
    if not note.strip():
        raise ValidationError(_("Hãy ghi rõ yêu cầu đối với cơ quan giải quyết."))
    feedback.status = FeedbackStatus.FORWARDED
    feedback.save(update_fields=["status"])
    _step(feedback, FeedbackStep.Action.RETURNED, by=by, body=feedback.handling_body, note=note.strip())
    return feedback


@transaction.atomic
def feedback_close(*, feedback: Feedback, by, note: str = "", answer: str = "") -> Feedback:
    """The MTTQ closes the case: after the body's answer, or directly with its own answer."""
    feedback = _lock(feedback)
    _require(feedback, [FeedbackStatus.ANSWERED, FeedbackStatus.CLASSIFIED, FeedbackStatus.FORWARDED])
    if answer.strip():
        feedback.answer = answer.strip()
        feedback.answered_at = feedback.answered_at or timezone.now()
    if not feedback.answer:
        raise ValidationError(_("Chưa có nội dung trả lời: hãy nhập câu trả lời trước khi kết thúc."))
    feedback.status = FeedbackStatus.CLOSED
    feedback.closed_at = timezone.now()
    feedback.save(update_fields=["answer", "answered_at", "status", "closed_at"])
    _step(feedback, FeedbackStep.Action.CLOSED, by=by, note=note.strip())
    return feedback


@transaction.atomic
def feedback_publish(*, feedback: Feedback, by, public_summary: str) -> Feedback:
    """A moderator publishes the case: the summary they wrote and the answer become public, nothing else."""
    feedback = _lock(feedback)
    _require(feedback, [FeedbackStatus.CLOSED])
    if not public_summary.strip():
        raise ValidationError(_("Hãy nhập nội dung tóm tắt để công bố."))
    feedback.public_summary = public_summary.strip()
    feedback.status = FeedbackStatus.PUBLISHED
    feedback.published_at = timezone.now()
    feedback.search_text = fold(" ".join([feedback.code, feedback.public_summary, feedback.answer]))
    feedback.save(update_fields=["public_summary", "status", "published_at", "search_text"])
    _step(feedback, FeedbackStep.Action.PUBLISHED, by=by)
    return feedback


@transaction.atomic
def feedback_citizen_resolved(*, feedback: Feedback, key: str, resolved: bool) -> Feedback:
    """The citizen (holding the key given with the code) says whether the matter was resolved; once."""
    feedback = _lock(feedback)
    if not codes.key_matches(feedback.access_key, key):
        raise ValidationError(_("Mã xác nhận không đúng."), code="bad_key")
    _require(feedback, [FeedbackStatus.CLOSED, FeedbackStatus.PUBLISHED])
    if feedback.citizen_resolved is not None:
        raise ValidationError(_("Ý kiến đánh giá đã được ghi nhận trước đây."), code="already")
    feedback.citizen_resolved = resolved
    feedback.citizen_resolved_at = timezone.now()
    feedback.save(update_fields=["citizen_resolved", "citizen_resolved_at"])
    _step(
        feedback, FeedbackStep.Action.CITIZEN, note=_("Đã được giải quyết") if resolved else _("Chưa được giải quyết")
    )
    return feedback


def feedback_personal_data_viewed(*, feedback: Feedback, user, purpose: str = "view") -> None:
    PersonalDataAccess.objects.create(feedback=feedback, user=user, purpose=purpose)


def feedback_erase_expired(*, now: datetime.datetime | None = None, dry_run: bool = False) -> int:
    """Erase name, phone and e-mail of cases closed longer ago than the retention period; the case stays."""
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


# --------------------------------------------------------------------------- disclosures


def _disclosure_search_text(item: DisclosureItem) -> str:
    return fold(" ".join([item.title, item.text, item.body.name if item.body_id else ""]))


@transaction.atomic
def disclosure_save(
    *, item: DisclosureItem | None = None, by, data: dict, files: Iterable[UploadedFile] = ()
) -> DisclosureItem:
    """Create or edit an item; a change to a published item is kept in its history (R-D7: disclosed again)."""
    item = item or DisclosureItem(created_by=by)
    if item.status == DisclosureStatus.ARCHIVED:
        raise ValidationError(_("Nội dung đã kết thúc công khai, không sửa được."))
    for field in (
        "category",
        "title",
        "text",
        "body",
        "forms",
        "decision_date",
        "start_date",
        "min_days",
        "loudspeaker_days",
    ):
        if field in data:
            setattr(item, field, data[field])
    # The same rule whoever writes (form, admin, import, demo): no markup in what feeds and open data carry.
    errors = {}
    for field in ("title", "text"):
        try:
            no_html(getattr(item, field))
        except ValidationError as exc:
            errors[field] = exc.messages
    if errors:
        raise ValidationError(errors)
    if item.min_days is None:
        item.min_days = rules.default_min_days(item.category)
    item.search_text = _disclosure_search_text(item)
    item.save()
    _attach(owner_field="disclosure", owner=item, model=DisclosureAttachment, files=files)
    return item


@transaction.atomic
def disclosure_publish(*, item: DisclosureItem, by, start_date: datetime.date | None = None) -> DisclosureItem:
    item = DisclosureItem.objects.select_for_update().get(pk=item.pk)
    if item.status != DisclosureStatus.DRAFT:
        raise ValidationError(_("Chỉ công khai được nội dung đang là dự thảo."))
    item.start_date = start_date or item.start_date or _today()
    item.status = DisclosureStatus.PUBLISHED
    item.published_at = timezone.now()
    item.save(update_fields=["start_date", "status", "published_at", "updated_at"])
    return item


@transaction.atomic
def disclosure_archive(
    *, item: DisclosureItem, by, on: datetime.date | None = None, reason: str = ""
) -> DisclosureItem:
    """End the disclosure; before the minimum period (or for a permanent item) only with a reason."""
    item = DisclosureItem.objects.select_for_update().get(pk=item.pk)
    if item.status != DisclosureStatus.PUBLISHED:
        raise ValidationError(_("Chỉ kết thúc được nội dung đang công khai."))
    on = on or _today()
    early = item.is_permanent or (item.planned_end is not None and on < item.planned_end)
    if early and not reason.strip():
        raise ValidationError(
            _("Kết thúc trước thời hạn công khai tối thiểu phải ghi rõ lý do."), code="reason_required"
        )
    item.status = DisclosureStatus.ARCHIVED
    item.archived_on = on
    item.withdrawal_reason = reason.strip()
    item.save(update_fields=["status", "archived_on", "withdrawal_reason", "updated_at"])
    return item


@transaction.atomic
def disclosure_loudspeaker_record(*, item: DisclosureItem, by, days: int) -> DisclosureItem:
    item = DisclosureItem.objects.select_for_update().get(pk=item.pk)
    item.loudspeaker_days = days
    item.save(update_fields=["loudspeaker_days", "updated_at"])
    return item


# --------------------------------------------------------------------------- citizen reception


@transaction.atomic
def reception_session_save(*, session: ReceptionSession | None = None, data: dict) -> ReceptionSession:
    session = session or ReceptionSession()
    for field, value in data.items():
        setattr(session, field, value)
    if session.end_time <= session.start_time:
        raise ValidationError(_("Giờ kết thúc phải sau giờ bắt đầu."))
    if session.held and session.date > _today():
        raise ValidationError(_("Không thể ghi nhận đã tổ chức một buổi tiếp trong tương lai."))
    session.save()
    return session


# --------------------------------------------------------------------------- figures for the reports


def portal_figures_push(*, today: datetime.date | None = None) -> int:
    """Give each started period of the plan in force what the portal counted in it (cases received and settled,
    reception sessions and citizens, disclosures posted), for the consolidated report to show beside the
    bodies' own figures. Periods run from their start to their end (year to date), cut at today."""
    today = today or timezone.localdate()
    plan = plan_current()
    if plan is None:
        return 0
    labels = {
        "received": _("Phản ánh, kiến nghị đã tiếp nhận"),
        "settled": _("Phản ánh, kiến nghị đã giải quyết xong"),
        "sessions": _("Buổi tiếp công dân đã tổ chức"),
        "citizens": _("Lượt công dân được tiếp"),
        "disclosed": _("Nội dung đã công khai"),
    }
    written = 0
    for period in plan.periods.filter(start__lte=today):
        counts = selectors.counted_in(period.start, min(period.end, today))
        figures = [
            report_services.CountedFigure(code=f"cong-{key}", label=label, value=counts[key])
            for key, label in labels.items()
        ]
        written += report_services.portal_figures_set(period=period, figures=figures)
    return written
