"""The audit trail: who changed what, when, from what to what — across every model kept by simple-history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.models import DeletedObject, registered_models

from camgiang_portal.people import DELETED_ACCOUNT
from communes.scoping import scoped_history

CHANGE_LABELS = {"+": "Tạo mới", "~": "Sửa", "-": "Xóa"}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class Entry:
    model: str
    object_repr: str
    kind: str
    user: str
    at: datetime
    changes: list[Change]


def tracked_models() -> dict[str, type]:
    """{label: model} of every model with history, whatever app registered it."""
    return {model._meta.label_lower: model for model in registered_models.values() if hasattr(model, "history")}


# The history is read by officials: day first and local time, as on every paper of the commune.
DATETIME_SHOWN = "%d/%m/%Y %H:%M"
DATE_SHOWN = "%d/%m/%Y"


def _shown(field, value) -> str:
    """A value as the pages show it: a choice by its label ("Chủ trì", not "lead"), a yes/no as "Có"/"Không",
    a moment in local time "02/12/2026 03:02", a related record by its name; "" for nothing."""
    if value is None or value == "":
        return ""
    if isinstance(value, DeletedObject):
        if value.pk is None:  # simple-history's stand-in for an empty foreign key
            return ""
        return str(DELETED_ACCOUNT) if value.model is get_user_model() else _("(đã xóa)")
    if field is not None and field.choices:
        value = dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, datetime):
        moment = timezone.localtime(value) if timezone.is_aware(value) else value
        return moment.strftime(DATETIME_SHOWN)
    if isinstance(value, dt.date):
        return value.strftime(DATE_SHOWN)
    return str(value)[:200]


def history_entries(*, model_label: str | None = None, limit: int = 50) -> list[Entry]:
    """The latest changes, newest first; one query per tracked model plus one per shown change's predecessor
    (and one per changed foreign key, shown by the related record's name)."""
    models = tracked_models()
    if model_label:
        models = {k: v for k, v in models.items() if k == model_label}
    records = []
    for model in models.values():
        records.extend(scoped_history(model).select_related("history_user").order_by("-history_date")[:limit])
    records.sort(key=lambda r: r.history_date, reverse=True)
    entries = []
    for record in records[:limit]:
        changes: list[Change] = []
        previous = record.prev_record if record.history_type == "~" else None
        if previous is not None:
            delta = record.diff_against(previous, foreign_keys_are_objs=True)
            fields = {f.name: f for f in record.instance_type._meta.fields}
            for change in delta.changes:
                field = fields.get(change.field)
                label = str(field.verbose_name) if field is not None else change.field
                changes.append(Change(field=label, old=_shown(field, change.old), new=_shown(field, change.new)))
        entries.append(
            Entry(
                model=str(record.instance_type._meta.verbose_name),
                object_repr=str(record).rsplit(" as of ", 1)[0][:200],
                kind=CHANGE_LABELS.get(record.history_type, record.history_type),
                user=record.history_user.get_username() if record.history_user else "",
                at=record.history_date,
                changes=changes,
            )
        )
    return entries
