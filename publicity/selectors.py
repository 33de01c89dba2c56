"""Reads of the publicity app (each with a bounded number of queries, independent of the data's size)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, F, Func, Q, QuerySet, Sum
from django.utils import timezone

from consolidation import selectors as consolidation_selectors
from plans.models import Body, Item, Plan
from plans.selectors import plan_current, plan_periods

from . import permissions, rules
from .models import (
    DisclosureItem,
    DisclosureStatus,
    Feedback,
    FeedbackStatus,
    FeedbackStep,
    ReceptionSession,
)
from .text import fold

OPEN = [FeedbackStatus.RECEIVED, FeedbackStatus.CLASSIFIED, FeedbackStatus.FORWARDED, FeedbackStatus.ANSWERED]


# --------------------------------------------------------------------------- feedback


def feedback_overdue(today: datetime.date | None = None, *, body: Body | None = None) -> QuerySet[Feedback]:
    """Open cases past a clock: not acknowledged in 10 working days, or not answered by the due date.

    The coordinator's dashboard reads this too (counts and codes only; never the personal data).
    """
    today = today or timezone.localdate()
    late = Q(acknowledged_on__isnull=True, ack_due__lt=today) | Q(
        status__in=[FeedbackStatus.CLASSIFIED, FeedbackStatus.FORWARDED], answer_due__lt=today
    )
    cases = Feedback.objects.filter(status__in=OPEN).filter(late)
    if body is not None:
        cases = cases.filter(handling_body=body)
    return cases.select_related("village", "handling_body").order_by("ack_due", "answer_due", "id")


def feedback_inbox(queryset: QuerySet[Feedback], *, status: str = "") -> QuerySet[Feedback]:
    if status:
        queryset = queryset.filter(status=status)
    return queryset.select_related("village", "handling_body").order_by("-received_on", "-id")


def feedback_steps(feedback: Feedback) -> QuerySet[FeedbackStep]:
    return feedback.steps.select_related("by", "body").order_by("at", "id")


def feedback_stats(year: int | None = None) -> dict:
    """Anonymised counts for the public open data and the reports issue's figures."""
    cases = Feedback.objects.all()
    if year:
        cases = cases.filter(received_on__year=year)
    by_status = dict(cases.values_list("status").annotate(n=Count("id")).order_by())
    by_kind = dict(cases.values_list("kind").annotate(n=Count("id")).order_by())
    by_channel = dict(cases.values_list("channel").annotate(n=Count("id")).order_by())
    by_village = list(
        cases.filter(village__isnull=False)
        .values(village_name=F("village__name"))
        .annotate(n=Count("id"))
        .order_by("village_name")
    )
    resolved = dict(
        cases.filter(citizen_resolved__isnull=False).values_list("citizen_resolved").annotate(n=Count("id")).order_by()
    )
    return {
        "year": year,
        "total": sum(by_status.values()),
        "by_status": by_status,
        "by_kind": by_kind,
        "by_channel": by_channel,
        "by_village": by_village,
        "citizen_resolved": resolved.get(True, 0),
        "citizen_not_resolved": resolved.get(False, 0),
        "overdue": feedback_overdue().count(),
    }


def feedback_published_latest(limit: int = 5) -> QuerySet[Feedback]:
    return (
        Feedback.objects.filter(status=FeedbackStatus.PUBLISHED)
        .only("code", "public_summary", "published_at", "kind")
        .order_by("-published_at")[:limit]
    )


# --------------------------------------------------------------------------- disclosures


def disclosures_public(
    *, category: int | None = None, year: int | None = None, body_id: int | None = None
) -> QuerySet[DisclosureItem]:
    items = DisclosureItem.objects.exclude(status=DisclosureStatus.DRAFT).select_related("body")
    if category:
        items = items.filter(category=category)
    if year:
        items = items.filter(start_date__year=year)
    if body_id:
        items = items.filter(body_id=body_id)
    return items.order_by("-start_date", "-id")


