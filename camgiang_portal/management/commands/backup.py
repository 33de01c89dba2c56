"""python manage.py backup OUT_DIR"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from camgiang_portal.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Sao lưu toàn bộ dữ liệu (cơ sở dữ liệu và tệp đính kèm) vào một thư mục mới."

    def add_arguments(self, parser):
        parser.add_argument("out_dir", help="Thư mục đích (mới hoặc trống)")

    def handle(self, *args, out_dir: str, **options):
        try:
            info = backup_create(out_dir=Path(out_dir))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"Đã sao lưu {info.objects} bản ghi và {info.media_files} tệp vào {info.folder}.")
        )
