"""Reads of the reports app: a body's forms, the consolidated report and its issued Báo cáo, the cache generation.

Every selector runs a fixed number of queries whatever the number of bodies (tests assert it at 1× and 10×).
The dashboard, an item across bodies and the progress roll-up are consolidation's (consolidation.selectors).
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from issuance import selectors as issuance_selectors
from issuance.models import IssuedDocument
from plans.models import Body, Item, Plan, ReportingPeriod

from .models import (
    STATUS_SCORE,
    ConsolidatedIssue,
    FigureValue,
    Indicator,
    ItemProgress,
    ItemStatus,
    PortalFigure,
    ProgressReport,
    ReviewEvent,
)

State = ProgressReport.State
# What the consolidated report and the roll-up read: forms the body has sent and that stand.
CONSOLIDATED_STATES = (State.SUBMITTED, State.ACCEPTED)
CACHE_GENERATION_KEY = "reports:generation"


def _fresh_generation() -> int:
    # Microseconds since the epoch: if Redis evicts or loses the counter, the new value is still above
    # every value it held before (each bump is a committed write, which takes far more than a microsecond),
    # so fragments cached under an old generation can never be served again.
    return time.time_ns() // 1000


def cache_generation() -> int:
    return cache.get_or_set(CACHE_GENERATION_KEY, _fresh_generation, None)


def cache_invalidate() -> None:
    """Called by services after every write that changes what the dashboard or consolidated view shows."""
    try:
        cache.incr(CACHE_GENERATION_KEY)
    except ValueError:  # no counter yet (or Redis down: then nothing is cached either)
        cache.set(CACHE_GENERATION_KEY, _fresh_generation(), None)


def body_reports(body: Body, plan: Plan | None) -> QuerySet[ProgressReport]:
    """A body's forms of the plan, one per period, for its start page."""
    if plan is None:
        return ProgressReport.objects.none()
    return (
        ProgressReport.objects.filter(body=body, period__plan=plan).select_related("period").order_by("period__order")
    )


def report_items(report: ProgressReport) -> list[ItemProgress]:
    """The form's rows with each row's indicators and figures, in two queries whatever the size."""
    rows = list(report.items.select_related("item", "item__area").prefetch_related("figures"))
    indicators = list(Indicator.objects.filter(item__area__plan_id=report.period.plan_id)) + list(
        Indicator.objects.filter(area__plan_id=report.period.plan_id)
    )
    for row in rows:
        values = {f.indicator_id: f.value for f in row.figures.all()}
        row.indicator_values = [
            (i, values.get(i.pk)) for i in sorted(indicators, key=lambda i: (i.order, i.pk)) if i.applies_to(row.item)
        ]
    return rows


def plan_indicators(plan: Plan) -> list[Indicator]:
    by_item = Indicator.objects.filter(item__area__plan=plan)
    by_area = Indicator.objects.filter(area__plan=plan)
    return sorted({*by_item, *by_area}, key=lambda i: (i.order, i.pk))


# --- consolidated report ---------------------------------------------------------------------------
# Read here, not in consolidation, while the Báo cáo is issued by reports.services.consolidated_issue, which
# renders it (reports.exports): reports never imports consolidation.


# The consolidated page shows this many of each item's most shared texts; every body's own words are one
# click away on the item's page, so the page stays the same size whatever the number of bodies.
TOP_TEXTS = 5


def _most_shared(gathered: list) -> list:
    return sorted(gathered, key=lambda pair: -len(pair[1]))[:TOP_TEXTS]


@dataclass
class ItemSummary:
    item: Item
    rows: list = field(default_factory=list)  # (body, ItemProgress or None, reported: bool)
    status_counts: list = field(default_factory=list)  # (label, count), "Không phát sinh" left out
    not_applicable: int = 0  # bodies for which the item did not arise this period: reported, not in any percentage
    figures: list = field(default_factory=list)  # (indicator, total)
    # (text, [body names]): the same words from several bodies are gathered once, naming them all.
    activities: list = field(default_factory=list)
    difficulties: list = field(default_factory=list)
    proposals: list = field(default_factory=list)

    @property
    def top_activities(self) -> list:
        return _most_shared(self.activities)

    @property
    def top_difficulties(self) -> list:
        return _most_shared(self.difficulties)

    @property
    def top_proposals(self) -> list:
        return _most_shared(self.proposals)


