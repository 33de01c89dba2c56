"""Make the development signing identity: a CA, the signer's and the agency's certificates, the seal."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from camgiang_portal import signing


class Command(BaseCommand):
    help = (
        "Tạo bộ chứng thư số thử nghiệm (CA, người ký, cơ quan) và con dấu trong SIGNING_DIR (ngoài kho mã). "
        "Dùng --export-ca FILE để xuất chứng thư CA mà người kiểm tra cần tin cậy."
    )

    def add_arguments(self, parser):
        parser.add_argument("--export-ca", metavar="FILE", help="Ghi chứng thư CA (PEM) ra tệp này.")
        parser.add_argument("--signer-name", default="Vũ Mạnh Huy", help="Tên người ký trong chứng thư.")
        parser.add_argument("--agency-name", default=None, help="Tên cơ quan (mặc định SIGNING_AGENCY_NAME).")
        parser.add_argument("--force", action="store_true", help="Tạo lại dù đã có bộ chứng thư.")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ cho biết sẽ ghi vào đâu.")

    def handle(self, *args, **options):
        directory = Path(settings.SIGNING_DIR)
        exists = (directory / signing.DEV_SIGNER).is_file()
        if options["dry_run"]:
            self.stdout.write(
                _("Chạy thử: sẽ ghi bộ chứng thư thử nghiệm vào %(dir)s (đã có: %(exists)s).")
                % {"dir": directory, "exists": _("có") if exists else _("chưa")}
            )
            return
        if exists and not options["force"]:
            self.stdout.write(
                _("Đã có bộ chứng thư thử nghiệm trong %(dir)s; giữ nguyên (--force để tạo mới).") % {"dir": directory}
            )
        else:
            agency = options["agency_name"] or settings.SIGNING_AGENCY_NAME
            paths = signing.create_development_identity(
                directory, agency_name=agency, signer_name=options["signer_name"]
            )
            names = ", ".join(path.name for path in paths.values())
            self.stdout.write(
                self.style.SUCCESS(
                    _("Đã tạo bộ chứng thư thử nghiệm trong %(dir)s: %(names)s") % {"dir": directory, "names": names}
                )
            )
        if options["export_ca"]:
            source = directory / signing.DEV_CA
            if not source.is_file():
                raise CommandError(_("Không có chứng thư CA trong %(dir)s.") % {"dir": directory})
            try:
                shutil.copyfile(source, options["export_ca"])
            except OSError as exc:
                raise CommandError(
                    _("Không ghi được %(path)s: %(reason)s")
                    % {"path": options["export_ca"], "reason": exc.strerror or exc}
                ) from exc
            self.stdout.write(_("Đã xuất chứng thư CA ra %(path)s") % {"path": options["export_ca"]})
