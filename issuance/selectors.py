"""Reads of issued papers."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import DocType, IssuedDocument


def issued_documents() -> QuerySet[IssuedDocument]:
    return IssuedDocument.objects.select_related("superseded_by", "commune").order_by("-issued_at", "-pk")


def document_by_hash(sha256: str) -> IssuedDocument | None:
    """The paper the portal issued with this hash, of any commune: whoever holds a paper may check it anywhere."""
    return IssuedDocument.all_communes.filter(sha256=sha256.lower()).first()


def plan_documents(plan_id: int) -> QuerySet[IssuedDocument]:
    """Every issued version of a plan, newest first."""
    return issued_documents().filter(doc_type=DocType.PLAN, plan_id=plan_id)


def current_plan_document(plan_id: int) -> IssuedDocument | None:
    """The plan's issued paper still in force (none when it was never issued or a newer version replaced it)."""
    return plan_documents(plan_id).filter(superseded_by__isnull=True).first()


def report_documents(report_key: str) -> QuerySet[IssuedDocument]:
    """Every issued version of one Báo cáo (the issuing app's `report_key`), newest first."""
    return issued_documents().filter(doc_type=DocType.REPORT, report_key=report_key)
