"""Demo data of the plans app: the commune's bodies, the demo accounts and the seed plan."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from camgiang_portal.actors import SYSTEM
from communes.current import use_commune
from communes.models import Commune
from communes.services import home_commune, official_sync

from . import services
from .models import Body, Plan, Role, body_code

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


@dataclass(frozen=True)
class DemoSite:
    """One commune of the demo. Cẩm Giang (k = 1) keeps today's codes and account names; the k-th commune's
    body codes carry its slug ("an-hai--thon-001") and its accounts end in ".k" ("vanhoaxahoi.2")."""

    commune: Commune
    k: int = 1

    def code(self, code: str) -> str:
        return demo_code(self.commune, code)

    def username(self, name: str) -> str:
        return name if self.k == 1 else f"{name}.{self.k}"

    @property
    def email_domain(self) -> str:
        return EMAIL_DOMAIN if self.k == 1 else f"{self.commune.slug}.gov.vn"

    def person(self, account: DemoAccount) -> tuple[str, str]:
        """(first_name, last_name) of that account in this commune. Cẩm Giang's are today's; another commune's
        people are other people, with the same middle name (so "Thị" stays a woman's) but their own family
        and given names, so that each commune's leader signs its papers and certificate with a name of their
        own. Rotated, not random: a re-seed gives everyone the same name again."""
        if self.k == 1:
            return account.first_name, account.last_name
        index = ACCOUNTS.index(account)
        _family, _, middle = account.last_name.partition(" ")
        given = FEMALE_GIVEN if middle in ("Thị", "Thu") else MALE_GIVEN
        family = FAMILY_NAMES[(self.k * len(ACCOUNTS) + index) % len(FAMILY_NAMES)]
        return given[(self.k * 7 + index * 3) % len(given)], f"{family} {middle}".strip()

    def body_name(self, name: str) -> str:
        """A standard body's name in this commune's word: "Hội Nông dân phường", "Lãnh đạo UBND đặc khu"."""
        return name[: -len(" xã")] + f" {self.commune.kind_word}" if name.endswith(" xã") else name


def demo_code(commune: Commune, code: str) -> str:
    """A demo body's code in that commune: Cẩm Giang's as they always were, another's carrying its slug."""
    return code if commune.code == settings.PLATFORM_HOME_COMMUNE else body_code(commune, code)


def home_site() -> DemoSite:
    return DemoSite(home_commune(), 1)


def demo_sites(count: int) -> list[DemoSite]:
    """Cẩm Giang first, then the next communes of the province in the official list's order, put on the
    platform (their bodies and accounts are the demo's, not commune_add's)."""
    home = home_commune()
    others = Commune.objects.filter(province_code=home.province_code, in_official_list=True).exclude(pk=home.pk)
    if count > 1 and others.count() < count - 1:
        official_sync(province_code=home.province_code)
    sites = [DemoSite(home, 1)]
    for k, commune in enumerate(others.order_by("code")[: max(count - 1, 0)], start=2):
        if not commune.on_platform:
            commune.on_platform = True
            commune.save(update_fields=["on_platform", "updated_at"])
        sites.append(DemoSite(commune, k))
    return sites


@dataclass
class DemoAccount:
    username: str
    role: str
    body_code: str | None
    first_name: str
    last_name: str


FAMILY_NAMES = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Mai", "Cao", "Lương", "Tạ",
)  # fmt: skip
MALE_GIVEN = (
    "Anh", "Bảo", "Cường", "Dũng", "Đức", "Hải", "Hùng", "Khoa", "Long", "Phong", "Quang", "Sơn", "Thắng", "Tuấn",
    "Việt",
)  # fmt: skip
FEMALE_GIVEN = (
    "Châu", "Dung", "Hằng", "Hương", "Linh", "Mai", "Ngọc", "Nhung", "Oanh", "Phương", "Thảo", "Trang", "Vân", "Yến",
    "Thủy",
)  # fmt: skip

ACCOUNTS = [
    DemoAccount("lanhdao", Role.LEADERSHIP, "lanh-dao", "Huy", "Vũ Mạnh"),
    DemoAccount("vanhoaxahoi", Role.COORDINATOR, "phong-vhxh", "Lan", "Nguyễn Thị"),
    DemoAccount("phongkinhte", Role.DEPARTMENT, "phong-kinh-te", "Nam", "Trần Văn"),
    # Every reporting department has someone who submits its forms (the demo's history names a person).
    DemoAccount("vanphongubnd", Role.DEPARTMENT, "vp-hdnd-ubnd", "Hà", "Lê Thu"),
    DemoAccount("motcua", Role.DEPARTMENT, "tt-phvhcc", "Minh", "Đỗ Quang"),
    DemoAccount("mttq", Role.MTTQ, "ubmttq", "Hòa", "Phạm Thị"),
]


def _body(site: DemoSite, code: str, name: str, kind: str, order: int, **flags) -> Body:
    return services.body_ensure(
        commune=site.commune,
        code=site.code(code),
        name=site.body_name(name),
        kind=kind,
        order=order,
        email=f"{code}@{site.email_domain}",
        **flags,
    )


@functools.lru_cache(maxsize=4)
def demo_password_hash(password: str) -> str:
    """One hash of the demo's password for all its accounts: hashing costs a quarter of a second each time, which
    over a city's 114 communes was a third of the seed. The password is the demo's, published in the README."""
    return make_password(password)


