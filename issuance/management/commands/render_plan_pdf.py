"""Render a plan to its official Decree-30 PDF from the command line.

Issuance's, not plans': signing it needs the issuing agency of the plan's commune (issuance.agency)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from issuance import agency
from plans.models import Plan


class Command(BaseCommand):
    help = _("Xuất kế hoạch ra tệp PDF theo thể thức Nghị định 30/2020/NĐ-CP.")

    def add_arguments(self, parser):
        # A string, so that a malformed id gets the same Vietnamese message as an unknown one.
        parser.add_argument("plan_id", metavar="PLAN_ID", help=_("Mã số (id) của kế hoạch."))
        parser.add_argument("--out", required=True, metavar="FILE", help=_("Đường dẫn tệp PDF sẽ ghi."))
        parser.add_argument(
            "--sign",
            action="store_true",
            help=_("Ký số tệp PDF (chữ ký người ký và con dấu cơ quan) bằng chứng thư số đã cấu hình."),
        )

    def handle(self, *args, plan_id: str, out: str, sign: bool = False, **options):
        # An operator tool run on the server: no user, so no permission door, only an existence check.
        plan = Plan.objects.filter(pk=int(plan_id)).first() if plan_id.strip().isdigit() else None
        if plan is None:
            raise CommandError(_("Không tìm thấy kế hoạch có mã số “%(id)s”.") % {"id": plan_id})
        target = Path(out).expanduser()
        self._check_writable(target)

        from plans.documents import plan_pdf  # WeasyPrint loads slowly; only this command needs it

        rendered = plan_pdf(plan)
        pdf = self._signed(plan, rendered) if sign else rendered.content
        self._write(target, pdf)
        self.stdout.write(
            self.style.SUCCESS(
                _("Đã ghi %(path)s (%(size)s byte): %(title)s")
                % {"path": target, "size": len(pdf), "title": plan.full_title}
            )
        )

    def _signed(self, plan: Plan, rendered) -> bytes:
        """The plan's PDF signed as issuing signs it (signing.sign_paper: the signer's stamp in the signature
        space, then the seal of its commune's agency), but neither numbered nor stored: issuing is the plan-issue
        page's."""
        from camgiang_portal import signing

        if plan.status == Plan.Status.DRAFT:
            self.stderr.write(_("Lưu ý: kế hoạch chưa ban hành (chưa có số); bản ký này chỉ để thử nghiệm."))
        try:
            return signing.sign_paper(
                rendered.content,
                signature_space=rendered.signature_box,
                signer_name=plan.signer_name,
                position=signing.position_title(plan.sign_position),
                agency_name=agency.agency_name(plan.commune),
                location=agency.signing_location(plan.commune),
                issuer=agency.issuer_key(plan.commune),
            )
        except signing.SigningError as exc:
            raise CommandError(str(exc)) from exc

    def _check_writable(self, target: Path) -> None:
        """Fail before the render, not after it, when the file cannot be written."""
        folder = target.parent
        if target.is_dir():
            raise CommandError(_("Không ghi được tệp %(path)s: đây là một thư mục.") % {"path": target})
        if not folder.is_dir():
            message = _("Không ghi được tệp %(path)s: thư mục %(folder)s không tồn tại.")
            raise CommandError(message % {"path": target, "folder": folder})
        if not os.access(folder, os.W_OK | os.X_OK) or (target.exists() and not os.access(target, os.W_OK)):
            raise CommandError(_("Không ghi được tệp %(path)s: không có quyền ghi.") % {"path": target})

    def _write(self, target: Path, pdf: bytes) -> None:
        # Write beside the target and rename, so a failed write never leaves half a PDF behind.
        try:
            fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=".render-plan-", suffix=".pdf")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(pdf)
                    os.fchmod(handle.fileno(), 0o644)  # mkstemp's 0600 would hide the PDF from the web server
                os.replace(temp_name, target)
            except BaseException:
                Path(temp_name).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise CommandError(
                _("Không ghi được tệp %(path)s: %(reason)s") % {"path": target, "reason": exc.strerror or exc}
            ) from exc
