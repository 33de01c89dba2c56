"""python manage.py commune_export CODE OUT_DIR"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from camgiang_portal.archive import ArchiveError
from camgiang_portal.commune_export import commune_export


class Command(BaseCommand):
    help = _(
        "Xuất toàn bộ dữ liệu của một xã, phường, đặc khu (bản ghi, tài khoản, tệp đính kèm) vào một thư mục mới, "
        "để khôi phục bằng lệnh restore trên máy chủ riêng của xã (PLATFORM_HOME_COMMUNE là mã của xã)."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help=_("Mã đơn vị hành chính của xã, phường, đặc khu"))
        parser.add_argument("out_dir", help=_("Thư mục đích (mới hoặc trống)"))
        parser.add_argument("--dry-run", action="store_true", help=_("Chỉ cho biết sẽ xuất bao nhiêu, không ghi."))

    def handle(self, *args, code: str, out_dir: str, dry_run: bool, **options):
        try:
            info = commune_export(code=code, out_dir=Path(out_dir), dry_run=dry_run)
        except ArchiveError as exc:
            raise CommandError(str(exc)) from exc
        values = {
            "name": info.commune.name,
            "objects": info.objects,
            "users": info.users,
            "files": info.media_files,
            "folder": info.folder,
            "code": info.commune.code,
        }
        if dry_run:
            self.stdout.write(
                _("%(name)s: sẽ xuất %(objects)s bản ghi (%(users)s tài khoản) và %(files)s tệp (chạy thử, chưa ghi).")
                % values
            )
            return
        for name in info.missing_media:
            self.stderr.write(_("Không tìm thấy tệp %(name)s: bản ghi vẫn được xuất, tệp thì không.") % {"name": name})
        self.stdout.write(
            self.style.SUCCESS(
                _("Đã xuất %(name)s: %(objects)s bản ghi (%(users)s tài khoản) và %(files)s tệp vào %(folder)s.")
                % values
            )
        )
        self.stdout.write(
            _("Khôi phục trên máy chủ riêng (PLATFORM_HOME_COMMUNE=%(code)s): manage.py restore %(folder)s") % values
        )