@dataclass
class Consolidated:
    period: ReportingPeriod
    areas: list  # (area, [ItemSummary])
    reports: list[ProgressReport]
    missing: list[ProgressReport]
    indicators: list[Indicator]
    totals: dict  # (item_id, indicator_id) -> total
    progress_by_report: dict  # report_id -> {item_id: ItemProgress}
    figures_by_progress: dict  # progress_id -> {indicator_id: value}

    @property
    def reported(self) -> list[ProgressReport]:
        return [r for r in self.reports if r.state in CONSOLIDATED_STATES]


def consolidated(period: ReportingPeriod) -> Consolidated:
    """The period's reports gathered along the plan's structure: area → item → every body's status and words."""
    plan = period.plan
    reports = list(
        ProgressReport.objects.filter(period=period)
        .select_related("body")
        .order_by("body__kind", "body__order", "body__name")
    )
    included = {r.pk for r in reports if r.state in CONSOLIDATED_STATES}
    progress_by_report: dict[int, dict[int, ItemProgress]] = defaultdict(dict)
    for progress in ItemProgress.objects.filter(report__period=period):
        progress_by_report[progress.report_id][progress.item_id] = progress
    figures_by_progress: dict[int, dict[int, int]] = defaultdict(dict)
    totals: Counter = Counter()
    for progress_id, item_id, report_id, indicator_id, value in FigureValue.objects.filter(
        progress__report__period=period
    ).values_list("progress_id", "progress__item_id", "progress__report_id", "indicator_id", "value"):
        figures_by_progress[progress_id][indicator_id] = value
        if report_id in included:
            totals[(item_id, indicator_id)] += value
    indicators = plan_indicators(plan)
    areas = []
    for area in plan.areas.order_by("order").prefetch_related(
        Prefetch("items", queryset=Item.objects.order_by("order"))
    ):
        summaries = []
        for item in area.items.all():
            summary = ItemSummary(item=item)
            counts: Counter = Counter()
            gathered: dict[str, dict[str, list[str]]] = {"activities": {}, "difficulties": {}, "proposals": {}}
            for report in reports:
                progress = progress_by_report.get(report.pk, {}).get(item.pk)
                if progress is None:
                    continue
                reported = report.pk in included
                summary.rows.append((report.body, progress, reported))
                if not reported:
                    continue
                if progress.status:
                    counts[progress.status] += 1
                for attr in ("done", "difficulties", "proposals"):
                    text = getattr(progress, attr).strip()
                    if text:
                        key = "activities" if attr == "done" else attr
                        gathered[key].setdefault(" ".join(text.split()), []).append(report.body.name)
            for key, texts in gathered.items():
                setattr(summary, key, list(texts.items()))
            summary.status_counts = [
                (label, counts[value]) for value, label in ItemStatus.choices if counts[value] and value in STATUS_SCORE
            ]
            summary.not_applicable = counts[ItemStatus.NOT_APPLICABLE]
            summary.figures = [(i, totals[(item.pk, i.pk)]) for i in indicators if i.applies_to(item)]
            summaries.append(summary)
        areas.append((area, summaries))
    missing = [r for r in reports if r.pk not in included]
    return Consolidated(
        period, areas, reports, missing, indicators, dict(totals), progress_by_report, figures_by_progress
    )


# --- the issued Báo cáo of a period ------------------------------------------------------------------


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
    return current if held == _contents(list(forms.values_list("pk", "version"))) else None


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


def _contents(reports: list[tuple[int, int]]) -> str:
    return hashlib.sha256(";".join(f"{pk}:{version}" for pk, version in sorted(reports)).encode()).hexdigest()


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
    state = IssueState(documents, current, len(accepted), waiting, _contents(accepted))
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
                "Báo cáo tổng hợp đã được ban hành (số %(symbol)s) và chưa có báo cáo nào được duyệt thêm "
                "hay mở lại từ đó: không cần ban hành lại."
            ) % {"symbol": current.symbol}
    return state


def portal_figures(period: ReportingPeriod) -> list[PortalFigure]:
    """What the portal itself counted for the period, beside the bodies' own figures; one query."""
    return list(PortalFigure.objects.filter(period=period))


def report_signer_name(report: ProgressReport) -> str:
    """Who signs a body's own Báo cáo: the body's person who last submitted it, never the coordinator who
    reviewed it afterwards (or entered it from a spreadsheet); blank for the hand to sign when unknown."""
    event = (
        report.events.filter(kind=ReviewEvent.Kind.SUBMITTED, by__isnull=False)
        .select_related("by")
        .order_by("-at", "-pk")
        .first()
    )
    return event.by.get_full_name() if event else ""
