"""python manage.py restore IN_DIR"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from camgiang_portal.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Khôi phục dữ liệu từ bản sao lưu (thay thế toàn bộ dữ liệu hiện có)."

    def add_arguments(self, parser):
        parser.add_argument("in_dir", help="Thư mục bản sao lưu")
        parser.add_argument("--no-input", action="store_true", help="Không hỏi xác nhận")

    def handle(self, *args, in_dir: str, no_input: bool, **options):
        if not no_input:
            answer = input("Mọi dữ liệu hiện có sẽ bị thay thế. Gõ 'dong y' để tiếp tục: ")
            if answer.strip().lower() != "dong y":
                raise CommandError("Đã hủy.")
        try:
            info = backup_restore(in_dir=Path(in_dir))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"Đã khôi phục {info.objects} bản ghi và {info.media_files} tệp từ {info.folder}.")
        )
