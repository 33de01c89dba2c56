"""What an issuable paper is to the issuing app, and the plan's paper.

`services.issue(paper, by)` runs any paper through the same sequence; a paper says what it is (its register
entry: type, year, title, signer) and does its three steps: `check_and_lock`, `render` and `apply`. The Báo
cáo's paper lives with the Báo cáo (consolidation.issuing), above this app: this app imports no app above plans.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Protocol, TypeAlias

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from camgiang_portal import signing
from communes.models import Commune
from plans.models import Plan

from . import permissions
from .models import DocType, IssuedDocument

if TYPE_CHECKING:
    from camgiang_portal.documents import SignatureBox

# A render's result: the unsigned PDF, or the PDF and the blank its layout left for the signature (the stamp is
# centred in it; without one, signing finds a place).
Rendered: TypeAlias = "bytes | tuple[bytes, SignatureBox | None]"


class IssuablePaper(Protocol):
    """A paper `issue()` can number, sign and store.

    The attributes are read after `check_and_lock`, so a paper may take them from the rows it locked.
    """

    doc_type: str  # a DocType value: each type has its own numbers
    year: int  # the register's year: Decree 30 numbers restart each calendar year of issuing
    title: str  # the "trích yếu" the register and the verification page show
    signer_name: str
    signer_position: str  # as the stamp writes it ("Phó Chủ tịch", signing.position_title)
    # Optional: the commune whose register numbers the paper and whose seal it bears (the plan's commune);
    # a paper without one is the commune being served's (services.paper_commune).
    commune: Commune | None
    # Optional, not declared so that a commune's paper need not say it: `city = True` on the city's own paper (no
    # commune) — the city's register and the city's People's Committee (agency.city_agency_name). Only this flag
    # says so; a missing commune alone is never taken for the city (services.paper_commune).
    plan_id: int | None  # what the paper issues, as the register records it (plain values, no foreign key)
    report_key: str

    def check_and_lock(self, by) -> None:
        """Authorise `by` (PermissionDenied), lock the paper's own rows until the transaction ends, and refuse a
        paper that cannot be issued (ValidationError, its message for people). Runs before a number is taken:
        a refusal uses no number, and a second click waits on the lock, then is refused."""

    def render(self, number_symbol: str, date: datetime.date) -> Rendered:
        """The unsigned PDF carrying the number ("12/KH-UBND") and date it is issued with. Changes nothing."""

    def apply(self, document: IssuedDocument) -> None:
        """The paper's own changes once issued and stored (its status, what it supersedes), in the same
        transaction: a failure here still gives the number back and removes the file."""


class SignedAsThePlan:
    """A paper signed by whom the plan names, in the position the stamp writes (the plan and its Báo cáo)."""

    plan: Plan

    @property
    def commune(self) -> Commune:
        """The plan's commune numbers, seals and owns the paper (the Báo cáo's too)."""
        return self.plan.commune

    @property
    def signer_name(self) -> str:
        return self.plan.signer_name

    @property
    def signer_position(self) -> str:
        return signing.position_title(self.plan.sign_position)


class PlanPaper(SignedAsThePlan):
    """A draft plan issued as Kế hoạch …/KH-UBND: it takes the number and date, and the plan issued before it for
    the same commune and year (if any) is superseded, its signed paper too."""

    doc_type = DocType.PLAN
    report_key = ""

    def __init__(self, plan: Plan):
        self.plan = plan
        # Decree 30 numbers restart each calendar year: the year of issuing, not the plan's year.
        self.year = timezone.localdate().year

    @property
    def plan_id(self) -> int:
        return self.plan.pk

    @property
    def title(self) -> str:
        return self.plan.full_title

    def check_and_lock(self, by) -> None:
        permissions.check_issuer(by, permissions.may_issue_plans)
        # The row as the database holds it, locked: what is rendered and signed is what is stored, and of two
        # clicks the second waits here, then finds the plan issued.
        self.plan = Plan.objects.select_for_update().get(pk=self.plan.pk)
        if self.plan.status != Plan.Status.DRAFT:
            raise ValidationError(_("Kế hoạch này đã được ban hành hoặc đã được thay thế; không thể ban hành lại."))
        if not self.plan.signer_name.strip() or not self.plan.sign_position.strip():
            raise ValidationError(_("Kế hoạch chưa có người ký và chức vụ người ký."))

    def render(self, number_symbol: str, date: datetime.date) -> Rendered:
        from plans import documents as plan_documents  # WeasyPrint loads slowly: only issuing pays for it

        rendered = plan_documents.plan_pdf(self.plan, number_symbol=number_symbol, date=date)
        return rendered.content, rendered.signature_box

    def apply(self, document: IssuedDocument) -> None:
        plan = self.plan
        # Runs under the counter's lock, so two new versions of one year's plan cannot race here.
        older = list(
            Plan.objects.filter(commune_id=plan.commune_id, year=plan.year, status=Plan.Status.ISSUED)
            .exclude(pk=plan.pk)
            .select_for_update()
        )
        older_doc = (
            IssuedDocument.objects.filter(
                doc_type=DocType.PLAN, plan_id__in=[p.pk for p in older], superseded_by__isnull=True
            )
            .exclude(pk=document.pk)
            .order_by("-issued_at", "-pk")
            .first()
        )
        if older_doc is not None:
            document.supersedes = older_doc
            document.save(update_fields=["supersedes"])
        issued_on = timezone.localdate(document.issued_at)
        plan.number, _slash, plan.symbol = document.symbol.partition("/")
        plan.date_day, plan.date_month, plan.date_year = issued_on.day, issued_on.month, issued_on.year
        plan.status = Plan.Status.ISSUED
        if older and plan.supersedes_id is None:
            plan.supersedes = older[0]
        plan.save()
        for old in older:
            old.status = Plan.Status.SUPERSEDED
            old.save(update_fields=["status", "updated_at"])
