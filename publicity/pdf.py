"""Public PDFs: the quarterly list of disclosures (R-D6) on the shared Decree-30 layout, and the plan."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from camgiang_portal import documents
from issuance import selectors as issuance_selectors
from plans import documents as plan_documents

from . import selectors
from .tenancy import commune_for

QUARTERLY_TEMPLATE = "publicity/pdf/quarterly_list.html"


def quarterly_list_paper(*, year: int, quarter: int) -> documents.OfficialPaper:
    plan = selectors.plan_public()
    # Without a plan saying otherwise, the commune's committee and its name as the place of issue.
    commune = commune_for()
    place = plan.place if plan and plan.place else commune.place_name
    default_organisation = f"ỦY BAN NHÂN DÂN {commune.kind_word} {commune.place_name}".upper()
    organisation = plan.organisation if plan and plan.organisation else default_organisation
    return documents.OfficialPaper(
        agency_parent=plan.organisation_parent if plan else "",
        agency_lines=documents.agency_lines(organisation),
        number_symbol=documents.number_symbol(None, "DM-UBND"),
        date_line=documents.date_line_for(place, timezone.localdate()),
        doc_type=_("DANH MỤC"),
        summary=_("Thông tin đã công khai quý %(quarter)s năm %(year)s") % {"quarter": quarter, "year": year},
        recipients=(
            _("Thường trực HĐND %(unit)s;") % {"unit": commune.kind_word},
            _("Ủy ban MTTQ Việt Nam %(unit)s;") % {"unit": commune.kind_word},
            _("Các %(villages)s (để niêm yết);") % {"villages": village_word(plan, commune)},
            _("Lưu: VT."),
        ),
        sign_lines=(_("TM. ỦY BAN NHÂN DÂN"), _("CHỦ TỊCH")),
        title=_("Danh mục thông tin đã công khai quý %(quarter)s năm %(year)s") % {"quarter": quarter, "year": year},
    )


def village_word(plan, commune) -> str:
    """ "thôn" in a xã, "tổ dân phố" in a phường, unless the commune's plan names its own."""
    if plan and plan.village_word:
        return plan.village_word
    return "thôn" if commune.kind_word == "xã" else "tổ dân phố"


def quarterly_list_pdf(*, year: int, quarter: int) -> bytes:
    start, end = selectors.quarter_bounds(year, quarter)
    context = {
        "paper": quarterly_list_paper(year=year, quarter=quarter),
        "items": list(selectors.disclosures_of_quarter(year, quarter)),
        "year": year,
        "quarter": quarter,
        "start": start,
        "end": end,
    }
    return documents.render_pdf(QUARTERLY_TEMPLATE, context)


def plan_pdf():
    """(bytes, filename) of the plan shown on the public site.

    Once issued, the stored signed file itself (the very bytes /xac-thuc/ recognises by their hash); a plan not
    yet issued is rendered afresh by the plans app, unsigned."""
    plan = selectors.plan_public()
    if plan is None:
        return None, ""
    document = issuance_selectors.current_plan_document(plan.pk)
    if document is not None:
        with document.file.open("rb") as handle:
            return handle.read(), plan_documents.plan_pdf_filename(plan)
    rendered = plan_documents.plan_pdf(plan)
    return rendered.content, rendered.filename
