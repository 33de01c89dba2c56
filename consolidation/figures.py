"""The period's standard figures as the Báo cáo reads them: each figure's total over the forms that count, its
percentage of its base, the change against the same period of the previous year and, where periods are
cumulative, against the previous period of the year; and the same figures body by body, with totals.

Which forms count is gather's rule (reports.selectors.CONSOLIDATED_STATES, the forms sent that stand), for
this period and for the ones it is compared with. A fixed number of queries whatever the number of bodies
(consolidation/tests/test_figures.py asserts it at two sizes).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Sum
from django.utils.translation import gettext as _

from plans.models import Plan, ReportingPeriod
from reports.exports import period_phrase, with_year
from reports.models import FigureValue, Indicator, PortalFigure, ProgressReport
from reports.selectors import CONSOLIDATED_STATES, plan_indicators

from .sentences import Comparison, Share, figure_sentence, number, percent, quantity

# The portal's own counts (publicity.services.figures) that measure what a standard figure measures. They
# are shown beside the bodies' total, never added to it: a case received on the portal is also a case the
# body handling it counts on its form, so a sum would count it twice.
PORTAL_SAME_MEASURE = {
    "cong-received": "don-tiep-nhan",
    "cong-settled": "don-giai-quyet",
    "cong-sessions": "tiep-cong-dan",
    "cong-citizens": "luot-tiep-cong-dan",
    "cong-disclosed": "noi-dung-cong-khai",
}
# A portal count with no standard figure beside it gets its percentage of its own base.
PORTAL_PERCENT_OF = {"cong-settled": "cong-received"}


@dataclass
class FigureRow:
    """One figure of the period: a standard figure (`indicator`) or a count of the portal's own (`portal_code`)."""

    code: str
    name: str
    unit: str
    total: int
    indicator: Indicator | None = None
    base_name: str = ""
    base_total: int | None = None
    portal: int | None = None  # the portal's own count of the same measure, beside the total
    same_period: Comparison | None = None  # against the same period of the previous year
    previous_period: Comparison | None = None  # against the previous period of the year (cumulative only)

    @property
    def percent(self) -> float | None:
        return percent(self.total, self.base_total)

    @property
    def comparisons(self) -> tuple[Comparison, ...]:
        return tuple(c for c in (self.same_period, self.previous_period) if c is not None)


@dataclass
class PeriodFigures:
    period: ReportingPeriod
    rows: list[FigureRow]
    expected: int  # bodies whose form the period expects
    reported: int  # bodies whose form counts
    same_period_label: str  # "cùng kỳ năm 2025"
    last_year_period: ReportingPeriod | None  # the same period of the previous year's plan, if there is one
    previous_period: ReportingPeriod | None  # the previous period of the year, when this one is cumulative
    previous_period_label: str = ""
    # The per-body table: (body, [value or None per standard row]) for each body that reported, and the totals.
    bodies: list = field(default_factory=list)
    body_rows: list[FigureRow] = field(default_factory=list)

    @property
    def by_code(self) -> dict[str, FigureRow]:
        return {row.code: row for row in self.rows}

    @property
    def reporting_line(self) -> str:
        """ "15/16 đơn vị đã báo cáo": what the paper says of who reported (the names stay on the dashboard)."""
        return _("%(reported)s/%(expected)s đơn vị đã báo cáo") % {"reported": self.reported, "expected": self.expected}


def _totals_by_code(period: ReportingPeriod | None, bodies: set[int] | None = None) -> dict[str, int] | None:
    """Each standard figure's total in the period, by code, over the forms that count (only those of `bodies`
    when given); None: no such period."""
    if period is None:
        return None
    values = FigureValue.objects.filter(
        progress__report__period=period, progress__report__state__in=CONSOLIDATED_STATES
    )
    if bodies is not None:
        values = values.filter(progress__report__body_id__in=bodies)
    return dict(values.values_list("indicator__code").annotate(total=Sum("value")))


def _portal_by_code(period: ReportingPeriod | None) -> dict[str, int]:
    if period is None:
        return {}
    return dict(PortalFigure.objects.filter(period=period).values_list("code", "value"))


