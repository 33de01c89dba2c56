"""The demo's words and figures: what each body writes on its form, for reports.demo's timelines.

The figures grow with the months a period covers (every period runs from 1 January: 9 months ≥ 6 months),
each body at its own pace; the texts come from reports.demo_texts, fitting the item and the kind of body.
Rows are written in bulk (`Writer.flush`): a seeder's shortcut for thousands of rows, the forms' own
states still moving through reports.workflow (reports.demo)."""

from __future__ import annotations

import datetime
import hashlib
import random
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import connection

from plans.models import Body, ReportingPeriod

from . import demo_texts as texts
from .exports import period_phrase, with_year
from .models import FigureValue, Indicator, ItemProgress, ItemStatus, ProgressReport

TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# Monthly pace of each standard indicator (reports.services.SEED_INDICATORS) by kind of body: (low, high).
RATES = {
    "hoi-nghi": {texts.VILLAGE: (0.5, 1.0), texts.DEPARTMENT: (0.3, 0.6), texts.FRONT: (0.6, 1.2)},
    "noi-dung-cong-khai": {texts.VILLAGE: (0.8, 1.6), texts.DEPARTMENT: (1.0, 2.5), texts.FRONT: (0.2, 0.5)},
    "hop-thon-dan-quyet": {texts.VILLAGE: (0.3, 0.6), texts.DEPARTMENT: (0, 0), texts.FRONT: (0, 0)},
    "don-tiep-nhan": {texts.VILLAGE: (0.2, 0.8), texts.DEPARTMENT: (0.5, 2.0), texts.FRONT: (0.5, 1.5)},
    "tiep-cong-dan": {texts.VILLAGE: (0, 0), texts.DEPARTMENT: (0.2, 0.6), texts.FRONT: (0.2, 0.5)},
    "giam-sat-ttnd": {texts.VILLAGE: (0.25, 0.5), texts.DEPARTMENT: (0.2, 0.4), texts.FRONT: (0.3, 0.6)},
    "giam-sat-gsdtcd": {texts.VILLAGE: (0.2, 0.4), texts.DEPARTMENT: (0.2, 0.3), texts.FRONT: (0.2, 0.4)},
    "mo-hinh-khen-thuong": {texts.VILLAGE: (0.05, 0.2), texts.DEPARTMENT: (0.05, 0.15), texts.FRONT: (0.1, 0.3)},
    "du-thao-lay-y-kien": {texts.VILLAGE: (0.1, 0.3), texts.DEPARTMENT: (0.2, 0.5), texts.FRONT: (0.2, 0.4)},
    "y-kien-dong-gop": {texts.VILLAGE: (1.0, 4.0), texts.DEPARTMENT: (0.5, 2.0), texts.FRONT: (2.0, 5.0)},
    "huong-uoc": {texts.VILLAGE: (0.02, 0.1), texts.DEPARTMENT: (0, 0), texts.FRONT: (0, 0)},
    "luot-tiep-cong-dan": {texts.VILLAGE: (0, 0), texts.DEPARTMENT: (0.3, 1.0), texts.FRONT: (0.2, 0.6)},
    "doi-thoai": {texts.VILLAGE: (0.05, 0.15), texts.DEPARTMENT: (0.05, 0.15), texts.FRONT: (0.1, 0.2)},
    "cong-trinh-giam-sat": {texts.VILLAGE: (0.05, 0.2), texts.DEPARTMENT: (0.05, 0.1), texts.FRONT: (0.1, 0.3)},
    "kien-nghi-giam-sat": {texts.VILLAGE: (0.1, 0.4), texts.DEPARTMENT: (0.05, 0.2), texts.FRONT: (0.2, 0.5)},
    "hoi-nghi-cbccvc": {texts.VILLAGE: (0, 0), texts.DEPARTMENT: (0.1, 0.17), texts.FRONT: (0.1, 0.17)},
    "quy-che-ban-hanh": {texts.VILLAGE: (0, 0), texts.DEPARTMENT: (0.05, 0.2), texts.FRONT: (0.02, 0.1)},
}
# A figure bounded by another (reports.models.Indicator.not_above, percent_of) is this share of the smallest
# of its bounds: households attending of all households, cases within competence of those received ….
SHARES = {
    "ho-tham-du": (0.72, 0.92),
    "ho-tan-thanh": (0.85, 0.98),
    "y-kien-tiep-thu": (0.6, 0.9),
    "vu-viec-tiep": (0.6, 0.9),
    "don-thuoc-tham-quyen": (0.55, 0.85),
    "kien-nghi-da-xu-ly": (0.6, 0.95),
}
BOUNDED_SHARE = (0.75, 1.0)
# Households in a village (each village meeting counts all of them as the base of its percentages).
HOUSEHOLDS = (220, 560)
# Citizens per reception session, and people per visit (a family or a group comes together).
VISITS_PER_SESSION = (2, 6)
PEOPLE_PER_VISIT = (1.0, 1.3)
# The office that organises the chairman's weekly citizen reception reports about one session a week.
RECEPTION_OFFICE = "vp-hdnd-ubnd"
# Attendees per meeting (a village meeting 35–70, a department's staff 10–25, the Front's conferences 40–90).
ATTENDEES = {texts.VILLAGE: (35, 70), texts.DEPARTMENT: (10, 25), texts.FRONT: (40, 90)}
OTHER_RATE = (0.2, 1.0)


