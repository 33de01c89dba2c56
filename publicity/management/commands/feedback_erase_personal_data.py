"""Erase name, phone and e-mail of feedback closed longer ago than FEEDBACK_RETENTION_DAYS."""

from django.core.management.base import BaseCommand

from publicity import services


class Command(BaseCommand):
    help = "Xóa họ tên, số điện thoại, thư điện tử của phản ánh đã kết thúc quá thời hạn lưu (Nghị định 13/2023)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Chỉ đếm, không xóa.")

    def handle(self, *args, dry_run: bool, **options):
        count = services.feedback_erase_expired(dry_run=dry_run)
        verb = "Sẽ xóa" if dry_run else "Đã xóa"
        self.stdout.write(
            f"{verb} thông tin cá nhân của {count} phản ánh (lưu {services.retention_days()} ngày sau khi kết thúc)."
        )
