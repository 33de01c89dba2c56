"""The commune a request (or a task, a command) acts for: one contextvar, set in one place.

The middleware (`communes.middleware`) sets it for a request and resets it after; commands, tasks and tests use
`use_commune`. A contextvar, not a thread-local, so that it is also right under ASGI and in Celery's pool, and
the reset by token means nothing leaks to the next request served by the same thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

from .models import Commune

_current: ContextVar[Commune | None] = ContextVar("current_commune", default=None)


def many_communes() -> bool:
    """True when the deployment serves several communes (`PLATFORM_COMMUNES = "many"`)."""
    return settings.PLATFORM_COMMUNES == "many"


def current_commune() -> Commune | None:
    """The commune being served. In a one-commune deployment, the home commune when nothing set one; in a
    many-commune deployment, None outside a commune (the platform's root pages)."""
    commune = _current.get()
    if commune is None and not many_communes():
        from .services import home_commune  # services imports the official list; only needed here

        return home_commune()
    return commune


@contextmanager
def use_commune(commune: Commune | None) -> Iterator[Commune | None]:
    """Act for `commune` inside the block (a command, a task, a test), restoring the previous one after."""
    token = _current.set(commune)
    try:
        yield commune
    finally:
        _current.reset(token)
