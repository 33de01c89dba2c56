"""Demo data of the plans app: the commune's bodies, the demo accounts and the seed plan."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from camgiang_portal.actors import SYSTEM
from communes.current import use_commune
from communes.services import home_commune

from . import services
from .models import Body, Plan, Role

User = get_user_model()

DEPARTMENTS = [
    ("vp-hdnd-ubnd", "Văn phòng HĐND và UBND", {}),
    ("phong-kinh-te", "Phòng Kinh tế", {}),
    ("phong-vhxh", "Phòng Văn hóa – Xã hội", {"is_coordinator": True}),
    ("tt-phvhcc", "Trung tâm Phục vụ hành chính công", {}),
]
ORGANISATIONS = [
    ("ubmttq", "Ủy ban MTTQ Việt Nam xã", {"is_front": True}),
    ("hoi-nong-dan", "Hội Nông dân xã", {}),
    ("hoi-phu-nu", "Hội Liên hiệp Phụ nữ xã", {}),
    ("doan-thanh-nien", "Đoàn Thanh niên xã", {}),
    ("hoi-ccb", "Hội Cựu chiến binh xã", {}),
]
VILLAGES = [
    "Thôn Đông Giao",
    "Thôn Hoàng Xá",
    "Thôn Quý Dương",
    "Thôn Thạch Lỗi",
    "Thôn Văn Thai",
    "Thôn Tràng Kỹ",
    "Thôn Phú Lộc",
    "Thôn An Bình",
    "Thôn Tân Lập",
    "Thôn Hòa Bình",
    "Thôn Thanh Tân",
    "Thôn Bình Long",
]
EMAIL_DOMAIN = "camgiang.gov.vn"


@dataclass
class DemoAccount:
    username: str
    role: str
    body_code: str | None
    first_name: str
    last_name: str


ACCOUNTS = [
    DemoAccount("lanhdao", Role.LEADERSHIP, "lanh-dao", "Huy", "Vũ Mạnh"),
    DemoAccount("vanhoaxahoi", Role.COORDINATOR, "phong-vhxh", "Lan", "Nguyễn Thị"),
    DemoAccount("phongkinhte", Role.DEPARTMENT, "phong-kinh-te", "Nam", "Trần Văn"),
    # Every reporting department has someone who submits its forms (the demo's history names a person).
    DemoAccount("vanphongubnd", Role.DEPARTMENT, "vp-hdnd-ubnd", "Hà", "Lê Thu"),
    DemoAccount("motcua", Role.DEPARTMENT, "tt-phvhcc", "Minh", "Đỗ Quang"),
    DemoAccount("mttq", Role.MTTQ, "ubmttq", "Hòa", "Phạm Thị"),
]


def _body(code: str, name: str, kind: str, order: int, **flags) -> Body:
    return services.body_ensure(
        commune=home_commune(), code=code, name=name, kind=kind, order=order, email=f"{code}@{EMAIL_DOMAIN}", **flags
    )


def _user(username: str, *, password: str, role: str, body: Body | None, first_name="", last_name="", superuser=False):
    return services.account_ensure(
        username=username,
        password=password,
        role=role,
        body=body,
        email=f"{username}@{EMAIL_DOMAIN}",
        first_name=first_name,
        last_name=last_name,
        superuser=superuser,
    )


def village_code(index: int) -> str:
    return f"thon-{index:03d}"


@transaction.atomic
def demo_bodies_and_users(*, password: str, scale: int = 1) -> dict[str, int]:
    """Create (or bring back to the demo state) every demo body and account; safe to run again."""
    _body("lanh-dao", "Lãnh đạo UBND xã", Body.Kind.LEADERSHIP, 0)
    for order, (code, name, flags) in enumerate(DEPARTMENTS, start=1):
        _body(code, name, Body.Kind.DEPARTMENT, order, **flags)
    for order, (code, name, flags) in enumerate(ORGANISATIONS, start=1):
        _body(code, name, Body.Kind.ORGANISATION, order, **flags)
    for index, name in enumerate(VILLAGES, start=1):
        _body(village_code(index), name, Body.Kind.VILLAGE, index)
    # --scale N: N times the villages and departments, for benchmarks.
    for copy in range(2, scale + 1):
        for order, (code, name, _flags) in enumerate(DEPARTMENTS, start=1):
            _body(f"{code}-x{copy}", f"{name} (bản sao {copy})", Body.Kind.DEPARTMENT, order + 10 * copy)
        for index, name in enumerate(VILLAGES, start=1):
            number = (copy - 1) * len(VILLAGES) + index
            _body(village_code(number), f"{name} {copy}", Body.Kind.VILLAGE, number)

    _user("admin", password=password, role=Role.ADMIN, body=None, first_name="Quản trị", superuser=True)
    for account in ACCOUNTS:
        _user(
            account.username,
            password=password,
            role=account.role,
            body=Body.objects.get(code=account.body_code),
            first_name=account.first_name,
            last_name=account.last_name,
        )
    for index in range(1, len(VILLAGES) + 1):
        _user(
            f"truongthon{index}",
            password=password,
            role=Role.VILLAGE_HEAD,
            body=Body.objects.get(code=village_code(index)),
            first_name=f"Trưởng thôn {index}",
        )
    return {"bodies": Body.objects.count(), "users": User.objects.count()}


SEED_PLAN = Path(__file__).resolve().parent / "fixtures" / "ke-hoach-dan-chu-co-so-2026.md"


def demo_plan() -> Plan:
    """The commune's 2026 plan, imported from the seed text once; later runs return it unchanged."""
    commune = home_commune()
    existing = Plan.objects.filter(commune=commune, year=2026).exclude(status=Plan.Status.SUPERSEDED).first()
    if existing is not None:
        return existing
    with use_commune(commune):  # the demo's plan is Cẩm Giang's, whatever the deployment serves
        return services.plan_import(source=SEED_PLAN.read_bytes(), filename=SEED_PLAN.name, by=SYSTEM).plan


LAST_YEAR = 2025


def demo_plan_last_year(plan: Plan) -> Plan:
    """Last year's plan (2025), so that comparisons have something to compare with; safe to run again.

    Made as the coordinator's "copy to next year" makes a plan, only backwards (same structure, assignments
    and periods, dates a year earlier), then marked issued in December 2024 as a plan issued on paper before
    the portal was used: it is the past year's plan, never the one in force (plans.selectors.plan_current
    prefers the plan of the year that has begun)."""
    existing = (
        Plan.objects.filter(commune_id=plan.commune_id, year=LAST_YEAR).exclude(status=Plan.Status.SUPERSEDED).first()
    )
    if existing is not None:
        return existing
    last = services.plan_copy_to_year(plan=plan, year=LAST_YEAR, by=SYSTEM)
    last.status = Plan.Status.ISSUED
    last.number = "168"
    last.date_day, last.date_month, last.date_year = 20, 12, LAST_YEAR - 1
    last.save(update_fields=["status", "number", "date_day", "date_month", "date_year", "updated_at"])
    return last
