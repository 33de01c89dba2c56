"""The city level of the demo: its two accounts, its periods, and the communes' Báo cáo reaching it.

The city's deadlines here are the demo's (ten days after the communes' own, III.4 of the seed plan): a real
city enters those of its own plan. Which communes answer, and when, follows their place in the demo (k): one
in three on time, one late, one not yet; Cẩm Giang (k = 1) issues as its leadership would, on time.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from camgiang_portal.people import full_name
from camgiang_portal.signing.errors import SigningError
from communes.current import use_commune
from consolidation import issuing
from plans.demo import DemoSite
from reports.models import ProgressReport
from reports.workflow import transition

from .models import CityMember, CityPeriod, CityRole

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# (month, day) of the city's deadline for each period the communes' plans name.
CITY_DEADLINES = {"6thang": (6, 15), "9thang": (9, 20), "canam": (11, 20)}
ACCOUNTS = [
    ("thanhpho", "Hà", "Nguyễn Thị", CityRole.OFFICER, ""),
    # The leader signs the city's Báo cáo (city.issuing) as a vice-chairman, on the chairman's behalf.
    ("lanhdaothanhpho", "Minh", "Trần Văn", CityRole.LEADER, "Phó Chủ tịch"),
]
EMAIL_DOMAIN = "haiphong.gov.vn"


def demo_city_accounts(*, password: str) -> list:
    users = []
    for username, first, last, role, position in ACCOUNTS:
        user, _created = get_user_model().objects.get_or_create(username=username)
        user.first_name, user.last_name, user.email, user.is_active = first, last, f"{username}@{EMAIL_DOMAIN}", True
        user.set_password(password)
        user.save()
        CityMember.objects.update_or_create(user=user, defaults={"role": role, "position": position})
        users.append(user)
    return users


def demo_city_signer_name() -> str:
    """The name in the city's development certificate: its first leader's ("Họ Tên"), if any."""
    leader = CityMember.objects.filter(role=CityRole.LEADER).select_related("user").order_by("pk").first()
    if leader is None:
        return ""
    return full_name(leader.user)


def demo_city_periods(year: int) -> list[CityPeriod]:
    return [
        CityPeriod.objects.get_or_create(year=year, code=code, defaults={"due_date": datetime.date(year, m, d)})[0]
        for code, (m, d) in CITY_DEADLINES.items()
    ]


def _when(site: DemoSite, city_period: CityPeriod) -> datetime.datetime | None:
    """When the commune issues the period's Báo cáo in the demo, or None (not yet)."""
    turn = site.k % 3
    if turn == 0:
        return None
    days = -3 if turn == 1 else 4  # on time, or four days after the city's deadline
    day = city_period.due_date + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(9, 30), tzinfo=TZ)


def demo_city_receipts(*, sites: list[DemoSite], periods: list[CityPeriod], as_of: datetime.date) -> list[str]:
    """Each commune's Báo cáo issued as the demo's pattern says, for the periods past by `as_of`. Forms still
    waiting for review are accepted first by the coordinator (except Cẩm Giang's, kept for the review demo:
    its Báo cáo is issued only when nothing waits). Returns what was issued, as "commune: symbol"."""
    issued = []
    for site in sites:
        with use_commune(site.commune):
            for city_period in periods:
                moment = _when(site, city_period)
                if moment is None or moment.date() > as_of:
                    continue
                period = site_period(site, city_period)
                if period is None or issuing.consolidated_documents(period):
                    continue
                symbol = _issue(site, period, moment)
                if symbol:
                    issued.append(f"{site.commune.name}: {symbol}")
    return issued


def site_period(site: DemoSite, city_period: CityPeriod):
    from plans.models import ReportingPeriod

    return ReportingPeriod.objects.filter(
        plan__commune=site.commune, plan__year=city_period.year, code=city_period.code
    ).first()


def _issue(site: DemoSite, period, moment: datetime.datetime) -> str:
    User = get_user_model()
    people = User.objects.filter(membership__body__commune=site.commune, is_active=True).order_by("username")
    coordinator = people.filter(membership__role="coordinator").first()
    leader = people.filter(membership__role="leadership").first()
    if coordinator is None or leader is None:
        return ""
    with time_machine.travel(moment, tick=False):
        if site.k != 1:
            with transaction.atomic():
                for report in ProgressReport.objects.filter(period=period, state=ProgressReport.State.SUBMITTED):
                    transition(report, "accept", coordinator, version=report.version, replay=True)
        try:
            document = issuing.consolidated_issue(period=period, by=leader)
        except (ValidationError, SigningError):
            return ""  # nothing accepted yet, a form waiting (Cẩm Giang), or no signing key on this machine
    return document.symbol


# The city's own Báo cáo of a period is issued this many days after the communes' deadline to the city.
CITY_ISSUE_AFTER = 10


def demo_city_reports(*, periods: list[CityPeriod], as_of: datetime.date) -> list[str]:
    """The city's own Báo cáo of each period far enough past: the Sở Nội vụ saves the pre-filled draft, the
    city's leader issues it. Returns the symbols issued (none again on a second run, nor without a key)."""
    from . import issuing as city_issuing
    from . import report

    officer = CityMember.objects.filter(role=CityRole.OFFICER).select_related("user").first()
    leader = CityMember.objects.filter(role=CityRole.LEADER).select_related("user").first()
    issued = []
    for city_period in periods:
        day = city_period.due_date + datetime.timedelta(days=CITY_ISSUE_AFTER)
        if officer is None or leader is None or day > as_of or city_issuing.city_documents(city_period):
            continue
        with time_machine.travel(datetime.datetime.combine(day, datetime.time(15, 0), tzinfo=TZ), tick=False):
            basis, texts, version = report.current_texts(city_period)
            texts.update(DEMO_ASSESSMENT)
            report.draft_save(city_period=city_period, basis=basis, texts=texts, version=version, by=officer.user)
            try:
                document = city_issuing.city_report_issue(city_period=city_period, by=leader.user)
            except (ValidationError, SigningError):
                continue  # no signing key on this machine
        issued.append(document.symbol)
    return issued


# What the Sở Nội vụ writes in the demo's city Báo cáo (the sections the communes' reports do not fill).
DEMO_ASSESSMENT = {
    "danh-gia": (
        "Các xã, phường, đặc khu triển khai kế hoạch thực hiện dân chủ ở cơ sở đúng tinh thần Luật số 10/2022/QH15; "
        "việc công khai thông tin và tiếp nhận phản ánh của Nhân dân được duy trì. Một số đơn vị còn gửi báo cáo "
        "chậm so với thời hạn."
    ),
    "nhiem-vu": "Tiếp tục đôn đốc các đơn vị gửi báo cáo đúng hạn; hướng dẫn cập nhật số liệu trên Cổng.",
    "kien-nghi": "Đề nghị các sở, ngành phối hợp hướng dẫn các xã, phường thực hiện các nội dung công khai.",
}
