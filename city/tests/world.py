"""A small city for the city level's tests: communes with a plan, the 6-month period, forms with figures, and
Báo cáo rows as issuing leaves them (no PDF rendered: the selectors read rows, not files)."""

from __future__ import annotations

import datetime
import hashlib
import itertools
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile

from communes.models import Commune
from communes.services import home_commune
from communes.tests.factories import CommuneFactory
from issuance.models import DocType, IssuedDocument
from plans.models import Body, ReportingPeriod
from plans.tests.factories import AreaFactory, BodyFactory, ItemFactory, PlanFactory
from reports.models import FigureValue, Indicator, ItemProgress, ProgressReport
from reports.workflow import transition

from ..models import CityPeriod

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
_numbers = itertools.count(1)


def city_period(due=datetime.date(2026, 6, 15), code="6thang") -> CityPeriod:
    """The city's period; the home commune is made sure of too (on the platform, no plan here), so that every
    test counts it, whether or not a transactional test emptied the table before."""
    home_commune()
    return CityPeriod.objects.create(year=2026, code=code, due_date=due)


def commune_with_period(*, kind=Commune.Kind.XA, name=None, figures: dict[str, int] | None = None):
    """A commune on the platform with its 2026 plan's 6-month period and, with `figures`, one accepted form
    holding them (indicator code → value)."""
    extra = {"name": name} if name else {}
    commune = CommuneFactory(kind=kind, **extra)
    period = six_month_period(commune)
    plan = period.plan
    if figures:
        area = AreaFactory(plan=plan)
        item = ItemFactory(area=area)
        body = BodyFactory(commune=commune, code=f"{commune.slug}--thon-1", kind=Body.Kind.VILLAGE)
        report = ProgressReport.objects.create(body=body, period=period)
        progress = ItemProgress.objects.create(report=report, item=item)
        for order, (code, value) in enumerate(figures.items()):
            indicator = Indicator.objects.create(
                code=code, name=f"Chỉ tiêu {code}", unit="cuộc", area=area, order=order
            )
            FigureValue.objects.create(progress=progress, indicator=indicator, value=value)
        for step in ("submit", "accept"):
            report = transition(report, step, None, version=report.version, replay=True)
    return commune, period


def six_month_period(commune: Commune, **plan_fields) -> ReportingPeriod:
    """The commune's 2026 plan with the seed plan's 6-month period (due 05/06)."""
    plan = PlanFactory(commune=commune, commune_name=commune.place_name, **plan_fields)
    return ReportingPeriod.objects.create(
        plan=plan,
        code="6thang",
        label="Báo cáo 6 tháng",
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 6, 30),
        due_date=datetime.date(2026, 6, 5),
    )


def issue_row(commune: Commune, period: ReportingPeriod, at: datetime.datetime, supersedes=None) -> IssuedDocument:
    """The IssuedDocument issuing writes for the period's Báo cáo, at `at`."""
    number = next(_numbers)
    content = f"%PDF-1.7 thử {commune.code} {number}".encode()
    document = IssuedDocument(
        commune=commune,
        doc_type=DocType.REPORT,
        year=at.year,
        number=number,
        symbol=f"{number:02d}/BC-UBND",
        title="Báo cáo kết quả thực hiện dân chủ ở cơ sở 6 tháng đầu năm 2026",
        issued_at=at,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        signer_name="Vũ Mạnh Huy",
        signer_position="Phó Chủ tịch",
        report_key=f"period:{period.pk}",
        supersedes=supersedes,
    )
    document.file.save(f"bc-{commune.code}-{number}.pdf", ContentFile(content), save=False)
    document.save()
    return document


def at(day: int, month: int = 6, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, 0, tzinfo=TZ)
