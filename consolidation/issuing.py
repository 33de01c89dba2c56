"""Issuing the period's Báo cáo: whether it can be issued now, its issued versions, and the paper that
issuance.services.issue runs (issuance.papers.IssuablePaper): …/BC-UBND, signed as the plan is signed.

Issued again only after a change (a new acceptance, a reopened form): the new number supersedes the version in
force. consolidated_issue_state decides whether it can be issued.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from camgiang_portal import signing
from issuance import papers as issuance_papers
from issuance import permissions as issuance_permissions
from issuance import selectors as issuance_selectors
from issuance import services as issuance_services
from issuance.models import DocType, IssuedDocument
from plans.models import ReportingPeriod
from reports import exports as reports_exports
from reports import permissions as reports_permissions
from reports.models import ConsolidatedIssue, ProgressReport

from . import drafts
from .models import ReportDraft

State = ProgressReport.State


def consolidated_report_key(period: ReportingPeriod) -> str:
    """How the issuing app knows the period's Báo cáo: one key for every version it is issued in."""
    return f"period:{period.pk}"


def consolidated_documents(period: ReportingPeriod) -> list[IssuedDocument]:
    """Every issued version of the period's Báo cáo, newest first (the superseded ones too: they stay public)."""
    return list(issuance_selectors.report_documents(consolidated_report_key(period)))


def consolidated_paper_in_force(period: ReportingPeriod) -> IssuedDocument | None:
    """The signed Báo cáo that is the period's report now: the version in force, while no form it holds has been
    accepted or reopened since. Downloads of "the Báo cáo" serve it, not a fresh unsigned rendering."""
    current = next((doc for doc in consolidated_documents(period) if doc.is_current), None)
    if current is None:
        return None
    forms = ProgressReport.objects.filter(period=period, state=State.ACCEPTED).order_by("pk")
    held = ConsolidatedIssue.objects.filter(document=current).values_list("contents", flat=True).first()
    return current if held == _contents(list(forms.values_list("pk", "version")), _draft_version(period)) else None


@dataclass
class IssueState:
    """Whether the period's Báo cáo can be issued now, and what it would hold."""

    documents: list[IssuedDocument]
    current: IssuedDocument | None  # the version in force, which a new issue supersedes
    accepted: int
    waiting: int  # submitted, not yet reviewed
    contents: str  # SHA-256 of the accepted reports and their versions: changes with any acceptance or reopening
    refusal: str = ""

    @property
    def can_issue(self) -> bool:
        return not self.refusal


def _contents(reports: list[tuple[int, int]], draft_version: int) -> str:
    """What a version holds: the accepted forms at their versions and the draft's saved version (0, the
    pre-filled draft, leaves the digest as it was before drafts existed)."""
    held = ";".join(f"{pk}:{version}" for pk, version in sorted(reports))
    if draft_version:
        held += f"|draft:{draft_version}"
    return hashlib.sha256(held.encode()).hexdigest()


def _draft_version(period: ReportingPeriod) -> int:
    return ReportDraft.objects.filter(period=period).values_list("version", flat=True).first() or 0


