"""What the plans app tells the apps above it, without knowing them (reports listens: see reports.apps)."""

from django.dispatch import Signal

# Sent inside the transaction that removed assignments, with `plan` and `pairs` ([(item_id, body_id)]).
# A receiver returns how many of its own rows it changed; a failure rolls the removal back with it.
assignments_removed = Signal()