def seed(*parts) -> int:
    return int(hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:12], 16)


def moment(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=TZ)


def workday_back(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day -= datetime.timedelta(days=1)
    return day


def workday_forward(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def months_covered(period: ReportingPeriod) -> float:
    """The months a period's figures cover when it is reported: from its start to its due date."""
    return max((min(period.due_date, period.end) - period.start).days + 1, 1) / 30.4


# --- figures and texts --------------------------------------------------------------------------------------


def _pace(body: Body, code: str, kind: str) -> float:
    rng = random.Random(seed("pace", body.code, code))
    if code == "tiep-cong-dan" and body.code.startswith(RECEPTION_OFFICE):
        return 4.2
    low, high = RATES.get(code, {}).get(kind, OTHER_RATE)
    return rng.uniform(low, high)


def _in_order(indicators: list[Indicator]) -> list[Indicator]:
    """Each figure after the figures it is bounded by (its not_above and percent_of, in chains)."""
    by_pk = {i.pk: i for i in indicators}

    def depth(indicator: Indicator, seen: frozenset = frozenset()) -> int:
        bounds = [by_pk[b] for b in (indicator.not_above_id, indicator.percent_of_id) if b in by_pk and b not in seen]
        return 1 + max((depth(b, seen | {indicator.pk}) for b in bounds), default=-1)

    return sorted(indicators, key=lambda i: (depth(i), i.order, i.pk))


def _figure(indicator: Indicator, by_code: dict, bounds: list[int], body: Body, kind: str, months: float, factor):
    rng = random.Random(seed("fig", body.code, indicator.code))
    code = indicator.code
    if code == "nguoi-tham-du" and "hoi-nghi" in by_code:
        low, high = ATTENDEES[kind]
        # The year's change is in the number of meetings; a meeting draws as many people either year.
        return by_code["hoi-nghi"] * round(rng.uniform(low, high))
    if code == "tong-so-ho" and "hop-thon-dan-quyet" in by_code:
        return by_code["hop-thon-dan-quyet"] * rng.randint(*HOUSEHOLDS)
    if code == "luot-tiep-cong-dan" and by_code.get("tiep-cong-dan"):
        return round(by_code["tiep-cong-dan"] * rng.uniform(*VISITS_PER_SESSION))
    if code == "nguoi-duoc-tiep" and "luot-tiep-cong-dan" in by_code:
        return round(by_code["luot-tiep-cong-dan"] * rng.uniform(*PEOPLE_PER_VISIT))
    if bounds:
        # Settled ≤ received, attending ≤ households: a fixed share of the smallest bound, rounded.
        return round(min(bounds) * rng.uniform(*SHARES.get(code, BOUNDED_SHARE)))
    return int(_pace(body, code, kind) * months * factor + rng.random())


def _figures(
    body: Body, period: ReportingPeriod, indicators: list[Indicator], kind: str, year_factor: float
) -> dict[int, int]:
    """Each indicator's value for the body in the period: its monthly pace × the months covered, so that a
    later (cumulative) period is never below an earlier one; a bounded figure stays under its bounds."""
    months = months_covered(period)
    by_code: dict[str, int] = {}
    values: dict[int, int] = {}
    for indicator in _in_order(indicators):
        bounds = [values[b] for b in (indicator.not_above_id, indicator.percent_of_id) if b in values]
        value = _figure(indicator, by_code, bounds, body, kind, months, year_factor)
        value = min([value, indicator.max_value, *bounds])
        values[indicator.pk] = value
        by_code[indicator.code] = value
    return values


def _context(body: Body, period: ReportingPeriod, by_code: dict[str, int], rng: random.Random, villages: int) -> dict:
    months = months_covered(period)
    last_month = max(period.start.month, min(period.due_date, period.end).month - 1)
    month = rng.randint(period.start.month, last_month)
    conference = workday_back(datetime.date(period.start.year, 1, 20 + rng.randint(0, 8)))
    place = body.name[:1].lower() + body.name[1:] if body.kind == Body.Kind.VILLAGE else body.name
    received = by_code.get("don-tiep-nhan", rng.randint(1, 4))
    return {
        "body": body.name,
        "place": place,
        "year": period.plan.year,
        "month": f"tháng {month}",
        "conference": f"{conference:%d/%m/%Y}",
        "period": period.label.removeprefix("Báo cáo ").capitalize(),
        # "6 tháng năm 2026", "Năm 2026": a summary opens with it (never "Năm năm 2026").
        "period_year": with_year(period.label.removeprefix("Báo cáo ").capitalize(), period.plan.year),
        "period_lower": period_phrase(period),
        "hoi_nghi": by_code.get("hoi-nghi", rng.randint(2, 5)),
        "nguoi": by_code.get("nguoi-tham-du", rng.randint(80, 200)),
        "cong_khai": by_code.get("noi-dung-cong-khai", rng.randint(3, 8)),
        "hop": by_code.get("hop-thon-dan-quyet", rng.randint(1, 3)),
        "don": received,
        "giai_quyet": by_code.get("don-giai-quyet", received),
        "tiep": by_code.get("tiep-cong-dan", rng.randint(1, 4)),
        "ttnd": by_code.get("giam-sat-ttnd", rng.randint(1, 3)),
        "gsdtcd": by_code.get("giam-sat-gsdtcd", rng.randint(1, 2)),
        "mo_hinh": texts.models_phrase(by_code.get("mo-hinh-khen-thuong", 1)),
        "loa": int(months * rng.uniform(3, 4.3)),
        "bang": rng.randint(4, 12),
        "tin": int(months * rng.uniform(1.5, 3)),
        "thon": rng.randint(max(villages // 2, 1), max(villages, 1)),
        "ho": rng.randint(3, 18),
        "doi_thoai": rng.randint(1, 3),
        "phan_tram": _attending_share(by_code, likely=rng.randint(78, 95)),
        "luot": int(months * rng.uniform(8, 20)),
        "ho_so": int(months * rng.uniform(60, 140)),
        "truc_tuyen": int(months * rng.uniform(30, 70)),
        "dung_han": rng.randint(96, 100),
        "hai_long": rng.randint(92, 99),
    }


def _attending_share(by_code: dict[str, int], *, likely: int) -> int:
    """The share of households attending the body's meetings, as its figures say (else a likely one)."""
    if by_code.get("tong-so-ho") and "ho-tham-du" in by_code:
        return round(by_code["ho-tham-du"] * 100 / by_code["tong-so-ho"])
    return likely


def _status(item, kind: str, rng: random.Random, period: ReportingPeriod) -> str:
    if (item.area.number, item.label) == ("3", "d") and kind != texts.VILLAGE:
        return ItemStatus.DONE  # the year's conference is held in January
    return rng.choice([ItemStatus.ONGOING] * 5 + [ItemStatus.DONE] * 2 + [ItemStatus.IN_PROGRESS])


def _rows_write(rows: list[ItemProgress]) -> None:
    """The rows' words in one statement, and their history dated as each row's `_history_date` (Django's
    bulk_update builds a CASE per field and row, which made `--scale 10` take a minute)."""
    # Only the model's own table name is formatted in (quoted); every value is a bound parameter.
    table = connection.ops.quote_name(ItemProgress._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET status = %s, done = %s, difficulties = %s, proposals = %s WHERE id = %s",  # nosec B608
            [(r.status, r.done, r.difficulties, r.proposals, r.pk) for r in rows],
        )
    ItemProgress.history.bulk_history_create(rows, update=True, batch_size=1000)


@dataclass
class Writer:
    indicators: list[Indicator]
    villages: int
    year_factor: dict[str, float] = field(default_factory=dict)
    # Written in bulk by flush(): rows, figures, and the forms whose old figures go.
    rows: list[ItemProgress] = field(default_factory=list)
    figures: list[FigureValue] = field(default_factory=list)
    reports: list[int] = field(default_factory=list)

    def flush(self) -> None:
        if self.rows:
            _rows_write(self.rows)
        FigureValue.objects.filter(progress__report_id__in=self.reports).delete()
        FigureValue.objects.bulk_create(self.figures, batch_size=1000)
        self.rows, self.figures, self.reports = [], [], []

    def fill(self, report: ProgressReport, *, share: float = 1.0, at: datetime.datetime) -> str:
        """Write the body's statuses, texts and figures; `share` < 1 leaves the later items blank (a draft).
        Returns the form's summary: a finished form's, or "" for a draft (its step saves it)."""
        body, period = report.body, report.period
        kind = texts.writer_kind(body)
        rng = random.Random(seed("text", body.code, period.plan.year, period.code))
        rows = list(report.items.select_related("item__area").order_by("item__area__order", "item__order"))
        values = _figures(body, period, self.indicators, kind, self.year_factor.get(body.code, 1.0))
        by_code = {i.code: values[i.pk] for i in self.indicators}
        context = _context(body, period, by_code, rng, self.villages)
        filled = len(rows) if share >= 1 else int(len(rows) * share)
        figures = []
        for index, row in enumerate(rows):
            if index >= filled:
                row.status = row.done = row.difficulties = row.proposals = ""
                continue
            applying = [i for i in self.indicators if i.applies_to(row.item)]
            row.status = _status(row.item, kind, rng, period)
            row.done = texts.done_text(row.item, kind, context, {i.code for i in applying}, rng)
            row.difficulties = texts.side_text(texts.DIFFICULTIES, kind, row.item.area.number, rng, 0.15)
            row.proposals = texts.side_text(texts.PROPOSALS, kind, row.item.area.number, rng, 0.12)
            figures += [FigureValue(progress=row, indicator=i, value=values[i.pk]) for i in applying]
        for row in rows:
            row._history_date = at
        self.rows += rows
        self.figures += figures
        self.reports.append(report.pk)
        return rng.choice(texts.SUMMARY[kind]).format(**context) if share >= 1 else ""
