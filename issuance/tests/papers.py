"""A paper for the issuing tests (issuance.papers.IssuablePaper): it renders the sample signature page and
records the steps `issue()` runs it through."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from issuance.models import DocType


def sample_render(symbol: str, date: datetime.date) -> bytes:
    from camgiang_portal.tests.signing_helpers import sample_pdf

    return sample_pdf()


@dataclass
class SamplePaper:
    doc_type: str = DocType.REPORT
    year: int = 2026
    title: str = "Báo cáo thử"
    signer_name: str = "Vũ Mạnh Huy"
    signer_position: str = "Phó Chủ tịch"
    plan_id: int | None = None
    commune: object = None  # None: the commune being served (issuance.services.paper_commune)
    city: bool = False  # True: the city's own paper (the city's register and seal)
    report_key: str = ""
    render_with: Callable[[str, datetime.date], object] = sample_render
    on_apply: Callable | None = None
    refuse_with: Exception | None = None  # what check_and_lock raises
    steps: list = field(default_factory=list)

    def check_and_lock(self, by) -> None:
        self.steps.append(("check_and_lock", by))
        if self.refuse_with is not None:
            raise self.refuse_with

    def render(self, number_symbol: str, date: datetime.date):
        self.steps.append(("render", number_symbol, date))
        return self.render_with(number_symbol, date)

    def apply(self, document) -> None:
        self.steps.append(("apply", document.symbol))
        if self.on_apply is not None:
            self.on_apply(document)
