"""The People's Committee's Báo cáo of a period as a paper: its Decree-30 layout and its PDF, blank-numbered for
a preview or with the number and date it is issued with (consolidation.issuing)."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from camgiang_portal import documents
from plans.models import ReportingPeriod
from reports import exports as reports_exports

from . import figures, gather

CONSOLIDATED_SYMBOL = "BC-UBND"


def consolidated_paper(
    period: ReportingPeriod, *, number_symbol: str = "", date: datetime.date | None = None
) -> documents.OfficialPaper:
    """The People's Committee's Báo cáo of the period, signed as the plan is signed.

    The number stays blank until the paper is issued (`number_symbol` and `date` then come from the issuing)."""
    plan = period.plan
    return documents.OfficialPaper(
        agency_parent=plan.organisation_parent,
        agency_lines=documents.agency_lines(reports_exports.organisation(period)),
        number_symbol=number_symbol or documents.number_symbol(None, CONSOLIDATED_SYMBOL),
        date_line=documents.date_line_for(plan.place, date or timezone.localdate()),
        doc_type=_("BÁO CÁO"),
        summary=_("Kết quả thực hiện dân chủ ở cơ sở %(period)s năm %(year)s")
        % {"period": reports_exports.period_phrase(period), "year": plan.year},
        recipients=(_("Thường trực Đảng ủy, HĐND xã;"), _("Ủy ban MTTQ Việt Nam xã;"), _("Lưu: VT, VHXH.")),
        sign_lines=tuple(line for line in (plan.sign_authority, plan.sign_delegation, plan.sign_position) if line),
        signer_name=plan.signer_name,
        title=f"{period.label} {plan.year}",
    )


CONSOLIDATED_TEMPLATE = "consolidation/pdf/consolidated.html"


def _consolidated_context(period: ReportingPeriod, paper: documents.OfficialPaper) -> dict:
    data, period_figures = gather.consolidated(period), figures.period_figures(period)
    return {
        "paper": paper,
        "plan": period.plan,
        "period": period,
        "phrase": reports_exports.period_phrase(period),
        "data": data,
        "figures": period_figures,
        "item_sentences": figures.item_sentences(period_figures, [s.item for _a, items in data.areas for s in items]),
    }


def consolidated_pdf(period: ReportingPeriod) -> bytes:
    return documents.render_pdf(CONSOLIDATED_TEMPLATE, _consolidated_context(period, consolidated_paper(period)))


def consolidated_issued_pdf(
    period: ReportingPeriod, number_symbol: str, date: datetime.date
) -> tuple[bytes, documents.SignatureBox | None]:
    """The paper being issued, with its number and date, and where its signature stamp goes."""
    paper = consolidated_paper(period, number_symbol=number_symbol, date=date)
    return documents.render_pdf_and_signature_box(CONSOLIDATED_TEMPLATE, _consolidated_context(period, paper))
