"""Plain dataclasses returned by the plan parser, and its error type."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


class PlanParseError(ValueError):
    """A plan that cannot be imported; ``message`` is shown to the user as is."""

    def __init__(self, text: str, *, line: int | None = None, part: str | None = None) -> None:
        self.line = line
        self.part = part
        # The line number is part of the message so a view can show it without formatting.
        self.message = f"Dòng {line}: {text}" if line else text
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


@dataclass
class LegalRef:
    doc_type: str
    number: str = ""
    date: dt.date | None = None
    issuer: str = ""
    title: str = ""
    in_preamble: bool = False
    text: str = ""

    @property
    def key(self) -> tuple[str, str, dt.date | None]:
        return (self.doc_type, self.number, self.date)


@dataclass
class ParsedItem:
    label: str
    text: str
    lead_bodies: list[str] = field(default_factory=list)
    coordinating_bodies: list[str] = field(default_factory=list)
    timing: str = ""
    deadline: dt.date | None = None
    basis: str = ""
    line: int = 0


@dataclass
class ParsedArea:
    number: str
    title: str
    items: list[ParsedItem] = field(default_factory=list)
    bodies_text: str = ""
    body_names: list[str] = field(default_factory=list)
    timing: str = ""
    line: int = 0


@dataclass
class ParsedDuty:
    number: str
    heading: str
    body_name: str
    text: str = ""
    line: int = 0


@dataclass
class ParsedDeadline:
    code: str
    label: str
    due_date: dt.date
    period_start: dt.date
    period_end: dt.date


@dataclass
class Signature:
    authority: str = ""
    delegation: str = ""
    position: str = ""
    name: str = ""


@dataclass
class ParsedPlan:
    organisation_parent: str = ""
    organisation: str = ""
    commune_name: str = ""
    unit_kind: str = "xã"
    village_word: str = "thôn"
    number: str = ""
    symbol: str = "KH-UBND"
    place: str = ""
    date_day: int | None = None
    date_month: int | None = None
    date_year: int | None = None
    title: str = ""
    year: int = 0
    preamble: list[str] = field(default_factory=list)
    legal_bases: list[LegalRef] = field(default_factory=list)
    purposes: list[str] = field(default_factory=list)
    requirements: list[str] = field(default_factory=list)
    areas: list[ParsedArea] = field(default_factory=list)
    duties: list[ParsedDuty] = field(default_factory=list)
    reporting_text: str = ""
    reporting_recipient: str = ""
    reporting_via: str = ""
    deadlines: list[ParsedDeadline] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signature: Signature = field(default_factory=Signature)
    warnings: list[str] = field(default_factory=list)

    @property
    def items(self) -> list[ParsedItem]:
        return [item for area in self.areas for item in area.items]