def last_year_period(period: ReportingPeriod) -> ReportingPeriod | None:
    """The period with the same code in the same commune's plan of the previous year (the issued plan first,
    a superseded version never), or None: then there is nothing to compare with."""
    plan = period.plan
    last = (
        Plan.objects.filter(commune_id=plan.commune_id, year=plan.year - 1)
        .exclude(status=Plan.Status.SUPERSEDED)
        .order_by("-status", "-created_at")
        .first()
    )
    if last is None:
        return None
    return ReportingPeriod.objects.filter(plan=last, code=period.code).select_related("plan").first()


def previous_cumulative_period(period: ReportingPeriod) -> ReportingPeriod | None:
    """The period before this one in its plan when both run from the same day (9 tháng after 6 tháng, both from
    01/01): this one then adds to it, and the paper can say what was added since. Otherwise None."""
    periods = list(period.plan.periods.order_by("order", "due_date", "pk"))
    index = next(i for i, p in enumerate(periods) if p.pk == period.pk)
    if index == 0:
        return None
    previous = periods[index - 1]
    return previous if previous.start == period.start else None


def _period_label(period: ReportingPeriod) -> str:
    return with_year(period_phrase(period), period.plan.year)


def _comparison(total: int, previous: dict[str, int] | None, code: str, label: str, unit: str, by_amount: bool):
    # A code absent from the earlier period is a figure nobody reported then: no comparison, never "0%".
    if previous is None or code not in previous:
        return None
    return Comparison(total, previous[code], label, unit=unit, by_amount=by_amount)


def period_figures(period: ReportingPeriod) -> PeriodFigures:
    """The period's figures with their totals, percentages and comparisons, and the per-body table."""
    indicators = plan_indicators(period.plan)
    reports = list(
        ProgressReport.objects.filter(period=period)
        .select_related("body")
        .order_by("body__kind", "body__order", "body__name")
    )
    counted = [r for r in reports if r.state in CONSOLIDATED_STATES]
    by_body: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for indicator_id, body_id, value in FigureValue.objects.filter(
        progress__report__period=period, progress__report__state__in=CONSOLIDATED_STATES
    ).values_list("indicator_id", "progress__report__body_id", "value"):
        by_body[body_id][indicator_id] += value
    totals = defaultdict(int)
    for values in by_body.values():
        for indicator_id, value in values.items():
            totals[indicator_id] += value
    # Totals by code: a code attached to more than one item is one figure on the paper.
    by_code: dict[str, int] = defaultdict(int)
    for indicator in indicators:
        by_code[indicator.code] += totals[indicator.pk]
    last = last_year_period(period)
    previous = previous_cumulative_period(period)
    result = PeriodFigures(
        period=period,
        rows=[],
        expected=len(reports),
        reported=len(counted),
        same_period_label=_("cùng kỳ năm %(year)s") % {"year": period.plan.year - 1},
        last_year_period=last,
        previous_period=previous,
        previous_period_label=_period_label(previous) if previous else "",
    )
    # Against the previous period, what the bodies counted now had reported then: "tăng thêm" is what they
    # added since, not a body that was missing from one of the two papers.
    earlier = _totals_by_code(last), _totals_by_code(previous, {r.body_id for r in counted})
    portal = list(PortalFigure.objects.filter(period=period))
    portal_earlier = _portal_by_code(last), _portal_by_code(previous)
    result.rows = _rows(result, indicators, by_code, earlier, portal, portal_earlier)
    result.body_rows = [row for row in result.rows if row.indicator is not None]
    result.bodies = [(r.body, [by_body[r.body_id].get(row.indicator.pk) for row in result.body_rows]) for r in counted]
    return result


