"""The city's periods taken from its own plan, read by the plans app's reader like any commune's plan: the
reporting deadlines its text sets (e.g. "báo cáo 6 tháng trước ngày 15/6") become the city's periods of the
plan's year; a period already there takes the plan's deadline. One transaction: all or nothing."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from plans import importer
from plans.parsing.model import PlanParseError

from .models import PERIOD_CHOICES, CityPeriod

KNOWN = {code for code, _label in PERIOD_CHOICES}


class PeriodsRefused(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def periods_from_plan(*, source: bytes, filename: str) -> tuple[list[CityPeriod], list[CityPeriod]]:
    """(created, updated) from the plan's text; PeriodsRefused in Vietnamese when nothing can be taken."""
    try:
        parsed = importer.plan_parse(source, filename)
    except PlanParseError as exc:
        raise PeriodsRefused(exc.message) from exc
    deadlines = [d for d in parsed.deadlines if d.code in KNOWN and d.due_date]
    if not deadlines:
        raise PeriodsRefused(
            _("Không tìm thấy hạn báo cáo nào (6 tháng, 9 tháng, năm…) trong kế hoạch năm %(year)s.")
            % {"year": parsed.year}
        )
    created, updated = [], []
    with transaction.atomic():
        for deadline in deadlines:
            period, made = CityPeriod.objects.select_for_update().get_or_create(
                year=parsed.year, code=deadline.code, defaults={"due_date": deadline.due_date}
            )
            if made:
                created.append(period)
            elif period.due_date != deadline.due_date:
                period.due_date = deadline.due_date
                period.save(update_fields=["due_date"])
                updated.append(period)
    return created, updated
