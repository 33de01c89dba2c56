"""Demo data of the reports app: realistic 6-month forms (most accepted, some submitted, returned, late, missing)."""

from __future__ import annotations

import datetime
import random
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction

from plans import services as plans_services
from plans.models import Assignment, Body, Plan

from . import selectors, services
from .models import FigureValue, Indicator, ItemProgress, ItemStatus, ProgressReport, ReviewEvent

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# The demo village heads keep their own forms editable, so the demo can be walked through.
KEEP_DRAFT = {"thon-001", "thon-002"}
DONE_TEXTS = [
    "Tổ chức hội nghị quán triệt Luật Thực hiện dân chủ ở cơ sở tới cán bộ, đảng viên và Nhân dân.",
    "Niêm yết công khai tại nhà văn hóa thôn và thông báo trên loa truyền thanh.",
    "Họp thôn bàn và quyết định mức đóng góp xây dựng đường giao thông nội đồng.",
    "Tiếp nhận, chuyển đơn kiến nghị của công dân đến cơ quan có thẩm quyền giải quyết đúng hạn.",
    "Phối hợp Ban Công tác Mặt trận giám sát thi công công trình nhà văn hóa.",
    "Thực hiện công khai thủ tục hành chính, tiếp nhận hồ sơ qua dịch vụ công trực tuyến.",
]
DIFFICULTIES = ["", "", "Một số hộ dân chưa tham gia đầy đủ các cuộc họp.", "Kinh phí tổ chức hội nghị còn hạn chế."]
PROPOSALS = [
    "",
    "",
    "Đề nghị UBND xã hỗ trợ tài liệu tuyên truyền.",
    "Đề nghị tập huấn nghiệp vụ cho Ban Thanh tra nhân dân.",
]


def _at(day: int, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(2026, 6, day, hour, 0, tzinfo=TZ)


def _fill(report: ProgressReport, rng: random.Random, indicators: list[Indicator]) -> None:
    rows = list(report.items.select_related("item"))
    figures = []
    for row in rows:
        row.status = rng.choice(
            [ItemStatus.ONGOING, ItemStatus.ONGOING, ItemStatus.DONE, ItemStatus.IN_PROGRESS, ItemStatus.NOT_STARTED]
        )
        row.done = rng.choice(DONE_TEXTS) if row.status != ItemStatus.NOT_STARTED else ""
        row.difficulties = rng.choice(DIFFICULTIES)
        row.proposals = rng.choice(PROPOSALS)
        values = {}
        for indicator in indicators:
            if indicator.applies_to(row.item):
                limit = values.get(indicator.not_above_id) if indicator.not_above_id else None
                value = rng.randint(0, 12 if limit is None else limit)
                values[indicator.pk] = value
                figures.append(FigureValue(progress=row, indicator=indicator, value=value))
    ItemProgress.objects.bulk_update(rows, ["status", "done", "difficulties", "proposals"])
    FigureValue.objects.filter(progress__report=report).delete()
    FigureValue.objects.bulk_create(figures)


def _assign_scaled_bodies(plan: Plan) -> None:
    """At --scale N the copied villages and departments get the same items as the originals of their kind."""
    assignments = list(Assignment.objects.filter(item__area__plan=plan).select_related("body"))
    matrix = {(a.item_id, a.body_id): a.role for a in assignments}
    assigned = {a.body_id for a in assignments}
    template: dict[str, list[tuple[int, str]]] = {}
    first_of_kind: dict[str, int] = {}
    for a in assignments:
        if a.body.kind in (Body.Kind.DEPARTMENT, Body.Kind.VILLAGE):
            first_of_kind.setdefault(a.body.kind, a.body_id)
            if first_of_kind[a.body.kind] == a.body_id:
                template.setdefault(a.body.kind, []).append((a.item_id, a.role))
    new = {
        (item_id, body.pk): role
        for body in Body.objects.filter(kind__in=list(template)).exclude(pk__in=assigned)
        for item_id, role in template[body.kind]
    }
    if new:
        plans_services.assignments_set(plan=plan, matrix={**matrix, **new})


@transaction.atomic
def demo_reports(*, plan: Plan, scale: int = 1) -> dict[str, int]:
    """Fill the 6-month forms of the plan's bodies; safe to run again (forms already sent are left alone)."""
    if scale > 1:
        _assign_scaled_bodies(plan)
    services.report_expected_generate(plan=plan)
    coordinator = get_user_model().objects.filter(membership__role="coordinator").first()
    period = plan.periods.filter(code="6thang").first() or plan.periods.order_by("order").first()
    if period is None:
        return {}
    indicators = selectors.plan_indicators(plan)
    rng = random.Random(2026)
    counts: dict[str, int] = {}
    reports = (
        ProgressReport.objects.filter(period=period)
        .select_related("body", "period")
        .order_by("body__kind", "body__order", "body__code")
    )
    # The demo heads' forms stay editable whatever today's date: reopened for them, as the coordinator would.
    reports.filter(body__code__in=KEEP_DRAFT, state=ProgressReport.State.DRAFT).update(reopened=True)
    for index, report in enumerate(reports):
        if report.body.code in KEEP_DRAFT or report.first_submitted_at is not None:
            continue
        bucket = index % 10
        if bucket == 9:
            counts["missing"] = counts.get("missing", 0) + 1
            continue  # never reported: "missing" is a fact on the dashboard
        _fill(report, rng, indicators)
        late = bucket in (5, 8)
        submitted = _at(8 if late else 1 + index % 4, 9 + index % 8)
        report.first_submitted_at = report.submitted_at = submitted
        report.is_late = late
        events = [ReviewEvent(report=report, kind=ReviewEvent.Kind.SUBMITTED, by=None, at=submitted)]
        if bucket in (6, 8):
            report.state = ProgressReport.State.SUBMITTED
        elif bucket == 7:
            report.state = ProgressReport.State.RETURNED
            events.append(
                ReviewEvent(
                    report=report,
                    kind=ReviewEvent.Kind.RETURNED,
                    by=coordinator,
                    at=submitted + datetime.timedelta(days=2),
                    comment="Đề nghị bổ sung số liệu về số cuộc họp thôn và số đơn đã giải quyết.",
                )
            )
        else:
            report.state = ProgressReport.State.ACCEPTED
            events.append(
                ReviewEvent(
                    report=report,
                    kind=ReviewEvent.Kind.ACCEPTED,
                    by=coordinator,
                    at=submitted + datetime.timedelta(days=3),
                )
            )
        report.version += 1
        report.save()
        ReviewEvent.objects.bulk_create(events)
        key = report.state + ("_late" if late else "")
        counts[key] = counts.get(key, 0) + 1
    selectors.cache_invalidate()
    return counts
