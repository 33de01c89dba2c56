"""The period's figures (consolidation.figures): totals over the forms that count, percentages of a base,
the same period of last year, the previous period where cumulative, the portal's counts, the per-body table."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from camgiang_portal.actors import SYSTEM
from communes.tests.factories import CommuneFactory
from consolidation import figures
from plans import services as plans_services
from plans.models import Body, Plan
from plans.tests.factories import small_plan
from reports import selectors, services, workflow
from reports.models import ItemStatus, ProgressReport
from reports.rows import ItemData
from reports.tests.conftest import build_plan

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def file_form(report: ProgressReport, values: dict[str, int], *, accept: bool = True, submit: bool = True):
    """The body's form with `values` (by code), each on the first of its rows it applies to; sent and accepted
    as a replayed past (the period's openness is not what these tests are about)."""
    indicators = selectors.plan_indicators(report.period.plan)
    items, placed = {}, set()
    for row in report.items.select_related("item__area").order_by("item__area__order", "item__order"):
        row_figures = {}
        for indicator in indicators:
            if indicator.code in values and indicator.code not in placed and indicator.applies_to(row.item):
                row_figures[indicator.pk] = values[indicator.code]
                placed.add(indicator.code)
        items[row.pk] = ItemData(status=ItemStatus.ONGOING, done="Đã thực hiện", figures=row_figures)
    at = datetime.datetime.combine(report.period.due_date, datetime.time(9), tzinfo=TZ)
    by = get_user_model().objects.get(username="vanhoaxahoi")
    report = workflow.transition(
        report, "save", by, version=report.version, summary="", items=items, at=at, replay=True
    )
    if submit:
        report = workflow.transition(report, "submit", by, at=at, replay=True)
    if accept:
        report = workflow.transition(report, "accept", by, at=at, replay=True)
    return report


def forms(plan: Plan, period_code: str = "6thang") -> list[ProgressReport]:
    return list(
        ProgressReport.objects.filter(period__plan=plan, period__code=period_code)
        .select_related("body", "period__plan")
        .order_by("body__code")
    )


def last_year_of(plan: Plan) -> Plan:
    last = plans_services._plan_copy(plan, year=plan.year - 1)
    last.status = Plan.Status.ISSUED
    last.save(update_fields=["status"])
    services.report_expected_generate(plan=last, by=SYSTEM)
    return last


@pytest.fixture
def plan(demo):
    return build_plan()


def test_totals_count_only_the_forms_that_stand_and_give_a_percentage_of_the_base(plan):
    first, second, third, fourth = forms(plan)[:4]
    file_form(first, {"hoi-nghi": 3, "tong-so-ho": 400, "ho-tham-du": 340, "don-tiep-nhan": 5})
    file_form(second, {"hoi-nghi": 2, "tong-so-ho": 600, "ho-tham-du": 510}, accept=False)  # submitted: counts
    file_form(third, {"hoi-nghi": 50, "tong-so-ho": 9}, submit=False, accept=False)  # a draft: does not
    result = figures.period_figures(plan.periods.get(code="6thang"))
    rows = result.by_code
    assert rows["hoi-nghi"].total == 5 and rows["tong-so-ho"].total == 1000 and rows["ho-tham-du"].total == 850
    assert rows["ho-tham-du"].percent == 85 and rows["ho-tham-du"].base_name.startswith("Tổng số hộ")
    assert rows["hoi-nghi"].percent is None  # no base
    assert rows["don-giai-quyet"].percent is None  # a base of 0: no percentage, never 0%
    assert rows["hoi-nghi"].unit == "cuộc" and rows["nguoi-tham-du"].unit == "lượt người"
    assert result.reported == 2 and result.expected == len(forms(plan))
    assert result.reporting_line == f"2/{result.expected} đơn vị đã báo cáo"
    assert fourth.body not in [body for body, _values in result.bodies]
    table = dict(result.bodies)
    column = [row.code for row in result.body_rows].index("hoi-nghi")
    assert table[first.body][column] == 3 and table[second.body][column] == 2


def test_no_last_year_no_comparison(plan):
    file_form(forms(plan)[0], {"hoi-nghi": 3})
    result = figures.period_figures(plan.periods.get(code="6thang"))
    assert result.last_year_period is None
    assert all(row.same_period is None for row in result.rows)
    assert "so với" not in " ".join(figures.sentences(result))


def test_against_the_same_period_of_last_year(plan):
    last = last_year_of(plan)
    file_form(forms(last)[0], {"hoi-nghi": 50, "nguoi-tham-du": 2000, "don-tiep-nhan": 4})
    file_form(forms(last, "9thang")[0], {"hoi-nghi": 999})  # another period: not the same one
    file_form(forms(plan)[0], {"hoi-nghi": 56, "nguoi-tham-du": 2340, "don-tiep-nhan": 4, "doi-thoai": 2})
    result = figures.period_figures(plan.periods.get(code="6thang"))
    assert result.last_year_period.plan == last and result.same_period_label == "cùng kỳ năm 2025"
    rows = result.by_code
    assert rows["hoi-nghi"].same_period.previous == 50 and rows["hoi-nghi"].same_period.short() == "+12%"
    assert rows["don-tiep-nhan"].same_period.text() == "bằng cùng kỳ năm 2025"
    assert rows["doi-thoai"].same_period is None  # nobody reported it last year: no comparison, not "+2"
    assert result.previous_period is None  # the first period of the year
    said = figures.sentences(result)
    assert (
        "Tổ chức 56 hội nghị, buổi tuyên truyền, quán triệt với 2.340 lượt người tham dự, tăng 12% so với cùng kỳ "
        "năm 2025" in said
    )


def test_last_year_with_no_counted_form_gives_no_comparison(plan):
    last = last_year_of(plan)
    file_form(forms(last)[0], {"hoi-nghi": 50}, submit=False, accept=False)  # a draft never sent
    file_form(forms(plan)[0], {"hoi-nghi": 56})
    result = figures.period_figures(plan.periods.get(code="6thang"))
    assert result.last_year_period is not None
    assert result.by_code["hoi-nghi"].same_period is None


def test_a_cumulative_period_is_compared_with_the_previous_one(plan):
    file_form(forms(plan)[0], {"hoi-nghi": 4, "nguoi-tham-du": 200})
    file_form(forms(plan, "9thang")[0], {"hoi-nghi": 7, "nguoi-tham-du": 330})
    result = figures.period_figures(plan.periods.get(code="9thang"))
    assert result.previous_period.code == "6thang" and result.previous_period_label == "6 tháng năm 2026"
    row = result.by_code["nguoi-tham-du"]
    assert row.previous_period.previous == 200 and row.previous_period.short() == "+130"
    assert row.previous_period.text() == "tăng 130 lượt người so với 6 tháng năm 2026"


def test_against_the_previous_period_only_the_bodies_that_count_now(plan):
    file_form(forms(plan)[0], {"hoi-nghi": 4})
    file_form(forms(plan)[1], {"hoi-nghi": 9})  # reported for 6 months, not (yet) for 9
    file_form(forms(plan, "9thang")[0], {"hoi-nghi": 6})
    row = figures.period_figures(plan.periods.get(code="9thang")).by_code["hoi-nghi"]
    assert row.previous_period.previous == 4 and row.previous_period.short() == "+2"  # never "-7"


def test_a_period_not_starting_with_the_previous_one_is_not_cumulative(plan):
    period = plan.periods.get(code="9thang")
    period.start = datetime.date(2026, 7, 1)
    period.save(update_fields=["start"])
    assert figures.previous_cumulative_period(period) is None


def test_the_portal_counts_go_beside_the_same_measure_never_into_it(plan):
    period = plan.periods.get(code="6thang")
    file_form(forms(plan)[0], {"don-tiep-nhan": 6})
    services.portal_figures_set(
        period=period,
        figures=[
            services.CountedFigure("cong-received", "Phản ánh, kiến nghị đã tiếp nhận", 4),
            services.CountedFigure("cong-other", "Số liệu khác của cổng", 9),
        ],
    )
    rows = figures.period_figures(period).by_code
    assert rows["don-tiep-nhan"].total == 6 and rows["don-tiep-nhan"].portal == 4
    assert "cong-received" not in rows
    assert rows["cong-other"].total == 9 and rows["cong-other"].indicator is None


def _plan_of(bodies: list[Body], commune_name: str) -> Plan:
    plan = small_plan(bodies)
    plan.commune, plan.status = CommuneFactory(name=f"Xã {commune_name}"), Plan.Status.ISSUED
    plan.save(update_fields=["commune", "status"])
    services.indicators_seed(plan=plan)
    services.report_expected_generate(plan=plan, by=SYSTEM)
    last = last_year_of(plan)
    for year_plan in (plan, last):
        for code in ("6thang", "9thang"):
            for report in forms(year_plan, code):
                file_form(report, {"hoi-nghi": 3, "tong-so-ho": 300, "ho-tham-du": 200, "don-tiep-nhan": 2})
    services.portal_figures_set(
        period=plan.periods.get(code="9thang"), figures=[services.CountedFigure("cong-received", "Đã tiếp nhận", 3)]
    )
    return plan


def test_a_fixed_number_of_queries_whatever_the_number_of_bodies(demo):
    bodies = list(Body.objects.filter(kind__in=[Body.Kind.DEPARTMENT, Body.Kind.VILLAGE]).order_by("code"))
    counts = []
    for size, commune in ((2, "Nhỏ"), (len(bodies), "Lớn")):
        period = _plan_of(bodies[:size], commune).periods.get(code="9thang")
        with CaptureQueriesContext(connection) as captured:
            result = figures.period_figures(period)
            figures.sentences(result)
        assert result.reported == size and result.by_code["hoi-nghi"].same_period.previous == 3 * size
        counts.append(len(captured))
    assert len(bodies) > 8 and counts[0] == counts[1]


def test_the_consolidated_page_shows_the_figures_and_keeps_its_internal_list(plan, client_for):
    last = last_year_of(plan)
    file_form(forms(last)[0], {"nguoi-tham-du": 2000})
    file_form(forms(plan)[0], {"nguoi-tham-du": 2340, "tong-so-ho": 400, "ho-tham-du": 340})
    period = plan.periods.get(code="6thang")
    page = client_for("vanhoaxahoi").get(reverse("consolidation:consolidated", args=[period.pk])).content.decode()
    assert 'data-testid="figures"' in page and f"1/{len(forms(plan))} đơn vị đã báo cáo" in page
    assert "2.340" in page and "+17%" in page and "85%" in page and "“Cùng kỳ”: cùng kỳ năm 2025" in page
    assert 'data-testid="figures-by-body"' in page and forms(plan)[0].body.name in page
    assert 'data-testid="missing"' in page  # who has not reported stays on the page, only the paper leaves it


def test_a_period_compared_with_reads_with_its_year_once():
    from consolidation.figures import _period_label
    from plans.models import Plan, ReportingPeriod

    plan = Plan(year=2026)
    assert _period_label(ReportingPeriod(plan=plan, label="Báo cáo năm")) == "năm 2026"
    assert _period_label(ReportingPeriod(plan=plan, label="Báo cáo quý III")) == "quý III năm 2026"
