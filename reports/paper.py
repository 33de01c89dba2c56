"""The period's consolidated Báo cáo as an issuable paper (issuance.papers.IssuablePaper): …/BC-UBND.

Issued again only after a change (a new acceptance, a reopened form): the new number supersedes the version in
force. What decides whether it can be issued is selectors.consolidated_issue_state.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from camgiang_portal import signing
from issuance import permissions as issuance_permissions
from issuance.models import DocType, IssuedDocument
from plans.models import ReportingPeriod

from . import exports, permissions, selectors
from .models import ConsolidatedIssue


class ConsolidatedPaper:
    """The Báo cáo of one reporting period, as leadership issues it."""

    doc_type = DocType.REPORT
    plan_id = None

    def __init__(self, period: ReportingPeriod):
        self.period = period
        self.plan = period.plan
        # Decree 30 numbers restart each calendar year: the year of issuing, not the plan's year.
        self.year = timezone.localdate().year
        self.report_key = selectors.consolidated_report_key(period)
        self.state: selectors.IssueState | None = None

    @property
    def title(self) -> str:
        return _("Báo cáo kết quả thực hiện dân chủ ở cơ sở %(period)s năm %(year)s") % {
            "period": exports.period_phrase(self.period),
            "year": self.plan.year,
        }

    @property
    def signer_name(self) -> str:
        return self.plan.signer_name

    @property
    def signer_position(self) -> str:
        return signing.position_title(self.plan.sign_position)

    def check_and_lock(self, by) -> None:
        issuance_permissions.check_issuer(by, permissions.can_issue_consolidated)
        # The period's forms locked until commit, so none is accepted or reopened before the paper is signed; of
        # two leaders issuing at once, the second waits here, then finds the paper issued with the same contents.
        self.state = selectors.consolidated_issue_state(self.period, lock=True)
        if self.state.refusal:
            raise ValidationError(self.state.refusal)

    def render(self, number_symbol: str, date: datetime.date):
        return exports.consolidated_issued_pdf(self.period, number_symbol, date)

    def apply(self, document: IssuedDocument) -> None:
        if self.state.current is not None:
            document.supersedes = self.state.current
            document.save(update_fields=["supersedes"])
        ConsolidatedIssue.objects.create(
            period=self.period, document=document, contents=self.state.contents, reports_count=self.state.accepted
        )
