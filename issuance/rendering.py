"""The unsigned PDF of a paper being issued, with where its signature space lies."""

from __future__ import annotations

from camgiang_portal import documents
from plans import documents as plan_documents
from plans.models import Plan


def plan_pdf(plan: Plan) -> tuple[bytes, documents.SignatureBox | None]:
    """The plan in its Decree-30 layout (plans.documents) and the blank space under the signer's position."""
    return documents.render_pdf_and_signature_box(
        plan_documents.PLAN_TEMPLATE, plan_documents.plan_document_context(plan)
    )
