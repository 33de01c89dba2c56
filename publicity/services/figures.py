"""What the portal counted, handed to the consolidated report (reports.services.portal_figures_set)."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from communes.current import _current, many_communes, use_commune
from communes.models import Commune
from plans.selectors import plan_current
from reports import services as report_services

from .. import selectors


def portal_figures_push(*, today: datetime.date | None = None) -> int:
    """Give each started period of the plan in force what the portal counted in it (cases received and settled,
    reception sessions and citizens, disclosures posted), for the consolidated report to show beside the
    bodies' own figures. Periods run from their start to their end (year to date), cut at today.

    The scheduled task serves no commune: in a many-commune deployment it then pushes each commune's own
    counts to its own plan, one commune at a time (unscoped, it would count every commune's cases into one)."""
    today = today or timezone.localdate()
    if _current.get() is None and many_communes():
        written = 0
        for commune in Commune.objects.filter(on_platform=True):
            with use_commune(commune):
                written += _push(today)
        return written
    return _push(today)


def _push(today: datetime.date) -> int:
    plan = plan_current()
    if plan is None:
        return 0
    labels = {
        "received": _("Phản ánh, kiến nghị đã tiếp nhận"),
        "settled": _("Phản ánh, kiến nghị đã giải quyết xong"),
        "sessions": _("Buổi tiếp công dân đã tổ chức"),
        "citizens": _("Lượt công dân được tiếp"),
        "disclosed": _("Nội dung đã công khai"),
    }
    written = 0
    for period in plan.periods.filter(start__lte=today):
        counts = selectors.counted_in(period.start, min(period.end, today))
        figures = [
            report_services.CountedFigure(code=f"cong-{key}", label=label, value=counts[key])
            for key, label in labels.items()
        ]
        written += report_services.portal_figures_set(period=period, figures=figures)
    return written
