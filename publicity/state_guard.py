"""The guard that keeps a feedback case's state in publicity.workflow's hands.

The model remembers the state it was read with and refuses to save another one, and its QuerySet refuses
to write the state in bulk, unless `transition_context()` is open — and only workflow.transition() opens
it. So a view, task or command that moves a case without the transition table fails loudly.
"""

from __future__ import annotations

import contextlib
import contextvars

from django.db import models

_transition_active: contextvars.ContextVar[bool] = contextvars.ContextVar("publicity_transition", default=False)


class CaseStateError(RuntimeError):
    """A case's state was about to change outside publicity.workflow.transition()."""


@contextlib.contextmanager
def transition_context():
    """Open only by publicity.workflow.transition() (and a test fixture that builds a state by hand)."""
    token = _transition_active.set(True)
    try:
        yield
    finally:
        _transition_active.reset(token)


def refuse_state_change() -> None:
    if not _transition_active.get():
        raise CaseStateError("A feedback case changes state only through publicity.workflow.transition().")


class StateGuardedQuerySet(models.QuerySet):
    """Refuses to write the state in bulk: an UPDATE would skip the step's checks and its recorded event."""

    def update(self, **kwargs):
        if "status" in kwargs:
            refuse_state_change()
        return super().update(**kwargs)

    def bulk_update(self, objs, fields, batch_size=None):
        if "status" in fields:
            refuse_state_change()
        return super().bulk_update(objs, fields, batch_size=batch_size)


class StateGuarded:
    """Mixed into the model: `status` may be saved only as read, or, for a new row, as `initial_status`."""

    initial_status: str = ""

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_status = instance.__dict__.get("status")
        return instance

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        if "status" in self.__dict__ and (fields is None or "status" in fields):
            self._loaded_status = self.status

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if "status" in self.__dict__ and (update_fields is None or "status" in update_fields):
            start = self.initial_status if self._state.adding else getattr(self, "_loaded_status", None)
            if self.status != start:
                refuse_state_change()
        super().save(*args, **kwargs)
        if "status" in self.__dict__:
            self._loaded_status = self.status
