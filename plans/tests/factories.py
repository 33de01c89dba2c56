"""factory_boy factories for the plans app, and a small ready-made plan for other apps' tests."""

from __future__ import annotations

import datetime

import factory

from communes.services import home_commune
from plans import services
from plans.models import Assignment, Body, ContentArea, Item, Plan, ReportingPeriod, Task


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    commune = factory.LazyFunction(home_commune)
    name = factory.Sequence(lambda n: f"Thôn Thử {n}")
    code = factory.Sequence(lambda n: f"thon-thu-{n}")
    kind = Body.Kind.VILLAGE
    email = factory.LazyAttribute(lambda o: f"{o.code}@camgiang.gov.vn")

    @factory.post_generation
    def with_group(obj, create, extracted, **kwargs):
        if create:
            services.body_group_sync(body=obj)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    commune = factory.LazyFunction(home_commune)
    commune_name = "Cẩm Giang"
    organisation = "ỦY BAN NHÂN DÂN XÃ CẨM GIANG"
    year = 2026
    place = "Cẩm Giang"
    date_month = 12
    date_year = 2025
    title = "Thực hiện dân chủ ở cơ sở trên địa bàn xã năm 2026"
    sign_authority = "TM. ỦY BAN NHÂN DÂN"
    sign_delegation = "KT. CHỦ TỊCH"
    sign_position = "PHÓ CHỦ TỊCH"
    signer_name = "Vũ Mạnh Huy"


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContentArea

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    title = factory.Sequence(lambda n: f"Nội dung {n + 1}")
    order = factory.Sequence(lambda n: n + 1)


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item

    area = factory.SubFactory(AreaFactory)
    label = "a"
    text = factory.Sequence(lambda n: f"Nhiệm vụ thử {n}")
    order = 1


PERIODS_2026 = [
    ("6thang", "Báo cáo 6 tháng", datetime.date(2026, 1, 1), datetime.date(2026, 6, 30), datetime.date(2026, 6, 5)),
    ("9thang", "Báo cáo 9 tháng", datetime.date(2026, 1, 1), datetime.date(2026, 9, 30), datetime.date(2026, 9, 10)),
    ("canam", "Báo cáo năm", datetime.date(2026, 1, 1), datetime.date(2026, 12, 31), datetime.date(2026, 11, 10)),
]


def small_plan(bodies: list[Body], *, items_per_area: tuple[int, ...] = (2, 3)) -> Plan:
    """A plan with a few areas and items, every item assigned to every given body, the 2026 periods and tasks."""
    plan = PlanFactory()
    for order, (code, label, start, end, due) in enumerate(PERIODS_2026, start=1):
        ReportingPeriod.objects.create(
            plan=plan, code=code, label=label, start=start, end=end, due_date=due, order=order
        )
    letters = ["a", "b", "c", "d", "đ", "e"]
    for area_no, count in enumerate(items_per_area, start=1):
        area = AreaFactory(plan=plan, number=str(area_no), order=area_no, timing="Thường xuyên trong năm 2026")
        for index in range(count):
            item = ItemFactory(area=area, label=letters[index], order=index + 1)
            for body in bodies:
                assignment = Assignment.objects.create(item=item, body=body)
                for period in plan.periods.all():
                    Task.objects.create(assignment=assignment, period=period, due_date=period.due_date)
    return plan
