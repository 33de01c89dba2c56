"""Load or update the commune-level units of the platform's province from the official list."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from communes import services


class Command(BaseCommand):
    help = _(
        "Nạp (hoặc cập nhật) danh mục xã, phường, đặc khu của tỉnh, thành phố từ danh mục chính thức "
        "(gói vietnam-provinces); chạy lại không thay đổi gì; đơn vị không còn trong danh mục được giữ và đánh dấu."
    )

    def add_arguments(self, parser):
        parser.add_argument("--province", default=None, help=_("Mã tỉnh, thành phố; mặc định PLATFORM_PROVINCE."))
        parser.add_argument("--dry-run", action="store_true", help=_("Chỉ cho biết sẽ thay đổi gì, không ghi."))

    def handle(self, *args, province: str | None, dry_run: bool, **options):
        with transaction.atomic():
            try:
                result = services.official_sync(province_code=province)
            except services.CommuneError as exc:
                raise CommandError(str(exc)) from exc
            if dry_run:
                transaction.set_rollback(True)
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "%(province)s: thêm %(created)s, cập nhật %(updated)s, không đổi %(unchanged)s, "
                    "không còn trong danh mục %(unlisted)s%(dry)s."
                )
                % {
                    "province": result.province.name,
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                    "unlisted": result.unlisted,
                    "dry": _(" (chạy thử, chưa ghi)") if dry_run else "",
                }
            )
        )