def disclosures_latest(limit: int = 5) -> QuerySet[DisclosureItem]:
    return disclosures_public()[:limit]


def disclosure_years() -> list[int]:
    return sorted(
        {d.year for d in DisclosureItem.objects.exclude(status=DisclosureStatus.DRAFT).dates("start_date", "year")},
        reverse=True,
    )


def disclosure_bodies() -> QuerySet[Body]:
    return (
        Body.objects.filter(disclosures__status__in=[DisclosureStatus.PUBLISHED, DisclosureStatus.ARCHIVED])
        .distinct()
        .order_by("kind", "order", "name")
    )


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    start = datetime.date(year, 3 * (quarter - 1) + 1, 1)
    end = datetime.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - datetime.timedelta(days=1)
    return start, end


def disclosures_of_quarter(year: int, quarter: int) -> QuerySet[DisclosureItem]:
    """R-D6: everything disclosed in the quarter (started in it, or still posted during it)."""
    start, end = quarter_bounds(year, quarter)
    return (
        DisclosureItem.objects.exclude(status=DisclosureStatus.DRAFT)
        .filter(start_date__lte=end)
        .filter(Q(archived_on__isnull=True) | Q(archived_on__gte=start))
        .select_related("body")
        .order_by("category", "start_date", "id")
    )


@dataclass
class DueItem:
    item: DisclosureItem
    date: datetime.date
    checks: list


def disclosures_due(today: datetime.date | None = None, *, items: QuerySet[DisclosureItem] | None = None) -> dict:
    """For the coordinator: drafts to disclose (R-D1 deadline), postings about to end, rule failures."""
    today = today or timezone.localdate()
    items = items if items is not None else DisclosureItem.objects.all()
    drafts = [
        DueItem(i, rules.disclose_by(i.decision_date) if i.decision_date else today, rules.checks(i, today))
        for i in items.filter(status=DisclosureStatus.DRAFT).select_related("body").order_by("decision_date", "id")
    ]
    soon = today + datetime.timedelta(days=7)
    expiring = []
    failing = []
    for i in items.filter(status=DisclosureStatus.PUBLISHED).select_related("body").order_by("start_date", "id"):
        end = i.planned_end
        checks = rules.checks(i, today)
        if end is not None and end <= soon:
            expiring.append(DueItem(i, end, checks))
        if any(c.ok is False for c in checks):
            failing.append(DueItem(i, end or today, checks))
    return {"drafts": drafts, "expiring": expiring, "failing": failing}


# --------------------------------------------------------------------------- reception


def reception_upcoming(today: datetime.date | None = None, limit: int = 6) -> QuerySet[ReceptionSession]:
    today = today or timezone.localdate()
    return ReceptionSession.objects.filter(date__gte=today).order_by("date", "start_time")[:limit]


def reception_stats(year: int) -> dict:
    sessions = ReceptionSession.objects.filter(date__year=year)
    held = sessions.filter(held=True)
    return {
        "planned": sessions.count(),
        "held": held.count(),
        "citizens": sum(held.values_list("citizens_received", flat=True)),
    }


def counted_in(start: datetime.date, end: datetime.date) -> dict[str, int]:
    """What the portal's own records say happened between two dates (both included): five queries."""
    held = ReceptionSession.objects.filter(held=True, date__range=(start, end))
    return {
        "received": Feedback.objects.filter(received_on__range=(start, end)).count(),
        "settled": Feedback.objects.filter(
            status__in=[FeedbackStatus.CLOSED, FeedbackStatus.PUBLISHED], closed_at__date__range=(start, end)
        ).count(),
        "sessions": held.count(),
        "citizens": held.aggregate(total=Sum("citizens_received"))["total"] or 0,
        "disclosed": DisclosureItem.objects.filter(
            status__in=[DisclosureStatus.PUBLISHED, DisclosureStatus.ARCHIVED], start_date__range=(start, end)
        ).count(),
    }