def consolidated_issue_state(period: ReportingPeriod, *, lock: bool = False) -> IssueState:
    """Refused while a form waits for review (the signed paper holds accepted reports only), when nothing is
    accepted, when the plan names no signer, and when nothing changed since the version in force.

    `lock`: inside the issuing transaction, the period's forms are locked so none is accepted or reopened
    between this check and the rendering of the paper.
    """
    forms = ProgressReport.objects.filter(period=period).order_by("pk")
    if lock:
        forms = forms.select_for_update()
    rows = list(forms.values_list("pk", "state", "version"))
    accepted = [(pk, version) for pk, state, version in rows if state == State.ACCEPTED]
    waiting = sum(1 for _pk, state, _version in rows if state == State.SUBMITTED)
    documents = consolidated_documents(period)
    current = next((doc for doc in documents if doc.is_current), None)
    state = IssueState(documents, current, len(accepted), waiting, _contents(accepted, _draft_version(period)))
    plan = period.plan
    if waiting:
        state.refusal = _(
            "Còn %(count)s báo cáo đang chờ duyệt: cán bộ đầu mối cần duyệt hoặc trả lại trước khi ban hành, "
            "vì văn bản ký số chỉ tổng hợp các báo cáo đã duyệt."
        ) % {"count": waiting}
    elif not accepted:
        state.refusal = _("Kỳ báo cáo này chưa có báo cáo nào được duyệt: chưa có nội dung để ban hành.")
    elif not plan.signer_name.strip() or not plan.sign_position.strip():
        state.refusal = _("Kế hoạch chưa có người ký và chức vụ người ký.")
    elif current is not None:
        held = ConsolidatedIssue.objects.filter(document=current).values_list("contents", flat=True).first()
        if held == state.contents:
            state.refusal = _(
                "Báo cáo tổng hợp đã được ban hành (số %(symbol)s) và từ đó chưa có báo cáo nào được duyệt "
                "thêm hay mở lại, dự thảo cũng chưa được sửa: không cần ban hành lại."
            ) % {"symbol": current.symbol}
    return state


def consolidated_issue(
    *, period: ReportingPeriod, by, identity: signing.SigningIdentity | None = None
) -> IssuedDocument:
    """Leadership issues the period's consolidated Báo cáo as the plan is issued: the next …/BC-UBND number of
    the year, today's date, signed and stored once (issuance.services.issue of a ConsolidatedPaper).

    Refused with a ValidationError, nothing written, when the paper cannot be issued (consolidated_issue_state);
    PermissionDenied for anyone but leadership.
    """
    return issuance_services.issue(ConsolidatedPaper(period), by, identity)


class ConsolidatedPaper(issuance_papers.SignedAsThePlan):
    """The Báo cáo of one reporting period, as leadership issues it."""

    doc_type = DocType.REPORT
    plan_id = None

    def __init__(self, period: ReportingPeriod):
        self.period = period
        self.plan = period.plan
        # Decree 30 numbers restart each calendar year: the year of issuing, not the plan's year.
        self.year = timezone.localdate().year
        self.report_key = consolidated_report_key(period)
        self.state: IssueState | None = None
        self.frozen = None  # (content, draft version, material): what the paper prints, read once under the lock

    @property
    def title(self) -> str:
        return _("Báo cáo kết quả thực hiện dân chủ ở cơ sở %(period)s") % {
            "period": reports_exports.with_year(reports_exports.period_phrase(self.period), self.plan.year)
        }

    def check_and_lock(self, by) -> None:
        issuance_permissions.check_issuer(by, reports_permissions.can_issue_consolidated)
        # The period's forms locked until commit, so none is accepted or reopened before the paper is signed; of
        # two leaders issuing at once, the second waits here, then finds the paper issued with the same contents.
        self.state = consolidated_issue_state(self.period, lock=True)
        if self.state.refusal:
            raise ValidationError(self.state.refusal)
        # The draft is locked too: a save made while the paper renders waits, and goes into the next version.
        ReportDraft.objects.select_for_update().filter(period=self.period).first()
        from . import papers  # WeasyPrint loads slowly: only issuing and rendering pay

        self.frozen = papers.consolidated_content(self.period)

    def render(self, number_symbol: str, date: datetime.date):
        from . import papers

        content, _version, mat = self.frozen
        return papers.consolidated_issued_pdf(self.period, number_symbol, date, content, mat)

    def apply(self, document: IssuedDocument) -> None:
        if self.state.current is not None:
            document.supersedes = self.state.current
            document.save(update_fields=["supersedes"])
        ConsolidatedIssue.objects.create(
            period=self.period, document=document, contents=self.state.contents, reports_count=self.state.accepted
        )
        content, version, _mat = self.frozen
        drafts.freeze(period=self.period, document=document, content=content, draft_version=version)
