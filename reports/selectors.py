"""Reads of the reports app: a body's forms, the consolidated report and its issued Báo cáo, the cache generation.

Every selector runs a fixed number of queries whatever the number of bodies (tests assert it at 1× and 10×).
The dashboard, an item across bodies and the progress roll-up are consolidation's (consolidation.selectors).
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db.models import QuerySet

from camgiang_portal.people import full_name
from plans.models import Body, Plan

from .models import (
    Indicator,
    ItemProgress,
    ProgressReport,
    ReviewEvent,
)

State = ProgressReport.State
# What the consolidated report and the roll-up read: forms the body has sent and that stand.
CONSOLIDATED_STATES = (State.SUBMITTED, State.ACCEPTED)
CACHE_GENERATION_KEY = "reports:generation"


def fresh_generation() -> int:
    # Microseconds since the epoch: if Redis evicts or loses the counter, the new value is still above
    # every value it held before (each bump is a committed write, which takes far more than a microsecond),
    # so fragments cached under an old generation can never be served again.
    return time.time_ns() // 1000


def cache_generation() -> int:
    return cache.get_or_set(CACHE_GENERATION_KEY, fresh_generation, None)


def cache_invalidate() -> None:
    """Called by services after every write that changes what the dashboard or consolidated view shows."""
    try:
        cache.incr(CACHE_GENERATION_KEY)
    except ValueError:  # no counter yet (or Redis down: then nothing is cached either)
        cache.set(CACHE_GENERATION_KEY, fresh_generation(), None)


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


def report_signer_name(report: ProgressReport) -> str:
    """Who signs a body's own Báo cáo: the body's person who last submitted it, never the coordinator who
    reviewed it afterwards (or entered it from a spreadsheet); blank for the hand to sign when unknown."""
    event = (
        report.events.filter(kind=ReviewEvent.Kind.SUBMITTED, by__isnull=False)
        .select_related("by")
        .order_by("-at", "-pk")
        .first()
    )
    return full_name(event.by) if event else ""
