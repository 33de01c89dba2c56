"""The coordinator's bulk update: the XLSX of consolidation.exports, filled in by bodies that report by spreadsheet,
read back with a preview (reading, outcomes), then applied in one transaction (applying: figures, statuses,
and the form recorded as sent, each form through the workflow table's "import" step)."""

from .applying import figures_import_apply
from .reading import figures_import_read
from .results import BodyOutcome, FigureChange, ImportAction, ImportResult, StatusChange

__all__ = [
    "BodyOutcome",
    "FigureChange",
    "ImportAction",
    "ImportResult",
    "StatusChange",
    "figures_import_apply",
    "figures_import_read",
]
