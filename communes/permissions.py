"""Who may do what with communes: putting one on the platform is the city data centre's operators' act."""

from __future__ import annotations


def can_add_to_platform(user) -> bool:
    """Create a commune's first bodies and accounts (superusers hold it; a command acts as SYSTEM)."""
    return user.is_authenticated and user.has_perm("communes.add_to_platform")
