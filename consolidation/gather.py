"""The period's consolidated report as read from the forms: area → item → every body's status, figures and words.

The consolidated page, the item page and the Báo cáo's paper all read it; a fixed number of queries whatever
the number of bodies (tests assert it at 1× and 10×).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from plans.models import Item, ReportingPeriod
from reports.models import STATUS_SCORE, FigureValue, Indicator, ItemProgress, ItemStatus, PortalFigure, ProgressReport
from reports.selectors import CONSOLIDATED_STATES, plan_indicators

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


def portal_figures(period: ReportingPeriod) -> list[PortalFigure]:
    """What the portal itself counted for the period, beside the bodies' own figures; one query."""
    return list(PortalFigure.objects.filter(period=period))
