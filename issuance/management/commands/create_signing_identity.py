"""Make the development signing identity: a CA, the signer's and the agency's certificates, the seal."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

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
            self.stdout.write(f"Would write the development identity to {directory} (exists: {exists}).")
            return
        if exists and not options["force"]:
            self.stdout.write(f"Development identity already in {directory}; keeping it (--force makes a new one).")
        else:
            agency = options["agency_name"] or settings.SIGNING_AGENCY_NAME
            paths = signing.create_development_identity(directory, agency_name=agency, signer_name=options["signer_name"])
            self.stdout.write(self.style.SUCCESS(f"Development identity written to {directory}: {', '.join(p.name for p in paths.values())}"))
        if options["export_ca"]:
            source = directory / signing.DEV_CA
            if not source.is_file():
                raise CommandError(f"No CA certificate in {directory}.")
            shutil.copyfile(source, options["export_ca"])
            self.stdout.write(f"CA certificate exported to {options['export_ca']}")
