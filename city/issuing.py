"""A city leader issues the city's own Báo cáo of a period: the paper issuance.services.issue runs
(issuance.papers.IssuablePaper), numbered in the city's own register (…/BC-UBND from 01 each year, whatever the
communes numbered) and sealed by the city's People's Committee (`city = True`: issuance.agency.city_agency_name).

Issued again only after the draft was saved again: the new number supersedes the version in force, and a
second click (the same draft version) is refused before any number is taken.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from camgiang_portal import signing
from issuance import services as issuance_services
from issuance.models import DocType, IssuedDocument

from . import permissions, report
from .models import CityIssue, CityPeriod, CityReportDraft


def city_report_key(city_period: CityPeriod) -> str:
    """How the issuing app knows the city's Báo cáo of a period: one key for every version."""
    return f"city:{city_period.pk}"


def city_documents(city_period: CityPeriod) -> list[IssuedDocument]:
    """Every issued version of the city's Báo cáo of the period, newest first (the superseded ones stay public).
    The city's register only (no commune): a commune's key can never be read as the city's."""
    return list(
        IssuedDocument.all_communes.filter(
            commune__isnull=True, doc_type=DocType.REPORT, report_key=city_report_key(city_period)
        )
        .select_related("superseded_by")
        .order_by("-issued_at", "-pk")
    )


def may_issue(user) -> bool:
    """A leader of the city's People's Committee signs the city's Báo cáo; the Sở Nội vụ drafts it."""
    return permissions.is_leader(permissions.city_member(user))


def city_report_issue(
    *, city_period: CityPeriod, by, identity: signing.SigningIdentity | None = None
) -> IssuedDocument:
    """A city leader issues the period's Báo cáo as the draft stands. PermissionDenied for anyone else;
    ValidationError, nothing written and no number used, when the draft was never saved or nothing changed
    since the version in force."""
    return issuance_services.issue(CityReportPaper(city_period), by, identity)


def issue_refusal(city_period: CityPeriod, draft: CityReportDraft | None) -> str:
    """Why the draft cannot be issued now ("" when it can): never saved, or not changed since the version issued.
    The page shows it instead of the button; the paper checks it again under the draft's lock."""
    if draft is None or not draft.version:
        return _("Dự thảo báo cáo chưa được lưu lần nào: Sở Nội vụ cần hoàn thiện và lưu dự thảo trước khi ban hành.")
    last = CityIssue.objects.filter(city_period=city_period).select_related("document").first()
    if last is not None and last.draft_version == draft.version:
        return _(
            "Báo cáo của thành phố đã được ban hành (số %(symbol)s) và dự thảo chưa được sửa từ đó: "
            "không cần ban hành lại."
        ) % {"symbol": last.document.symbol}
    return ""


class CityReportPaper:
    """The city's Báo cáo of one period, as a leader of the city issues and signs it."""

    doc_type = DocType.REPORT
    city = True  # the city's register and seal (issuance.services.paper_commune)
    commune = None
    plan_id = None

    def __init__(self, city_period: CityPeriod):
        self.city_period = city_period
        # Decree 30 numbers restart each calendar year: the year of issuing, not the period's.
        self.year = timezone.localdate().year
        self.report_key = city_report_key(city_period)
        self.title = report.title(city_period)
        self.signer: report.Signer | None = None
        self.draft_version = 0
        self.current: IssuedDocument | None = None
        self.frozen = None  # what the paper prints, read once under the draft's lock

    @property
    def signer_name(self) -> str:
        return self.signer.name

    @property
    def signer_position(self) -> str:
        return self.signer.position

    def check_and_lock(self, by) -> None:
        # The signer is who issues: the system actor of commands has no name to sign with, so it is refused too.
        member = permissions.city_member(by)
        if not permissions.is_leader(member):
            raise PermissionDenied(_("Chỉ lãnh đạo UBND thành phố được ban hành báo cáo của thành phố."))
        self.signer = report.signer_of(member)
        # The draft locked until commit: a save made while the paper renders waits and goes into the next version;
        # of two clicks the second waits here, then finds this version issued.
        draft = CityReportDraft.objects.select_for_update().filter(city_period=self.city_period).first()
        refusal = issue_refusal(self.city_period, draft)
        if refusal:
            raise ValidationError(refusal)
        self.draft_version = draft.version
        self.current = next((doc for doc in city_documents(self.city_period) if doc.is_current), None)
        self.frozen = report.content(self.city_period)

    def render(self, number_symbol: str, date: datetime.date):
        frame = report.paper(self.city_period, number_symbol=number_symbol, date=date, signer=self.signer)
        return report.render(frame, self.frozen)

    def apply(self, document: IssuedDocument) -> None:
        if self.current is not None:
            document.supersedes = self.current
            document.save(update_fields=["supersedes"])
        CityIssue.objects.create(city_period=self.city_period, document=document, draft_version=self.draft_version)
