"""Create the forms every assigned body owes for every period of a plan (after import or reassignment)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from camgiang_portal.actors import SYSTEM
from plans import selectors as plans_selectors
from plans.models import Plan

from ... import services


class Command(BaseCommand):
    help = "Tạo báo cáo phải nộp cho mọi đơn vị được phân công × mọi kỳ báo cáo của kế hoạch (chạy lại an toàn)."

    def add_arguments(self, parser):
        parser.add_argument("--plan", type=int, help="Mã kế hoạch; mặc định là kế hoạch đang thực hiện.")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ đếm, không ghi.")

    def handle(self, *args, plan: int | None, dry_run: bool, **options):
        found = Plan.objects.filter(pk=plan).first() if plan else plans_selectors.plan_current()
        if found is None:
            raise CommandError("Không tìm thấy kế hoạch.")
        with transaction.atomic():
            created = services.report_expected_generate(plan=found, by=SYSTEM)
            if dry_run:
                transaction.set_rollback(True)
        verb = "Sẽ tạo" if dry_run else "Đã tạo"
        self.stdout.write(self.style.SUCCESS(f"{verb} {created} báo cáo cho {found.full_title}."))
