"""The one error signing raises: its message is for people (the page or the command shows it as is)."""

from __future__ import annotations


class SigningError(Exception):
    """The paper cannot be signed (no identity, a locked token, a broken PDF); the message is for people."""
