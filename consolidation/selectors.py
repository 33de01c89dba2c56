"""Reads of consolidation: the dashboard, an item across every body, the progress roll-up, the periods' states.

Every selector runs a fixed number of queries whatever the number of bodies (tests assert it at 1× and 10×).
What the forms wrote is read from reports; the cache generation is reports' (its services bump it on writes).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from plans.models import Body, ContentArea, Item, Plan, ReportingPeriod
from reports.models import (
    STATUS_SCORE,
    FigureValue,
    Indicator,
    ItemProgress,
    ItemStatus,
    ProgressReport,
    period_closes_on,
)
from reports.selectors import CONSOLIDATED_STATES, cache_generation

from .gather import TOP_TEXTS

State = ProgressReport.State


def current_plan_id() -> int | None:
    """The id of the plan in force (plans.selectors.plan_current), cached per reports cache generation.

    The dashboard needs only the id to find its cached body; reading the Plan row (with its source text) on
    every page view cost more than the rest of a cached page. Saves of a Plan bump the generation
    (reports.apps); the short timeout bounds a change made without a save signal (a bulk update).
    """
    from plans import selectors as plans_selectors

    key = f"reports:current-plan:{cache_generation()}"
    plan_id = cache.get(key)
    if plan_id is None:
        plan = plans_selectors.plan_current()
        plan_id = plan.pk if plan else 0
        cache.set(key, plan_id, 60)
    return plan_id or None


# --- one item across every body ----------------------------------------------------------------------


@dataclass
class ItemDetailRow:
    body: Body
    report: ProgressReport
    progress: ItemProgress
    reported: bool  # the form stands (submitted or accepted) and counts in the totals
    figures: list  # (indicator, value or None)


def consolidated_item(period: ReportingPeriod, item: Item) -> list[ItemDetailRow]:
    """Every body's progress on one item in one period, with its figures: the consolidated page's detail.

    Three queries whatever the number of bodies."""
    progresses = (
        ItemProgress.objects.filter(report__period=period, item=item)
        .select_related("report", "report__body")
        .order_by("report__body__kind", "report__body__order", "report__body__name")
    )
    indicators = sorted(Indicator.objects.filter(Q(item=item) | Q(area_id=item.area_id)), key=lambda i: (i.order, i.pk))
    values: dict[int, dict[int, int]] = defaultdict(dict)
    for progress_id, indicator_id, value in FigureValue.objects.filter(
        progress__report__period=period, progress__item=item
    ).values_list("progress_id", "indicator_id", "value"):
        values[progress_id][indicator_id] = value
    return [
        ItemDetailRow(
            body=progress.report.body,
            report=progress.report,
            progress=progress,
            reported=progress.report.state in CONSOLIDATED_STATES,
            figures=[(i, values[progress.pk].get(i.pk)) for i in indicators if i.applies_to(item)],
        )
        for progress in progresses
    ]


# --- dashboard ---------------------------------------------------------------------------------------


def _rate(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def dashboard(plan: Plan) -> dict:
    """Completeness and timeliness per period, by body kind and by body; overdue forms; each body's history.

    Two queries, cached until the next write to any report (services bump the cache generation).
    """
    key = f"reports:dashboard:{plan.pk}:{cache_generation()}:{timezone.localdate().isoformat()}"
    data = cache.get(key)
    if data is None:
        data = _dashboard_compute(plan)
        cache.set(key, data, 600)
    return data


def _dashboard_compute(plan: Plan) -> dict:
    today = timezone.localdate()
    periods = list(plan.periods.order_by("order", "due_date"))
    # Plain strings and ready URLs: the cached result renders without lazy translations or URL reversing.
    kinds = {value: str(label) for value, label in Body.Kind.choices}
    labels = {value: str(label) for value, label in State.choices}
    form_url = reverse("reports:form", args=[0]).replace("/0/", "/%d/")
    rows = (
        ProgressReport.objects.filter(period__plan=plan)
        .values_list("pk", "period_id", "body_id", "body__name", "body__kind", "state", "first_submitted_at", "is_late")
        .order_by("body__kind", "body__order", "body__name")
    )
    per_period: dict[int, Counter] = defaultdict(Counter)
    per_kind: dict[tuple[int, str], Counter] = defaultdict(Counter)
    bodies: dict[int, dict] = {}
    overdue = []
    period_by_id = {p.pk: p for p in periods}
    for pk, period_id, body_id, name, kind, state, first_submitted_at, is_late in rows:
        period = period_by_id[period_id]
        reported = first_submitted_at is not None
        on_time = reported and not is_late
        for counter in (per_period[period_id], per_kind[(period_id, kind)]):
            counter["expected"] += 1
            counter["reported"] += reported
            counter["on_time"] += on_time
        body = bodies.setdefault(body_id, {"name": name, "kind": kinds.get(kind, kind), "cells": {}})
        url = form_url % pk
        body["cells"][period_id] = {
            "url": url,
            "state": state,
            "label": labels[state],
            "late": is_late,
            "reported": reported,
        }
        if not reported and today > period.due_date:
            overdue.append(
                {
                    "pk": pk,
                    "url": url,
                    "remind_url": url + "remind/",
                    "body": name,
                    "period": period.label,
                    "due": period.due_date.strftime("%d/%m/%Y"),
                }
            )
    summary = []
    for period in periods:
        counter = per_period[period.pk]
        by_kind = []
        for kind_value, kind_label in Body.Kind.choices:
            c = per_kind.get((period.pk, kind_value))
            if c:
                by_kind.append(
                    {
                        "label": str(kind_label),
                        "expected": c["expected"],
                        "reported": c["reported"],
                        "completeness": _rate(c["reported"], c["expected"]),
                        "timeliness": _rate(c["on_time"], c["expected"]),
                    }
                )
        summary.append(
            {
                "period": period,
                "closes_on": period_closes_on(period),
                "expected": counter["expected"],
                "reported": counter["reported"],
                "on_time": counter["on_time"],
                "completeness": _rate(counter["reported"], counter["expected"]),
                "timeliness": _rate(counter["on_time"], counter["expected"]),
                "by_kind": by_kind,
            }
        )
    history = [
        {"name": b["name"], "kind": b["kind"], "cells": [b["cells"].get(p.pk) for p in periods]}
        for b in bodies.values()
    ]
    return {"periods": periods, "summary": summary, "overdue": overdue, "history": history}


# --- progress roll-up ---------------------------------------------------------------------------------


def plan_progress(plan: Plan, period: ReportingPeriod) -> dict:
    """Each item's progress (0–100) from its bodies' accepted reports, with how many bodies stand at each
    status and what they did; each area's the weighted average of its items, and the plan's the weighted
    average of its areas. None where nothing is known yet.

    "Không phát sinh" is counted apart (`not_applicable`) and left out of every percentage: the item did not
    concern those bodies, so it is neither done nor undone by them.

    Read by the public site; three queries whatever the number of bodies.
    """
    scores: dict[int, list[int]] = defaultdict(list)
    statuses: dict[int, Counter] = defaultdict(Counter)
    not_applicable: Counter = Counter()
    done: dict[int, Counter] = defaultdict(Counter)
    for item_id, status, text in (
        ItemProgress.objects.filter(report__period=period, report__state=State.ACCEPTED)
        .exclude(status="")
        .values_list("item_id", "status", "done")
    ):
        if status not in STATUS_SCORE:
            not_applicable[item_id] += 1
            continue
        scores[item_id].append(STATUS_SCORE[status])
        statuses[item_id][status] += 1
        if text.strip():
            done[item_id][" ".join(text.split())] += 1
    labels = {value: label for value, label in ItemStatus.choices if value in STATUS_SCORE}
    areas = []
    area_total = area_weight = 0
    for area in (
        ContentArea.objects.filter(plan=plan)
        .order_by("order")
        .prefetch_related(Prefetch("items", queryset=Item.objects.order_by("order")))
    ):
        items = []
        total = weight = 0
        for item in area.items.all():
            values = scores.get(item.pk)
            percent = round(sum(values) / len(values)) if values else None
            items.append(
                {
                    "item": item,
                    "percent": percent,
                    "bodies": len(values or []),
                    # (label, bodies) in the order of the status scale; what was done, the most shared first.
                    "statuses": [(labels[v], statuses[item.pk][v]) for v in labels if statuses[item.pk][v]],
                    "not_applicable": not_applicable[item.pk],
                    "done": done[item.pk].most_common(TOP_TEXTS),
                }
            )
            if percent is not None:
                total += percent * item.weight
                weight += item.weight
        area_percent = round(total / weight) if weight else None
        areas.append({"area": area, "percent": area_percent, "items": items})
        if area_percent is not None:
            area_total += area_percent * area.weight
            area_weight += area.weight
    return {"period": period, "percent": round(area_total / area_weight) if area_weight else None, "areas": areas}


def period_states(periods) -> list[dict]:
    """Each period with the span it covers, when it closes, whether it is closed, and for how many bodies the
    coordinator reopened it; one query whatever the number of periods or bodies."""
    periods = list(periods)
    reopened = dict(
        ProgressReport.objects.filter(period__in=periods, reopened=True)
        .values_list("period_id")
        .annotate(count=Count("pk"))
        .values_list("period_id", "count")
    )
    today = timezone.localdate()
    return [
        {
            "period": period,
            "closes_on": period_closes_on(period),
            "closed": today > period_closes_on(period),
            "reopened": reopened.get(period.pk, 0),
        }
        for period in periods
    ]
