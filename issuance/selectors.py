"""Reads of issued papers."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import DocType, IssuedDocument


def issued_documents() -> QuerySet[IssuedDocument]:
    return IssuedDocument.objects.select_related("superseded_by").order_by("-issued_at", "-pk")


def document_by_hash(sha256: str) -> IssuedDocument | None:
    return IssuedDocument.objects.filter(sha256=sha256.lower()).first()


def plan_documents(plan_id: int) -> QuerySet[IssuedDocument]:
    """Every issued version of a plan, newest first."""
    return issued_documents().filter(doc_type=DocType.PLAN, plan_id=plan_id)
