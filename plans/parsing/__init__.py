"""Pure-Python parser for commune plans for implementing grassroots democracy (text and .docx)."""

from .bodies import BodyRef, classify_body_phrase, normalise_name, split_body_list
from .model import (
    LegalRef,
    ParsedArea,
    ParsedDeadline,
    ParsedDuty,
    ParsedItem,
    ParsedPlan,
    PlanParseError,
    Signature,
)
from .parser import parse_plan
from .source import parse_plan_file, read_plan_source

__all__ = [
    "BodyRef",
    "LegalRef",
    "ParsedArea",
    "ParsedDeadline",
    "ParsedDuty",
    "ParsedItem",
    "ParsedPlan",
    "PlanParseError",
    "Signature",
    "classify_body_phrase",
    "normalise_name",
    "parse_plan",
    "parse_plan_file",
    "read_plan_source",
    "split_body_list",
]
