"""The audit trail: who changed what, when, from what to what — across every model kept by simple-history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from simple_history.models import registered_models

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


def _shown(field, value) -> str:
    """A value as the pages show it: a choice by its label ("Chủ trì", not "lead")."""
    if field is not None and field.choices:
        value = dict(field.flatchoices).get(value, value)
    return "" if value is None else str(value)[:200]


def history_entries(*, model_label: str | None = None, limit: int = 50) -> list[Entry]:
    """The latest changes, newest first; one query per tracked model plus one per shown change's predecessor."""
    models = tracked_models()
    if model_label:
        models = {k: v for k, v in models.items() if k == model_label}
    records = []
    for model in models.values():
        records.extend(model.history.select_related("history_user").order_by("-history_date")[:limit])
    records.sort(key=lambda r: r.history_date, reverse=True)
    entries = []
    for record in records[:limit]:
        changes: list[Change] = []
        previous = record.prev_record if record.history_type == "~" else None
        if previous is not None:
            delta = record.diff_against(previous)
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
