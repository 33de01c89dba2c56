"""Who may see or change what in the publicity app: the one door every view, task and command goes through.

Decided by permissions only (publicity.roles grants them to the role groups and to the office's group;
guardian grants a case to the body handling it), never by role names or body codes."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from guardian.shortcuts import get_objects_for_user

from plans.models import Body
from plans.permissions import body_of, is_official

from . import codes
from .models import (
    DisclosureAttachment,
    DisclosureItem,
    DisclosureStatus,
    Feedback,
    FeedbackAttachment,
    FeedbackStatus,
    ReceptionSession,
)

# --------------------------------------------------------------------------- feedback


def is_moderator(user) -> bool:
    """The MTTQ (and the administrator): receives, forwards, closes and publishes every case."""
    return user is not None and user.is_authenticated and user.has_perm("publicity.moderate_feedback")


def can_record_feedback(user) -> bool:
    """An official writes down a case that came by letter, hotline, reception, a meeting…"""
    return is_official(user) and user.has_perm("publicity.add_feedback")


def can_see_feedback_list(user) -> bool:
    return is_official(user) and (is_moderator(user) or body_of(user) is not None)


def feedback_for_user(user) -> QuerySet[Feedback]:
    """Cases the user may open: all for the MTTQ, else those forwarded to the user's body."""
    if not user.is_authenticated:
        return Feedback.objects.none()
    if is_moderator(user):
        return Feedback.objects.all()
    return get_objects_for_user(user, "publicity.view_feedback", klass=Feedback, accept_global_perms=False)


def can_answer(user, feedback: Feedback) -> bool:
    """The body the case is with: its group holds the case's object permission, and the case waits for it
    (the permission stays once answered, so the body can be asked again after a return)."""
    return (
        user is not None
        and feedback.status == FeedbackStatus.FORWARDED
        and feedback.handling_body_id is not None
        and user.has_perm("publicity.change_feedback", feedback)
    )


def can_see_personal_data(user, feedback: Feedback) -> bool:
    """Decree 13/2023: the MTTQ and the handling body only."""
    return is_moderator(user) or user.has_perm("publicity.view_feedback", feedback)


def get_feedback_for_user(user, pk) -> Feedback:
    """404 for a case the user may not see (which step they may take on it: publicity.workflow)."""
    if not user.is_authenticated:
        raise Http404
    try:
        return feedback_for_user(user).select_related("village", "handling_body", "item__area").get(pk=pk)
    except (Feedback.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def get_feedback_attachment_for_user(user, feedback_pk, pk) -> FeedbackAttachment:
    feedback = get_feedback_for_user(user, feedback_pk)
    try:
        return feedback.attachments.get(pk=pk)
    except (FeedbackAttachment.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def get_public_feedback(code: str) -> Feedback:
    """The public status page: found by its code, in any case and spacing; a malformed code is simply not found."""
    normalised = codes.normalise_code(code)
    if normalised is None:
        raise Http404
    try:
        return Feedback.objects.select_related("village", "handling_body").get(code=normalised)
    except Feedback.DoesNotExist as exc:
        raise Http404 from exc


def feedback_details_visible(feedback: Feedback, key: str) -> bool:
    """What the public page shows beyond code, state and step dates: everything once published, else
    only to whoever holds the citizen's key (in a small village, kind + date + village points to a person)."""
    return feedback.is_public or codes.key_matches(feedback.access_key, key)


# --------------------------------------------------------------------------- disclosures


def can_manage_disclosures(user) -> bool:
    return is_official(user) and user.has_perm("publicity.change_disclosureitem")


def can_add_disclosure(user) -> bool:
    return can_manage_disclosures(user) and user.has_perm("publicity.add_disclosureitem")


def can_manage_all_disclosures(user) -> bool:
    """The coordinator, the leadership and the administrator edit every body's disclosures."""
    return can_manage_disclosures(user) and user.has_perm("publicity.view_disclosureitem")


def can_manage_disclosure(user, item: DisclosureItem) -> bool:
    """Edit, publish or end this item: every body's with the global permission, else the user's own body's."""
    return can_disclose_for(user, item.body_id)


def can_disclose_for(user, body_id: int | None) -> bool:
    """Write an item in the name of this body (the bodies offered: disclosure_bodies_for_user)."""
    if user is None or not can_manage_disclosures(user) or body_id is None:
        return False
    if can_manage_all_disclosures(user):
        return True
    body = body_of(user)
    return body is not None and body.pk == body_id


def disclosures_for_manager(user) -> QuerySet[DisclosureItem]:
    if not can_manage_disclosures(user):
        return DisclosureItem.objects.none()
    items = DisclosureItem.objects.all()
    if can_manage_all_disclosures(user):
        return items
    body = body_of(user)
    return items.filter(body=body) if body else items.none()


def disclosure_bodies_for_user(user) -> QuerySet[Body]:
    if can_manage_all_disclosures(user):
        return Body.objects.all()
    body = body_of(user)
    return Body.objects.filter(pk=body.pk) if body else Body.objects.none()


def get_disclosure_for_manager(user, pk) -> DisclosureItem:
    # Looked up first: another commune's item is a 404 for everybody (see plans.permissions).
    if not DisclosureItem.objects.filter(pk=_pk(pk)).exists():
        raise Http404
    if not can_manage_disclosures(user):
        raise PermissionDenied
    try:
        return disclosures_for_manager(user).select_related("body").get(pk=pk)
    except (DisclosureItem.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def _pk(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def get_public_disclosure(pk) -> DisclosureItem:
    """Published or archived items are public; a draft does not exist for the public."""
    try:
        return DisclosureItem.objects.select_related("body").exclude(status=DisclosureStatus.DRAFT).get(pk=pk)
    except (DisclosureItem.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def get_public_disclosure_attachment(disclosure_pk, pk) -> DisclosureAttachment:
    disclosure = get_public_disclosure(disclosure_pk)
    try:
        return disclosure.attachments.get(pk=pk)
    except (DisclosureAttachment.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


# --------------------------------------------------------------------------- reception


def can_manage_reception(user) -> bool:
    """The coordinator, the leadership and the administrator by role; the office (Văn phòng HĐND và UBND)
    through its body's group (publicity.roles.BODY_PERMISSIONS)."""
    return user is not None and is_official(user) and user.has_perm("publicity.change_receptionsession")


def get_reception_session_for_user(user, pk) -> ReceptionSession:
    try:
        session = ReceptionSession.objects.get(pk=pk)  # looked up first, as every door
    except (ReceptionSession.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if not can_manage_reception(user):
        raise PermissionDenied
    return session


def can_see_dashboard(user) -> bool:
    """The officials' publicity page: anyone who manages disclosures, reception or feedback."""
    return can_manage_disclosures(user) or can_manage_reception(user) or can_see_feedback_list(user)
