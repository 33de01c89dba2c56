"""Make the development signing identity: a CA, the signer's and the agency's certificates, the seal; with
--commune/--city/--platform, each issuer's own (issuance.identities) in SIGNING_ISSUERS_DIR."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from camgiang_portal import signing
from communes.models import Commune
from issuance import agency, identities


class Command(BaseCommand):
    help = (
        "Tạo bộ chứng thư số thử nghiệm (CA, người ký, cơ quan) và con dấu trong SIGNING_DIR (ngoài kho mã). "
        "Dùng --export-ca FILE để xuất chứng thư CA mà người kiểm tra cần tin cậy. Với --commune MÃ, --city hoặc "
        "--platform: bộ chứng thư riêng của từng xã, phường và của thành phố (trong SIGNING_ISSUERS_DIR)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--export-ca", metavar="FILE", help="Ghi chứng thư CA (PEM) ra tệp này.")
        parser.add_argument("--signer-name", default="Vũ Mạnh Huy", help="Tên người ký trong chứng thư.")
        parser.add_argument("--agency-name", default=None, help="Tên cơ quan (mặc định SIGNING_AGENCY_NAME).")
        parser.add_argument("--force", action="store_true", help="Tạo lại dù đã có bộ chứng thư.")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ cho biết sẽ ghi vào đâu.")
        parser.add_argument(
            "--commune", action="append", default=[], metavar="MÃ", help="Mã xã, phường (lặp lại được)."
        )
        parser.add_argument("--city", action="store_true", help="Bộ chứng thư của thành phố.")
        parser.add_argument(
            "--platform", action="store_true", help="Mọi xã, phường trên cổng (trừ xã chủ) và thành phố."
        )
        parser.add_argument("--city-signer-name", default="", help="Tên người ký trong chứng thư của thành phố.")

    def handle(self, *args, **options):
        if options["commune"] or options["city"] or options["platform"]:
            self._issuers(options)
            return
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

    def _issuers(self, options) -> None:
        """Each issuer's own development identity; kept when it exists, unless --force."""
        if identities.real_identity_configured():
            # Unlike the home one, an issuer's identity is used as soon as it exists: a development certificate
            # must not replace a real one without the operator saying so.
            raise CommandError(
                _(
                    "Đã cấu hình chứng thư số thật (SIGNING_P12 hoặc SIGNING_PKCS11_MODULE): không tạo bộ chứng thư "
                    "thử nghiệm cho từng cơ quan; hãy đặt tệp PKCS#12 của từng cơ quan vào SIGNING_ISSUERS_DIR."
                )
            )
        issuers = self._chosen(options)
        for commune in issuers:
            name = agency.issuer_name(commune)
            directory = identities.issuer_directory(commune)
            if options["dry_run"]:
                exists = (directory / signing.DEV_SIGNER).is_file()
                self.stdout.write(
                    _("Chạy thử: %(name)s → %(dir)s (đã có: %(exists)s).")
                    % {"name": name, "dir": directory, "exists": _("có") if exists else _("chưa")}
                )
                continue
            directory, made = identities.ensure_development_identity(
                commune,
                signer_name=options["city_signer_name"] if commune is None else "",
                force=options["force"],
            )
            if made:
                self.stdout.write(
                    self.style.SUCCESS(
                        _("Đã tạo bộ chứng thư của %(name)s trong %(dir)s") % {"name": name, "dir": directory}
                    )
                )
            else:
                self.stdout.write(
                    _("%(name)s đã có bộ chứng thư trong %(dir)s; giữ nguyên (--force để tạo mới).")
                    % {"name": name, "dir": directory}
                )

    def _chosen(self, options) -> list:
        if options["platform"]:
            return identities.platform_issuers()
        chosen: list = []
        for code in options["commune"]:
            commune = Commune.objects.filter(code=code.strip()).first()
            if commune is None:
                raise CommandError(_("Không có xã, phường mã %(code)s.") % {"code": code})
            if agency.is_home(commune):
                raise CommandError(
                    _("%(name)s là xã chủ của cổng: ký bằng bộ chứng thư đã cấu hình (chạy lệnh không có --commune).")
                    % {"name": commune.name}
                )
            chosen.append(commune)
        if options["city"]:
            chosen.append(None)
        return chosen
