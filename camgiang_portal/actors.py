"""Who a service acts for when no person does: the one system actor of commands and seeding.

Services authorise the `by` they are given (so a view, a task and a command are held to the same rule). A
management command or the demo seed has no user; it passes `SYSTEM` explicitly, which every service accepts
in place of a permission check. No request can produce it: it is not a user, has no row, and is reachable
only by importing this constant, which views never do.
"""

from __future__ import annotations


class SystemActor:
    """The deployment itself (an operator at the command line, the demo seed), never a signed-in person."""

    pk = None
    is_authenticated = False

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = SystemActor()


def is_system(by) -> bool:
    return by is SYSTEM


def history_user(by):
    """The user to record in a history row: a person, or nobody for the system actor."""
    return None if is_system(by) else by
