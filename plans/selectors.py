"""Reads of the plans app that other apps and the views use."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communes.models import Commune

from .models import Assignment, Body, ContentArea, Duty, Item, Plan, ReportingPeriod
from .parsing.bodies import classify_body_phrase


def plan_current() -> Plan | None:
    """The plan in force: the newest issued plan, else the newest draft.

    Once a later year has begun, that year's plan wins even as a draft: last year's issued plan is then the
    past year's, not the one the bodies now report on (a plan copied to next year stays in the wings until
    its year begins)."""
    plans = Plan.objects.exclude(status=Plan.Status.SUPERSEDED).order_by("-year", "-status", "-created_at")
    issued = plans.filter(status=Plan.Status.ISSUED).first()
    if issued is None:
        return plans.first()
    newer = plans.filter(year__gt=issued.year, year__lte=timezone.localdate().year).first()
    return newer or issued


def plan_list() -> QuerySet[Plan]:
    """Every plan, newest year first (versions of a year by age)."""
    return Plan.objects.order_by("-year", "-created_at")


def bodies_pending() -> QuerySet[Body]:
    """Bodies the importer created from names it did not know, waiting for the coordinator."""
    return Body.objects.filter(needs_confirmation=True).order_by("name")


def plan_of_year(*, commune: Commune, year: int) -> Plan | None:
    """The commune's plan of that year in force or in draft (a superseded version does not count)."""
    return (
        Plan.objects.filter(commune=commune, year=year)
        .exclude(status=Plan.Status.SUPERSEDED)
        .order_by("-created_at")
        .first()
    )


def plan_structure(plan: Plan) -> QuerySet[ContentArea]:
    """The plan's areas with items and their assignments' bodies, in a fixed number of queries."""
    assignments = Assignment.objects.select_related("body").order_by("body__kind", "body__order", "body__name")
    items = Item.objects.order_by("order").prefetch_related(Prefetch("assignments", queryset=assignments))
    return plan.areas.order_by("order").prefetch_related(Prefetch("items", queryset=items))


def plan_periods(plan: Plan) -> QuerySet[ReportingPeriod]:
    return plan.periods.order_by("order", "due_date")


def body_assignments(body: Body, plan: Plan | None) -> QuerySet[Assignment]:
    if plan is None:
        return Assignment.objects.none()
    return (
        Assignment.objects.filter(body=body, item__area__plan=plan)
        .select_related("item", "item__area")
        .order_by("item__area__order", "item__order")
    )


def reporting_bodies(plan: Plan) -> QuerySet[Body]:
    """Bodies that report on the plan: those it assigns at least one item to."""
    return Body.objects.filter(assignments__item__area__plan=plan).distinct().order_by("kind", "order", "name")


# The matrix's one-action removal of an item from every body of a kind, by kind (leadership is never assigned).
REMOVE_LABELS = {
    Body.Kind.VILLAGE: _("Bỏ giao cho tất cả thôn"),
    Body.Kind.DEPARTMENT: _("Bỏ giao cho tất cả phòng, ban"),
    Body.Kind.ORGANISATION: _("Bỏ giao cho tất cả MTTQ, tổ chức"),
}


def assignment_grid(plan: Plan) -> dict:
    """Rows of items with one cell per body (the role or ""), in three queries whatever the size."""
    items = list(Item.objects.filter(area__plan=plan).select_related("area").order_by("area__order", "order"))
    bodies = list(Body.objects.exclude(kind=Body.Kind.LEADERSHIP).order_by("kind", "order", "name"))
    roles = {
        (item_id, body_id): role
        for item_id, body_id, role in Assignment.objects.filter(item__area__plan=plan).values_list(
            "item_id", "body_id", "role"
        )
    }
    kinds = list(REMOVE_LABELS.items())
    rows = []
    for item in items:
        cells = [(body, roles.get((item.pk, body.pk), "")) for body in bodies]
        # Per kind, how many of its bodies hold the item: what "remove from every village" would take away.
        assigned = [
            (value, label, sum(1 for body, role in cells if role and body.kind == value)) for value, label in kinds
        ]
        rows.append({"item": item, "cells": cells, "kinds": [k for k in assigned if k[2]]})
    return {"bodies": bodies, "rows": rows}


_GROUP_OF_KIND = {
    "all_departments": Body.Kind.DEPARTMENT,
    "all_villages": Body.Kind.VILLAGE,
    "all_organisations": Body.Kind.ORGANISATION,
}


def body_duties(body: Body, plan: Plan | None) -> list[Duty]:
    """What section III of the plan asks of the body: its own paragraph, and the one addressed to its whole
    group ("Các phòng, cơ quan, đơn vị thuộc UBND xã"); one query."""
    if plan is None:
        return []
    duties = []
    for duty in plan.duties.order_by("order"):
        if duty.body_id == body.pk:
            duties.append(duty)
        elif duty.body_id is None and _GROUP_OF_KIND.get(classify_body_phrase(duty.heading).kind) == body.kind:
            duties.append(duty)
    return duties
