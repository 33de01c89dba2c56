"""Writes of the disclosures (công khai): draft, publish, end, loudspeaker days. Each checks its official."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from camgiang_portal.validators import no_html

from .. import permissions, rules
from ..models import DisclosureAttachment, DisclosureItem, DisclosureStatus
from ..tenancy import commune_for
from ..text import fold
from ..uploads import attach_files

EDITABLE_FIELDS = (
    "category",
    "title",
    "text",
    "body",
    "forms",
    "decision_date",
    "start_date",
    "min_days",
    "loudspeaker_days",
)


def _disclosure_search_text(item: DisclosureItem) -> str:
    return fold(" ".join([item.title, item.text, item.body.name if item.body_id else ""]))


def _locked_for(by, item: DisclosureItem) -> DisclosureItem:
    """The item, locked, if the official manages it (its body's, or every body's)."""
    item = DisclosureItem.objects.select_for_update().get(pk=item.pk)
    if not permissions.can_manage_disclosure(by, item):
        raise PermissionDenied
    return item


def _authorise_save(by, item: DisclosureItem | None, data: dict) -> None:
    if item is None and not (by is not None and permissions.can_add_disclosure(by)):
        raise PermissionDenied
    if item is not None and not permissions.can_manage_disclosure(by, item):
        raise PermissionDenied
    if "body" in data and data["body"] is not None and not permissions.can_disclose_for(by, data["body"].pk):
        raise PermissionDenied


@transaction.atomic
def disclosure_save(
    *, item: DisclosureItem | None = None, by, data: dict, files: Iterable[UploadedFile] = ()
) -> DisclosureItem:
    """Create or edit an item; a change to a published item is kept in its history (R-D7: disclosed again)."""
    _authorise_save(by, item, data)
    item = item or DisclosureItem(created_by=by)
    if item.status == DisclosureStatus.ARCHIVED:
        raise ValidationError(_("Nội dung đã kết thúc công khai, không sửa được."))
    for name in EDITABLE_FIELDS:
        if name in data:
            setattr(item, name, data[name])
    # The same rule whoever writes (form, admin, import, demo): no markup in what feeds and open data carry.
    errors = {}
    for name in ("title", "text"):
        try:
            no_html(getattr(item, name))
        except ValidationError as exc:
            errors[name] = exc.messages
    if errors:
        raise ValidationError(errors)
    if item.min_days is None:
        item.min_days = rules.default_min_days(item.category)
    _set_commune(item)
    item.search_text = _disclosure_search_text(item)
    item.save()
    attach_files(owner_field="disclosure", owner=item, model=DisclosureAttachment, files=files)
    return item


def _set_commune(item: DisclosureItem) -> None:
    """The item is its body's commune's; a body of another commune is refused (one commune's item never
    moves to another by a change of body)."""
    commune = commune_for(item.body if item.body_id else None)
    if item.commune_id is None:
        item.commune = commune
    elif item.commune_id != commune.pk:
        raise ValidationError({"body": _("Cơ quan chịu trách nhiệm phải thuộc xã, phường của nội dung công khai.")})


@transaction.atomic
def disclosure_publish(*, item: DisclosureItem, by, start_date: datetime.date | None = None) -> DisclosureItem:
    item = _locked_for(by, item)
    if item.status != DisclosureStatus.DRAFT:
        raise ValidationError(_("Chỉ công khai được nội dung đang là dự thảo."))
    item.start_date = start_date or item.start_date or timezone.localdate()
    item.status = DisclosureStatus.PUBLISHED
    item.published_at = timezone.now()
    item.save(update_fields=["start_date", "status", "published_at", "updated_at"])
    return item


@transaction.atomic
def disclosure_archive(
    *, item: DisclosureItem, by, on: datetime.date | None = None, reason: str = ""
) -> DisclosureItem:
    """End the disclosure; before the minimum period (or for a permanent item) only with a reason."""
    item = _locked_for(by, item)
    if item.status != DisclosureStatus.PUBLISHED:
        raise ValidationError(_("Chỉ kết thúc được nội dung đang công khai."))
    on = on or timezone.localdate()
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
    item = _locked_for(by, item)
    item.loudspeaker_days = days
    item.save(update_fields=["loudspeaker_days", "updated_at"])
    return item
