"""The unsigned PDF of a paper being issued, with the place for the signer's stamp marked."""

from __future__ import annotations

from django.template.loader import render_to_string
from weasyprint import HTML

from plans.models import Plan
from plans import selectors as plan_selectors


def plan_pdf(plan: Plan) -> bytes:
    """TEMPORARY until `plans.documents.plan_render_pdf` (branch `pdf`) lands on main: a plain layout."""
    html = render_to_string(
        "issuance/pdf/plan_temporary.html",
        {"plan": plan, "areas": plan_selectors.plan_structure(plan), "recipients": plan.recipients.order_by("order")},
    )
    return HTML(string=html).write_pdf()
