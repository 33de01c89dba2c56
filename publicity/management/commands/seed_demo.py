"""The one entry point for demo data: bodies and accounts, the seed plan, and reports."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from plans import demo as plans_demo
from publicity import demo as publicity_demo
from publicity import services as publicity_services


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu (idempotent): cơ quan, tài khoản demo, kế hoạch 2026, báo cáo 6 tháng (--reports)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="Nhân số thôn và phòng lên N lần (cho benchmark).")
        parser.add_argument("--reports", action="store_true", help="Điền báo cáo 6 tháng mẫu của các đơn vị.")

    def handle(self, *args, scale: int, reports: bool, **options):
        password = settings.DEMO_PASSWORD
        if not password:
            # A production-mode server never gets a known default password.
            raise CommandError("DEBUG đang tắt: hãy đặt biến môi trường DEMO_PASSWORD trước khi tạo dữ liệu mẫu.")
        if scale < 1 or scale > 100:
            raise CommandError("--scale phải từ 1 đến 100.")
        counts = plans_demo.demo_bodies_and_users(password=password, scale=scale)
        plan = plans_demo.demo_plan()
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã tạo dữ liệu mẫu: {counts['bodies']} cơ quan, {counts['users']} tài khoản, kế hoạch năm {plan.year}."
            )
        )
        if reports:
            from reports import demo as reports_demo

            filled = reports_demo.demo_reports(plan=plan, scale=scale)
            summary = ", ".join(f"{key}: {value}" for key, value in sorted(filled.items()))
            self.stdout.write(self.style.SUCCESS(f"Đã tạo báo cáo mẫu kỳ 6 tháng ({summary})."))
        added = publicity_demo.demo_publicity()
        self.stdout.write(
            f"Công khai: thêm {added['disclosures']} nội dung; lịch tiếp công dân: thêm {added['reception']} buổi; "
            f"phản ánh: thêm {added['feedback']}."
        )
        publicity_services.portal_figures_push()
