"""Reads of the city level: each commune's report to the city for a period, and the figures across communes.

A commune's report to the city is its issued Báo cáo for the matching period (same year and period code):
received when first issued, late when that was after the city's deadline, its file the version in force. Read
across communes on purpose (`all_communes`), in a fixed number of queries whatever the number of communes
(city/tests/test_selectors.py asserts it at two sizes).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from communes.models import Commune
from issuance.models import DocType, IssuedDocument
from plans.models import Plan, ReportingPeriod
from reports.models import FigureValue, Indicator
from reports.selectors import CONSOLIDATED_STATES

from .models import CityPeriod


class Status:
    NO_PLAN = "no_plan"  # the commune has no plan (or no such period) for the year
    WAITING = "waiting"  # not sent, the city's deadline not passed
    OVERDUE = "overdue"  # not sent, the deadline passed
    ON_TIME = "on_time"
    LATE = "late"


STATUS_LABELS = {
    Status.NO_PLAN: gettext_lazy("Chưa có kế hoạch, kỳ báo cáo"),
    Status.WAITING: gettext_lazy("Chưa gửi"),
    Status.OVERDUE: gettext_lazy("Quá hạn chưa gửi"),
    Status.ON_TIME: gettext_lazy("Đã gửi đúng hạn"),
    Status.LATE: gettext_lazy("Đã gửi muộn"),
}


@dataclass
class Receipt:
    """One commune's answer to one city period."""

    commune: Commune
    period: ReportingPeriod | None  # the commune's matching period
    first: IssuedDocument | None  # the first issue: when the city received it
    current: IssuedDocument | None  # the version in force: the file the city reads
    status: str

    @property
    def received_at(self) -> datetime.datetime | None:
        return self.first.issued_at if self.first else None

    @property
    def sent(self) -> bool:
        return self.first is not None

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


def city_communes(kind: str = "") -> list[Commune]:
    """The communes of the platform's province that use the portal, in the official order; one query."""
    communes = Commune.objects.filter(on_platform=True, province_code=settings.PLATFORM_PROVINCE)
    if kind:
        communes = communes.filter(kind=kind)
    return list(communes.order_by("code"))


def matching_periods(city_period: CityPeriod, communes: list[Commune]) -> dict[int, ReportingPeriod]:
    """Commune id → its period answering `city_period` (from its plan of the year not superseded); one query."""
    periods = (
        ReportingPeriod.all_communes.filter(
            code=city_period.code, plan__year=city_period.year, plan__commune__in=communes
        )
        .exclude(plan__status=Plan.Status.SUPERSEDED)
        .select_related("plan")
        .order_by("plan__created_at", "pk")
    )
    return {period.plan.commune_id: period for period in periods}  # the newest plan's period wins


def receipts(city_period: CityPeriod, communes: list[Commune], today: datetime.date | None = None) -> list[Receipt]:
    """Each commune's report to the city for the period, in the communes' order; three queries."""
    today = today or timezone.localdate()
    periods = matching_periods(city_period, communes)
    keys = {f"period:{period.pk}": commune_id for commune_id, period in periods.items()}
    documents = IssuedDocument.all_communes.filter(doc_type=DocType.REPORT, report_key__in=keys).order_by(
        "issued_at", "pk"
    )
    by_commune: dict[int, list[IssuedDocument]] = defaultdict(list)
    for document in documents:
        if keys.get(document.report_key) == document.commune_id:
            by_commune[document.commune_id].append(document)
    rows = []
    for commune in communes:
        docs = by_commune.get(commune.pk, [])
        superseded = {doc.supersedes_id for doc in docs}
        first = docs[0] if docs else None
        current = next((doc for doc in reversed(docs) if doc.pk not in superseded), None)
        if commune.pk not in periods:
            status = Status.NO_PLAN
        elif first is None:
            status = Status.OVERDUE if today > city_period.due_date else Status.WAITING
        else:
            on_time = timezone.localtime(first.issued_at).date() <= city_period.due_date
            status = Status.ON_TIME if on_time else Status.LATE
        rows.append(Receipt(commune, periods.get(commune.pk), first, current, status))
    return rows


def commune_documents(receipt: Receipt) -> list[IssuedDocument]:
    """Every issued version of the commune's Báo cáo for the period, newest first; one query."""
    if receipt.period is None:
        return []
    return list(
        IssuedDocument.all_communes.filter(
            doc_type=DocType.REPORT, report_key=f"period:{receipt.period.pk}", commune=receipt.commune
        ).order_by("-issued_at", "-pk")
    )


def _rate(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


@dataclass
class Completeness:
    label: str
    expected: int
    sent: int
    on_time: int

    @property
    def completeness(self) -> int:
        return _rate(self.sent, self.expected)

    @property
    def timeliness(self) -> int:
        return _rate(self.on_time, self.expected)


def completeness(rows: list[Receipt]) -> list[Completeness]:
    """The whole city's completeness and timeliness, then each kind's (xã, phường, đặc khu) that has communes."""

    def count(label: str, subset: list[Receipt]) -> Completeness:
        sent = [r for r in subset if r.sent]
        return Completeness(label, len(subset), len(sent), sum(r.status == Status.ON_TIME for r in sent))

    lines = [count(_("Toàn thành phố"), rows)]
    for kind, label in Commune.Kind.choices:
        subset = [r for r in rows if r.commune.kind == kind]
        if subset:
            lines.append(count(str(label), subset))
    return lines


@dataclass
class FigureLine:
    code: str
    name: str
    unit: str
    total: int = 0
    communes: int = 0  # how many of the communes counted reported this figure
    by_commune: dict[int, int] = field(default_factory=dict)


def figures(rows: list[Receipt]) -> list[FigureLine]:
    """The standard figures summed over the communes that sent their report, each commune's value kept for the
    drill-down. The values are those of the forms the commune's Báo cáo counts (reports.selectors
    CONSOLIDATED_STATES), its own consolidation rule; two queries whatever the number of communes."""
    periods = {r.period.pk: r.commune.pk for r in rows if r.sent and r.period is not None}
    if not periods:
        return []
    plans = {r.period.plan_id for r in rows if r.sent and r.period is not None}
    indicators = Indicator.all_communes.filter(Q(area__plan_id__in=plans) | Q(item__area__plan_id__in=plans))
    lines: dict[str, FigureLine] = {}
    for code, name, unit in indicators.order_by("order", "pk").values_list("code", "name", "unit"):
        lines.setdefault(code, FigureLine(code, name, unit))
    values = (
        FigureValue.all_communes.filter(
            progress__report__period_id__in=periods, progress__report__state__in=CONSOLIDATED_STATES
        )
        .values_list("progress__report__period_id", "indicator__code")
        .annotate(total=Sum("value"))
    )
    for period_id, code, total in values:
        line = lines.get(code)
        if line is None:
            continue
        commune_id = periods[period_id]
        line.by_commune[commune_id] = line.by_commune.get(commune_id, 0) + total
    for line in lines.values():
        line.total = sum(line.by_commune.values())
        line.communes = len(line.by_commune)
    return list(lines.values())


def current_city_period(today: datetime.date | None = None) -> CityPeriod | None:
    """The period the city is gathering now: the first whose deadline is not a month past, else the latest."""
    today = today or timezone.localdate()
    periods = list(CityPeriod.objects.filter(year__gte=today.year - 1).order_by("due_date"))
    upcoming = [p for p in periods if p.due_date >= today - datetime.timedelta(days=30)]
    return upcoming[0] if upcoming else (periods[-1] if periods else None)
