"""The plan as an official paper: its Decree-30 PDF (Kế hoạch …/KH-UBND)."""

from __future__ import annotations

import copy
import datetime
from dataclasses import dataclass, field

from django.utils.text import slugify
from django.utils.translation import gettext as _

from camgiang_portal import documents

from . import selectors
from .models import ContentArea, Plan, ReportingPeriod

PLAN_TEMPLATE = "plans/pdf/plan.html"
END_MARK = "./."


@dataclass
class Part:
    """A numbered part of a content area: "1.1. Nội dung" with its items, or a run-in "1.2. …: text"."""

    number: str
    heading: str
    text: str = ""
    items: list[dict] = field(default_factory=list)


@dataclass
class AreaSection:
    number: str
    title: str
    parts: list[Part]


def plan_paper(plan: Plan) -> documents.OfficialPaper:
    """The header, title, recipients and signature of the plan."""
    organisation = plan.organisation or f"ỦY BAN NHÂN DÂN {plan.unit_kind} {plan.commune_name}"
    return documents.OfficialPaper(
        agency_parent=plan.organisation_parent,
        agency_lines=documents.agency_lines(organisation),
        number_symbol=plan.number_symbol,
        date_line=plan.date_line,
        doc_type=_("KẾ HOẠCH"),
        summary=plan.title,
        recipients=tuple(documents.recipient_text(r.text) for r in plan.recipients.order_by("order")),
        sign_lines=tuple(line for line in (plan.sign_authority, plan.sign_delegation, plan.sign_position) if line),
        signer_name=plan.signer_name,
        title=plan.full_title,
    )


def _area_bodies(area: ContentArea) -> str:
    """The area's implementing bodies as the plan states them, else the bodies its items are assigned to."""
    if area.bodies_text.strip():
        return " ".join(area.bodies_text.split())
    names = dict.fromkeys(a.body.name for item in area.items.all() for a in item.assignments.all())
    return "; ".join(names) + "." if names else ""


def _marker(label: str) -> str:
    """ "a)" for a lettered (or numbered) item, "-" for an item the plan gave as a dash bullet."""
    label = label.strip()
    return f"{label})" if label.isalnum() else "-"


def _area_section(area: ContentArea) -> AreaSection:
    # Parts are numbered in sequence, so a plan that leaves one out does not skip a number.
    parts: list[Part] = []
    items = [
        {"marker": _marker(item.label), "text": documents.typeset(item.text), "timing": documents.typeset(item.timing)}
        for item in area.items.all()
    ]
    if items:
        parts.append(Part(number="", heading=_("Nội dung"), items=items))
    bodies = _area_bodies(area)
    if bodies:
        parts.append(Part(number="", heading=_("Cơ quan thực hiện"), text=documents.typeset(bodies)))
    if area.timing.strip():
        parts.append(Part(number="", heading=_("Thời gian thực hiện"), text=documents.typeset(area.timing)))
    for index, part in enumerate(parts, start=1):
        part.number = f"{area.number}.{index}"
    return AreaSection(number=area.number, title=documents.typeset(area.title), parts=parts)


def _reporting_paragraphs(plan: Plan, periods: list[ReportingPeriod]) -> list[str]:
    """The plan's own words on reporting (III.4), else a sentence built from its reporting periods."""
    if plan.reporting_text.strip():
        return documents.paragraphs(plan.reporting_text)
    if not periods:
        return []
    deadlines = "; ".join(
        _("%(label)s trước ngày %(date)s") % {"label": p.label.lower(), "date": p.due_date.strftime("%d/%m/%Y")}
        for p in periods
    )
    via = plan.reporting_via.name if plan.reporting_via_id else ""
    if via:
        text = _("Các cơ quan, đơn vị báo cáo tình hình, kết quả thực hiện (%(deadlines)s) về UBND xã (qua %(via)s).")
        return [text % {"deadlines": deadlines, "via": via}]
    text = _("Các cơ quan, đơn vị báo cáo tình hình, kết quả thực hiện (%(deadlines)s) về UBND xã.")
    return [text % {"deadlines": deadlines}]


def _next_number(numbers: list[str]) -> str:
    try:
        return str(int(numbers[-1].strip().rstrip(".")) + 1)
    except (IndexError, ValueError):
        return str(len(numbers) + 1)


def plan_document_context(plan: Plan) -> dict:
    """Everything the plan's template shows, loaded in a fixed number of queries."""
    areas = [_area_section(area) for area in selectors.plan_structure(plan)]
    duties = [
        {"number": duty.number, "heading": duty.heading, "paragraphs": documents.typeset_paragraphs(duty.text)}
        for duty in plan.duties.order_by("order")
    ]
    periods = list(selectors.plan_periods(plan))
    reporting = _reporting_paragraphs(plan, periods)
    # Decree 30 closes the content with "./."; add it when the source text did not.
    if reporting and not reporting[-1].endswith(END_MARK):
        reporting[-1] = reporting[-1].rstrip(".") + END_MARK
    return {
        "paper": plan_paper(plan),
        "plan": plan,
        "preamble": documents.typeset_paragraphs(plan.preamble),
        "purposes": documents.typeset_paragraphs(plan.purposes),
        "requirements": documents.typeset_paragraphs(plan.requirements),
        "areas": areas,
        "duties": duties,
        "reporting_number": _next_number([d["number"] for d in duties]),
        "reporting": [documents.typeset(text) for text in reporting],
    }


@dataclass(frozen=True)
class PlanPdf:
    """A rendered plan: the PDF, the blank its layout leaves under the signer's position (where a signature's
    stamp goes; None without a signature block) and the file name to serve it under."""

    content: bytes
    signature_box: documents.SignatureBox | None
    filename: str


def plan_pdf(plan: Plan, *, number_symbol: str = "", date: datetime.date | None = None) -> PlanPdf:
    """The plan as a PDF in the layout of Nghị định 30/2020/NĐ-CP: the one place a plan is rendered.

    Issuing passes the number ("12/KH-UBND") and date it gives the plan: the paper is rendered with them from a
    copy, before the plan itself changes (in the same transaction, once the paper is signed and stored).
    """
    if number_symbol or date is not None:
        plan = _as_issued(plan, number_symbol, date)
    content, box = documents.render_pdf_and_signature_box(PLAN_TEMPLATE, plan_document_context(plan))
    return PlanPdf(content=content, signature_box=box, filename=plan_pdf_filename(plan))


def _as_issued(plan: Plan, number_symbol: str, date: datetime.date | None) -> Plan:
    """A copy of the plan carrying the number and date it is being issued with; the plan itself is untouched."""
    numbered = copy.copy(plan)
    if number_symbol:
        numbered.number, _slash, numbered.symbol = number_symbol.partition("/")
    if date is not None:
        numbered.date_day, numbered.date_month, numbered.date_year = date.day, date.month, date.year
    return numbered


def plan_pdf_filename(plan: Plan) -> str:
    """ "ke-hoach-2026.pdf"; an issued plan's number goes in too, so versions do not overwrite each other."""
    number = slugify(plan.number)
    if number:
        return f"ke-hoach-{plan.year}-so-{number}.pdf"
    return f"ke-hoach-{plan.year}.pdf"
