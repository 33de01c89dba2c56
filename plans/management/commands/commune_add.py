"""Put a commune (xã, phường, đặc khu) of the official list on the platform, with its first accounts."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from camgiang_portal.actors import SYSTEM
from communes.services import CommuneError
from plans.models import Role
from plans.onboarding import commune_onboard


class Command(BaseCommand):
    help = _(
        "Đưa một xã, phường, đặc khu (theo mã đơn vị hành chính chính thức) lên cổng: tạo cơ quan lãnh đạo UBND, "
        "Phòng Văn hóa – Xã hội (đầu mối) và tài khoản của mỗi cơ quan, in mật khẩu một lần."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help=_("Mã đơn vị hành chính cấp xã, ví dụ 10888 (Xã Cẩm Giang)."))
        parser.add_argument("--leader", default=None, help=_("Tên đăng nhập của lãnh đạo (mặc định <slug>.lanhdao)."))
        parser.add_argument(
            "--coordinator", default=None, help=_("Tên đăng nhập của cán bộ đầu mối (mặc định <slug>.vanhoaxahoi).")
        )
        parser.add_argument("--dry-run", action="store_true", help=_("Chỉ kiểm tra và cho biết sẽ tạo gì, không ghi."))

    def handle(self, *args, code: str, leader: str | None, coordinator: str | None, dry_run: bool, **options):
        usernames = {Role.LEADERSHIP: leader, Role.COORDINATOR: coordinator}
        # A development server uses the demo's password; a production one gets random ones, shown only here.
        password = settings.DEMO_PASSWORD if settings.DEBUG and settings.DEMO_PASSWORD else None
        with transaction.atomic():
            try:
                result = commune_onboard(code=code, by=SYSTEM, usernames=usernames, password=password)
            except (CommuneError, PermissionDenied) as exc:
                raise CommandError(str(exc) or _("Không được phép.")) from exc
            if dry_run:
                transaction.set_rollback(True)
        commune = result.commune
        if not result.added:
            self.stdout.write(_("%(name)s (mã %(code)s) đã có trên cổng: không thay đổi gì.") % _names(commune))
            return
        self.stdout.write(
            self.style.SUCCESS(
                (
                    _("Chạy thử (chưa ghi): sẽ đưa %(name)s (mã %(code)s) lên cổng.")
                    if dry_run
                    else _("Đã đưa %(name)s (mã %(code)s) lên cổng.")
                )
                % _names(commune)
            )
        )
        for account in result.accounts:
            self.stdout.write(
                _("  %(body)s [%(body_code)s]: tài khoản %(username)s (%(role)s)%(password)s")
                % {
                    "body": account.body.name,
                    "body_code": account.body.code,
                    "username": account.username,
                    "role": Role(account.role).label,
                    "password": _password_note(account.password, dry_run=dry_run, demo=password is not None),
                }
            )
        if not dry_run:
            # plans sits below issuance (layers): it cannot make the identity itself, so it says how.
            self.stdout.write(
                _(
                    "Chữ ký số: đặt chứng thư số của xã, phường vào SIGNING_ISSUERS_DIR/%(code)s (khi thử nghiệm: "
                    "chạy lệnh create_signing_identity --commune %(code)s); đến lúc đó xã, phường chưa ban hành được "
                    "văn bản có ký số."
                )
                % _names(commune)
            )
        if not dry_run and password is None:
            self.stdout.write(_("Mật khẩu chỉ in ra lần này: trao tận tay và đề nghị đổi ngay sau lần đăng nhập đầu."))


def _names(commune) -> dict[str, str]:
    return {"name": commune.name, "code": commune.code}


def _password_note(secret: str, *, dry_run: bool, demo: bool) -> str:
    if dry_run:
        return ""
    if demo:
        return _(", mật khẩu demo (DEMO_PASSWORD)")
    return _(", mật khẩu một lần: %(password)s") % {"password": secret}