def _user(
    site: DemoSite,
    username: str,
    *,
    password: str,
    role: str,
    body: Body | None,
    first_name="",
    last_name="",
    superuser=False,
):
    return services.account_ensure(
        username=site.username(username),
        password=password,
        password_hash=demo_password_hash(password),
        role=role,
        body=body,
        email=f"{site.username(username)}@{site.email_domain}",
        first_name=first_name,
        last_name=last_name,
        superuser=superuser,
    )


def village_code(index: int) -> str:
    return f"thon-{index:03d}"


@transaction.atomic
def demo_bodies_and_users(*, password: str, scale: int = 1, site: DemoSite | None = None) -> dict[str, int]:
    """Create (or bring back to the demo state) every demo body and account of a commune (Cẩm Giang unless
    `site` says another); safe to run again."""
    site = site or home_site()
    _body(site, "lanh-dao", "Lãnh đạo UBND xã", Body.Kind.LEADERSHIP, 0)
    for order, (code, name, flags) in enumerate(DEPARTMENTS, start=1):
        _body(site, code, name, Body.Kind.DEPARTMENT, order, **flags)
    for order, (code, name, flags) in enumerate(ORGANISATIONS, start=1):
        _body(site, code, name, Body.Kind.ORGANISATION, order, **flags)
    for index, name in enumerate(VILLAGES, start=1):
        _body(site, village_code(index), name, Body.Kind.VILLAGE, index)
    # --scale N: N times the villages and departments, for benchmarks.
    for copy in range(2, scale + 1):
        for order, (code, name, _flags) in enumerate(DEPARTMENTS, start=1):
            _body(site, f"{code}-x{copy}", f"{name} (bản sao {copy})", Body.Kind.DEPARTMENT, order + 10 * copy)
        for index, name in enumerate(VILLAGES, start=1):
            number = (copy - 1) * len(VILLAGES) + index
            _body(site, village_code(number), f"{name} {copy}", Body.Kind.VILLAGE, number)

    if site.k == 1:  # the platform's operator: one account, no commune
        _user(site, "admin", password=password, role=Role.ADMIN, body=None, first_name="Quản trị", superuser=True)
    for account in ACCOUNTS:
        first_name, last_name = site.person(account)
        _user(
            site,
            account.username,
            password=password,
            role=account.role,
            body=Body.all_communes.get(code=site.code(account.body_code)),
            first_name=first_name,
            last_name=last_name,
        )
    for index in range(1, len(VILLAGES) + 1):
        _user(
            site,
            f"truongthon{index}",
            password=password,
            role=Role.VILLAGE_HEAD,
            body=Body.all_communes.get(code=site.code(village_code(index))),
            first_name=f"Trưởng thôn {index}",
        )
    return {
        "bodies": Body.all_communes.filter(commune=site.commune).count(),
        "users": User.objects.filter(membership__body__commune=site.commune).count(),
    }


SEED_PLAN = Path(__file__).resolve().parent / "fixtures" / "ke-hoach-dan-chu-co-so-2026.md"


def demo_plan(site: DemoSite | None = None) -> Plan:
    """The commune's 2026 plan, imported from the seed text once (another commune's with its own name in
    it); later runs return it unchanged."""
    site = site or home_site()
    existing = Plan.all_communes.filter(commune=site.commune, year=2026).exclude(status=Plan.Status.SUPERSEDED).first()
    if existing is not None:
        return existing
    with use_commune(site.commune):  # the plan is that commune's, whatever the deployment serves
        return services.plan_import(source=plan_text(site), filename=SEED_PLAN.name, by=SYSTEM).plan


def plan_text(site: DemoSite) -> bytes:
    """The seed plan as that commune would have written it: its name and its word (xã, phường, đặc khu)."""
    text = SEED_PLAN.read_text(encoding="utf-8")
    if site.k == 1:
        return text.encode()
    word, name = site.commune.kind_word, site.commune.place_name
    text = text.replace(HOME_NAME.upper(), name.upper()).replace(HOME_NAME, name)
    # The plan is signed by that commune's own leader, the demo account "lanhdao.k".
    first_name, last_name = site.person(ACCOUNTS[0])
    text = text.replace(f"**{HOME_SIGNER}**", f"**{last_name} {first_name}**")
    if word != "xã":  # "UBND phường", "MTTQ phường" …, but "xã hội" is society, not the commune
        for old, new in (("xã", word), ("Xã", word.capitalize()), ("XÃ", word.upper())):
            text = re.sub(rf"\b{old}\b(?!\s+(hội|Hội|HỘI))", new, text)
    return text.encode()


HOME_NAME = "Cẩm Giang"
HOME_SIGNER = "Vũ Mạnh Huy"  # who signs the seed plan: the demo account "lanhdao"


LAST_YEAR = 2025


def demo_plan_last_year(plan: Plan) -> Plan:
    """Last year's plan (2025), so that comparisons have something to compare with; safe to run again.

    Made as the coordinator's "copy to next year" makes a plan, only backwards (same structure, assignments
    and periods, dates a year earlier), then marked issued in December 2024 as a plan issued on paper before
    the portal was used: it is the past year's plan, never the one in force (plans.selectors.plan_current
    prefers the plan of the year that has begun)."""
    existing = (
        Plan.all_communes.filter(commune_id=plan.commune_id, year=LAST_YEAR)
        .exclude(status=Plan.Status.SUPERSEDED)
        .first()
    )
    if existing is not None:
        return existing
    last = services.plan_copy_to_year(plan=plan, year=LAST_YEAR, by=SYSTEM)
    last.status = Plan.Status.ISSUED
    last.number = "168"
    last.date_day, last.date_month, last.date_year = 20, 12, LAST_YEAR - 1
    last.save(update_fields=["status", "number", "date_day", "date_month", "date_year", "updated_at"])
    return last