def _rows(result: PeriodFigures, indicators: list[Indicator], by_code, earlier, portal, portal_earlier) -> list:
    last, previous = earlier
    portal_last, portal_previous = portal_earlier
    names = {i.pk: i for i in indicators}
    rows: list[FigureRow] = []
    seen: set[str] = set()
    for indicator in indicators:
        if indicator.code in seen:
            continue
        seen.add(indicator.code)
        code, total, base = indicator.code, by_code[indicator.code], names.get(indicator.percent_of_id)
        row = FigureRow(code=code, name=indicator.name, unit=indicator.unit, total=total, indicator=indicator)
        if base is not None:
            row.base_name, row.base_total = base.name, by_code[base.code]
        row.same_period = _comparison(total, last, code, result.same_period_label, indicator.unit, False)
        row.previous_period = _comparison(total, previous, code, result.previous_period_label, indicator.unit, True)
        rows.append(row)
    by_measure = {row.code: row for row in rows}
    counts = {figure.code: figure for figure in portal}
    for figure in portal:
        same = by_measure.get(PORTAL_SAME_MEASURE.get(figure.code, ""))
        if same is not None:
            same.portal = figure.value
            continue
        row = FigureRow(code=figure.code, name=figure.label, unit="", total=figure.value)
        base = counts.get(PORTAL_PERCENT_OF.get(figure.code, ""))
        if base is not None:
            row.base_name, row.base_total = base.label, base.value
        row.same_period = _comparison(
            figure.value, portal_last or None, figure.code, result.same_period_label, "", False
        )
        row.previous_period = _comparison(
            figure.value, portal_previous or None, figure.code, result.previous_period_label, "", True
        )
        rows.append(row)
    return rows


# Figures the paper says in a sentence of their own words, with a companion figure: "tổ chức 56 hội nghị, buổi
# tuyên truyền, quán triệt với 2.340 lượt người tham dự". (lead, its words, companion, the companion's words)
PAIRED = [
    ("hoi-nghi", "tổ chức {n} hội nghị, buổi tuyên truyền, quán triệt", "nguoi-tham-du", "với {n} tham dự"),
    ("hop-thon-dan-quyet", "tổ chức {n} cuộc họp thôn để Nhân dân bàn và quyết định", "ho-tham-du", "với {n} tham dự"),
]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def row_sentence(row: FigureRow) -> str:
    """ "Số đơn đã giải quyết: 40 đơn, đạt 80% số đơn thuộc thẩm quyền giải quyết, tăng 12% so với cùng kỳ
    năm 2025": the figure, its share where it has a base above 0, its comparisons where there is data."""
    head = f"{row.name}: {quantity(row.total, row.unit)}"
    return figure_sentence(head, share=_share(row), comparisons=row.comparisons)


def _share(row: FigureRow) -> Share | None:
    return Share(row.total, row.base_total, _lower_first(row.base_name)) if row.base_name else None


def sentences(figures: PeriodFigures, codes: set[str] | None = None) -> list[str]:
    """The period's figures as the paper's sentences (those of `codes`, else all), each figure said once: a
    paired figure goes with its lead, e.g. "Tổ chức 56 hội nghị … với 2.340 lượt người tham dự, tăng 12% so
    với cùng kỳ năm 2025" (the comparison is the lead figure's)."""
    rows = figures.by_code
    said: set[str] = set()
    out = []
    for lead, words, companion, companion_words in PAIRED:
        if lead in rows and (codes is None or lead in codes) and rows[lead].total:
            head, share = words.format(n=number(rows[lead].total)), None
            other = rows.get(companion)
            if other is not None and other.total:
                head += " " + companion_words.format(n=quantity(other.total, other.unit))
                share = _share(other)
                said.add(companion)
            out.append(figure_sentence(head, share=share, comparisons=rows[lead].comparisons))
            said.add(lead)
    for row in figures.rows:
        if row.code not in said and (codes is None or row.code in codes):
            out.append(row_sentence(row))
    return out


def item_sentences(figures: PeriodFigures, items: list) -> dict[int, list[str]]:
    """Each item's figure sentences, by item id, in the paper's order: a figure attached to an area (not to one
    of its items) is said once, under the first of the area's items it applies to, never under every one."""
    placed: set[str] = set()
    found: dict[int, list[str]] = {}
    for item in items:
        codes = {row.code for row in figures.body_rows if row.code not in placed and row.indicator.applies_to(item)}
        placed |= codes
        found[item.pk] = sentences(figures, codes) if codes else []
    return found