# --------------------------------------------------------------------------- plan (public)


def plan_public() -> Plan | None:
    # The plan in force (the existing home page already showed it); a draft is labelled as such.
    return plan_current()


def plan_progress(plan: Plan) -> dict | None:
    """Progress from accepted reports of the latest started period that has any (consolidation.selectors.plan_progress:
    {"period", "percent", "areas": [{"area", "percent", "items": [{"item", "percent", "bodies", "statuses",
    "done"}]}]}), with each item's row and each area's percent by id. None while no period has an accepted report.
    Only accepted reports count, so no draft text ever reaches the public.
    """
    today = timezone.localdate()
    periods = sorted(plan_periods(plan), key=lambda p: p.due_date, reverse=True)
    started = [p for p in periods if p.start <= today]
    for period in started[:3]:
        result = consolidation_selectors.plan_progress(plan, period)
        if result and result.get("percent") is not None:
            # Keyed by id, for the page that walks the plan's own structure.
            result["item_rows"] = {row["item"].pk: row for area in result["areas"] for row in area["items"]}
            result["area_percent"] = {area["area"].pk: area["percent"] for area in result["areas"]}
            return result
    return None


# --------------------------------------------------------------------------- search


def _unaccent_filter(queryset: QuerySet, field: str, folded: str) -> QuerySet:
    annotated = queryset.annotate(_folded=Func(Func(F(field), function="unaccent"), function="lower"))
    return annotated.filter(_folded__contains=folded)


def search(query: str, *, limit: int = 30) -> dict:
    """Plans' items, disclosures and published answers matching the query, diacritics and case ignored."""
    folded = fold(query)
    if len(folded) < 2:
        return {"query": query, "items": [], "disclosures": [], "feedback": []}
    terms = folded.split(" ")[:6]
    disclosures = DisclosureItem.objects.exclude(status=DisclosureStatus.DRAFT)
    feedback = Feedback.objects.filter(status=FeedbackStatus.PUBLISHED)
    for term in terms:
        disclosures = disclosures.filter(search_text__contains=term)
        feedback = feedback.filter(search_text__contains=term)
    plan = plan_public()
    items: list[Item] = []
    if plan is not None:
        plan_items = Item.objects.filter(area__plan=plan).select_related("area")
        if connection.vendor == "postgresql":
            for term in terms:
                plan_items = _unaccent_filter(plan_items, "text", term)
            items = list(plan_items.order_by("area__order", "order")[:limit])
        else:
            # SQLite has no unaccent: fold in Python over one plan's items (a few dozen rows).
            items = [i for i in plan_items.order_by("area__order", "order") if all(t in fold(i.text) for t in terms)][
                :limit
            ]
    return {
        "query": query,
        "items": items,
        "disclosures": list(disclosures.select_related("body").order_by("-start_date")[:limit]),
        "feedback": list(feedback.order_by("-published_at")[:limit]),
    }


# --------------------------------------------------------------------------- start page


def start_counts(user) -> dict:
    """What waits for this official in publicity, as counts (never a citizen's data): {} when nothing concerns
    them. Shown on each official's start page (camgiang_portal.views.start); a fixed number of queries."""
    today = timezone.localdate()
    counts: dict = {}
    if permissions.can_see_feedback_list(user):
        mine = permissions.feedback_for_user(user)
        counts["feedback_open"] = mine.filter(status__in=OPEN).count()
        counts["feedback_overdue"] = feedback_overdue(today).filter(pk__in=mine.values("pk")).count()
    if permissions.can_manage_all_disclosures(user):
        counts["feedback_overdue_all"] = feedback_overdue(today).count()
    if permissions.can_manage_disclosures(user):
        due = disclosures_due(today, items=permissions.disclosures_for_manager(user))
        counts["disclosures"] = {key: len(items) for key, items in due.items()}
    return counts
