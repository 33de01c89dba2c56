"""The People's Committee's Báo cáo of a period as a paper: its Decree-30 layout and its PDF, blank-numbered for
a preview or with the number and date it is issued with (consolidation.issuing)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from camgiang_portal import documents
from camgiang_portal.paper_content import PaperContent
from plans.models import ReportingPeriod
from reports import exports as reports_exports

from . import drafting, drafts

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
        summary=_("Kết quả thực hiện dân chủ ở cơ sở %(period)s")
        % {"period": reports_exports.with_year(reports_exports.period_phrase(period), plan.year)},
        recipients=recipients(plan),
        sign_lines=tuple(line for line in (plan.sign_authority, plan.sign_delegation, plan.sign_position) if line),
        signer_name=plan.signer_name,
        title=f"{period.label} {plan.year}",
    )


def recipients(plan) -> tuple[str, ...]:
    """ "Nơi nhận": the level the report is owed to first (settings.REPORT_SUPERIOR_RECIPIENTS), then the
    commune's own recipients, in its own word (a phường's are "HĐND phường", never "HĐND xã")."""
    superiors = tuple(f"{name.rstrip(' ;.')};" for name in settings.REPORT_SUPERIOR_RECIPIENTS)
    unit = plan.unit_kind or "xã"
    return (
        *superiors,
        _("Thường trực Đảng ủy, HĐND %(unit)s;") % {"unit": unit},
        _("Ủy ban MTTQ Việt Nam %(unit)s;") % {"unit": unit},
        _("Lưu: VT, VHXH."),
    )


CONSOLIDATED_TEMPLATE = "consolidation/pdf/consolidated.html"


def _context(period: ReportingPeriod, paper: documents.OfficialPaper, content: PaperContent, mat) -> dict:
    return {
        "paper": paper,
        "plan": period.plan,
        "period": period,
        "phrase": reports_exports.with_year(reports_exports.period_phrase(period), period.plan.year),
        "content": content,
        "figures": mat.figures,
    }


def consolidated_content(period: ReportingPeriod) -> tuple[PaperContent, int, drafting.DraftMaterial]:
    """The Báo cáo's content as it stands (the saved draft, else the pre-filled one), its draft version, and the
    material it was made from (the figures the appendix prints)."""
    mat = drafting.material(period)
    content, version = drafts.paper_content(period, mat=mat)
    return content, version, mat


def consolidated_pdf(period: ReportingPeriod) -> bytes:
    """The preview: the draft as it stands, number left blank."""
    content, _version, mat = consolidated_content(period)
    return documents.render_pdf(CONSOLIDATED_TEMPLATE, _context(period, consolidated_paper(period), content, mat))


def consolidated_docx(period: ReportingPeriod) -> bytes:
    from camgiang_portal import docx_paper

    content, _version, _mat = consolidated_content(period)
    return docx_paper.render_docx(consolidated_paper(period), content)


def consolidated_issued_pdf(
    period: ReportingPeriod, number_symbol: str, date: datetime.date, content: PaperContent, mat
) -> tuple[bytes, documents.SignatureBox | None]:
    """The paper being issued, with its number and date, and where its signature stamp goes: `content` is what
    the issuing froze (consolidation.issuing), so the signed file and its record say the same."""
    paper = consolidated_paper(period, number_symbol=number_symbol, date=date)
    return documents.render_pdf_and_signature_box(CONSOLIDATED_TEMPLATE, _context(period, paper, content, mat))
