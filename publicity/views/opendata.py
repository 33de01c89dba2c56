"""Open data: the plan, disclosures and anonymised feedback statistics as CSV and JSON (no personal data)."""

from __future__ import annotations

import csv
import io

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from camgiang_portal.spreadsheet import safe_dict
from plans.selectors import plan_structure

from .. import selectors
from ..models import Channel, DisclosureCategory, FeedbackKind, FeedbackStatus


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "publicity/open_data.html")


def _plan_rows() -> list[dict]:
    plan = selectors.plan_public()
    if plan is None:
        return []
    progress = selectors.plan_progress(plan) or {}
    item_rows = progress.get("item_rows", {})
    rows = []
    for area in plan_structure(plan):
        for item in area.items.all():
            rows.append(
                {
                    "plan_year": plan.year,
                    "area": area.number,
                    "area_title": area.title,
                    "item": item.code,
                    "text": item.text,
                    "timing": item.effective_timing,
                    "deadline": item.deadline.isoformat() if item.deadline else "",
                    "bodies": "; ".join(a.body.name for a in item.assignments.all()),
                    "progress_percent": item_rows[item.pk]["percent"] if item.pk in item_rows else "",
                    "progress_period": progress["period"].label if progress else "",
                }
            )
    return rows


def _disclosure_rows() -> list[dict]:
    labels = dict(DisclosureCategory.choices)
    return [
        {
            "id": item.pk,
            "category": item.category,
            "category_name": str(labels.get(item.category, "")),
            "title": item.title,
            "body": item.body.name,
            "forms": ",".join(item.forms),
            "decision_date": item.decision_date.isoformat() if item.decision_date else "",
            "start_date": item.start_date.isoformat() if item.start_date else "",
            "archived_on": item.archived_on.isoformat() if item.archived_on else "",
            "status": item.status,
            "url": item.get_absolute_url(),
        }
        for item in selectors.disclosures_public().iterator(chunk_size=500)
    ]


def _feedback_rows(year: int | None) -> list[dict]:
    stats = selectors.feedback_stats(year)
    rows = [{"dimension": "total", "key": "", "label": "Tổng số", "count": stats["total"]}]
    for dimension, choices in (("status", FeedbackStatus), ("kind", FeedbackKind), ("channel", Channel)):
        for value, label in choices.choices:
            rows.append(
                {
                    "dimension": dimension,
                    "key": value,
                    "label": str(label),
                    "count": stats[f"by_{dimension}"].get(value, 0),
                }
            )
    for village in stats["by_village"]:
        rows.append({"dimension": "village", "key": "", "label": village["village_name"], "count": village["n"]})
    rows.append(
        {
            "dimension": "citizen_resolved",
            "key": "yes",
            "label": "Công dân xác nhận đã giải quyết",
            "count": stats["citizen_resolved"],
        }
    )
    rows.append(
        {
            "dimension": "citizen_resolved",
            "key": "no",
            "label": "Công dân cho biết chưa giải quyết",
            "count": stats["citizen_not_resolved"],
        }
    )
    rows.append({"dimension": "overdue", "key": "", "label": "Đang quá hạn", "count": stats["overdue"]})
    return rows


DATASETS = {
    "ke-hoach": lambda request: _plan_rows(),
    "cong-khai": lambda request: _disclosure_rows(),
    "thong-ke-phan-anh": lambda request: _feedback_rows(_year(request)),
}


def _year(request: HttpRequest) -> int | None:
    try:
        year = int(request.GET.get("nam", ""))
    except ValueError:
        return None
    return year if 2000 <= year <= 2100 else None


def dataset(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    if name not in DATASETS or fmt not in ("csv", "json"):
        raise Http404
    rows = DATASETS[name](request)
    if fmt == "json":
        response = JsonResponse({"dataset": name, "rows": rows}, json_dumps_params={"ensure_ascii": False})
    else:
        buffer = io.StringIO()
        if rows:
            writer = csv.DictWriter(buffer, fieldnames=list(rows[0].keys()))
            writer.writeheader()
            # Text a spreadsheet would run as a formula (a title "=HYPERLINK(…)") is written as text; JSON is data.
            writer.writerows(safe_dict(row) for row in rows)
        # A BOM so that Excel opens the Vietnamese text as UTF-8.
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.{fmt}")
    response["Access-Control-Allow-Origin"] = "*"
    return response
