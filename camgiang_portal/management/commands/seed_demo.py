"""The one entry point for demo data: bodies and accounts, the seed plan, and reports, as of a day; on a platform
of many communes, each commune's, then the city's. In the composition root: it seeds every app."""

import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from communes.current import many_communes, use_commune
from issuance import identities
from plans import demo as plans_demo
from publicity import demo as publicity_demo

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
MAX_COMMUNES = 200  # Hải Phòng has 114; the largest province fewer than 200


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--as-of phải là ngày dạng YYYY-MM-DD, ví dụ 2026-07-15 (nhận được: {value!r}).") from None


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu mẫu (idempotent): cơ quan, tài khoản demo, kế hoạch 2026; với --reports, các báo cáo tiến độ "
        "như tại ngày chạy (hoặc --as-of), kế hoạch và báo cáo năm 2025 để so sánh."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="Nhân số thôn và phòng lên N lần (cho benchmark).")
        parser.add_argument("--reports", action="store_true", help="Điền báo cáo mẫu của các đơn vị theo ngày.")
        parser.add_argument(
            "--as-of",
            type=_date,
            default=None,
            dest="as_of",
            help="Dữ liệu mẫu như tại ngày này (YYYY-MM-DD); mặc định là hôm nay (giờ Việt Nam).",
        )
        parser.add_argument(
            "--communes",
            type=int,
            default=1,
            help="Số xã, phường có dữ liệu mẫu: Cẩm Giang trước, rồi các đơn vị tiếp theo (cổng nhiều xã).",
        )

    def handle(self, *args, scale: int, reports: bool, as_of: datetime.date | None, communes: int, **options):
        password = settings.DEMO_PASSWORD
        if not password:
            # A production-mode server never gets a known default password.
            raise CommandError("DEBUG đang tắt: hãy đặt biến môi trường DEMO_PASSWORD trước khi tạo dữ liệu mẫu.")
        if scale < 1 or scale > 100:
            raise CommandError("--scale phải từ 1 đến 100.")
        if communes < 1 or communes > MAX_COMMUNES:
            raise CommandError(f"--communes phải từ 1 đến {MAX_COMMUNES}.")
        if communes > 1 and not many_communes():
            raise CommandError("--communes lớn hơn 1 cần cổng nhiều xã: đặt PLATFORM_COMMUNES=many.")
        as_of = as_of or timezone.localdate()
        sites = plans_demo.demo_sites(communes)
        for site in sites:
            with use_commune(site.commune):
                self._seed(site, password=password, scale=scale, reports=reports, as_of=as_of)
        if many_communes():
            self._seed_city(sites, password=password, reports=reports, as_of=as_of)

    def _seed_city(self, sites, *, password: str, reports: bool, as_of: datetime.date) -> None:
        """The city above the communes: its accounts, its periods, and (with --reports) the Báo cáo received."""
        from city import demo as city_demo

        self.stdout.write(self.style.MIGRATE_HEADING("Thành phố:"))
        city_demo.demo_city_accounts(password=password)
        self._identities([None], city_signer_name=city_demo.demo_city_signer_name())
        periods = city_demo.demo_city_periods(plans_demo.demo_plan(sites[0]).year)
        self.stdout.write(
            self.style.SUCCESS(f"Tài khoản thành phố: thanhpho, lanhdaothanhpho; {len(periods)} kỳ báo cáo.")
        )
        if reports:
            issued = city_demo.demo_city_receipts(sites=sites, periods=periods, as_of=as_of)
            self.stdout.write(f"Báo cáo đã ban hành gửi thành phố: {len(issued)}.")
            own = city_demo.demo_city_reports(periods=periods, as_of=as_of)
            self.stdout.write(f"Báo cáo của thành phố đã ban hành: {', '.join(own) or 'chưa có'}.")

    def _identities(self, issuers, *, city_signer_name: str = "") -> None:
        """Each issuer's development identity, when the deployment signs with the development one."""
        for directory in identities.ensure_development_identities(issuers, city_signer_name=city_signer_name):
            self.stdout.write(f"Bộ chứng thư thử nghiệm riêng: {directory}.")

    def _seed(self, site, *, password: str, scale: int, reports: bool, as_of: datetime.date) -> None:
        """One commune's demo: its bodies and accounts, its plan, its forms, its public site."""
        self.stdout.write(self.style.MIGRATE_HEADING(f"{site.commune.name}:"))
        # The commune's accounts and its plan existed before the year's work began: dated early in January
        # (or on the demo's day, if that is earlier), never after it.
        setup = datetime.datetime.combine(min(as_of, datetime.date(as_of.year, 1, 5)), datetime.time(7, 30), tzinfo=TZ)
        with time_machine.travel(min(setup, timezone.now()), tick=False):
            counts = plans_demo.demo_bodies_and_users(password=password, scale=scale, site=site)
            plan = plans_demo.demo_plan(site)
        # Before anything is issued: the commune's papers carry certificates naming its own People's Committee.
        self._identities([site.commune])
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã tạo dữ liệu mẫu: {counts['bodies']} cơ quan, {counts['users']} tài khoản, kế hoạch năm "
                f"{plan.year}."
            )
        )
        if reports:
            from reports import demo as reports_demo

            last = reports_demo.demo_last_year(plan=plan, scale=scale, as_of=as_of)
            filled = reports_demo.demo_reports(plan=plan, scale=scale, as_of=as_of)
            summary = ", ".join(f"{key}: {value}" for key, value in sorted(filled.items())) or "không có gì mới"
            self.stdout.write(
                self.style.SUCCESS(
                    f"Đã tạo báo cáo mẫu tính đến ngày {as_of:%d/%m/%Y} ({summary}); "
                    f"năm {plans_demo.LAST_YEAR}: {sum(last.values())} báo cáo."
                )
            )
        added = publicity_demo.demo_publicity(as_of=as_of, site=site)
        self.stdout.write(
            f"Công khai: thêm {added['disclosures']} nội dung; lịch tiếp công dân: thêm {added['reception']} buổi; "
            f"phản ánh: thêm {added['feedback']}."
        )
        publicity_demo.demo_portal_figures(as_of=as_of)
        if reports:
            from consolidation import demo as consolidation_demo

            if consolidation_demo.demo_draft(plan=plan, as_of=as_of):
                self.stdout.write("Báo cáo 6 tháng: cán bộ đầu mối đã soạn dự thảo.")
