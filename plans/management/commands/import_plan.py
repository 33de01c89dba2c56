"""Import a plan from its text (.md/.txt) or Word (.docx) file."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from camgiang_portal.actors import SYSTEM
from communes.current import many_communes, use_commune
from communes.models import Commune
from communes.services import commune_for_code, home_commune
from plans.parsing import PlanParseError
from plans.services import PlanImportError, plan_import

MAX_BYTES = 5 * 1024 * 1024


class Command(BaseCommand):
    help = "Nhập kế hoạch thực hiện dân chủ ở cơ sở từ văn bản (.md, .txt) hoặc tệp Word (.docx), trong một giao dịch."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Đường dẫn tệp kế hoạch")
        parser.add_argument("--year", type=int, help="Năm kế hoạch (mặc định: lấy từ tên kế hoạch)")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ đọc và kiểm tra, không ghi gì")
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON (cảnh báo in ra stderr)")
        parser.add_argument("--replace", action="store_true", help="Thay thế bản dự thảo cùng năm nếu đã có")
        parser.add_argument(
            "--commune",
            metavar="MÃ",
            help="Mã đơn vị hành chính của xã, phường có kế hoạch (cổng nhiều xã; mặc định: xã của cổng một xã)",
        )

    def handle(self, *args, path: str, year: int | None, dry_run: bool, json: bool, replace: bool, **options):
        commune = _commune(options.get("commune"))
        with use_commune(commune):
            self._import(path, year=year, dry_run=dry_run, as_json=json, replace=replace)

    def _import(self, path: str, *, year: int | None, dry_run: bool, as_json: bool, replace: bool) -> None:
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"Không tìm thấy tệp: {path}")
        if file.stat().st_size > MAX_BYTES:
            raise CommandError(f"Tệp quá lớn (tối đa {MAX_BYTES // (1024 * 1024)} MB): {path}")
        if year is not None and not 2000 <= year <= 2100:
            raise CommandError("--year phải là năm từ 2000 đến 2100.")
        try:
            # An operator at the command line: the system actor, named, not a user the service could check.
            result = plan_import(
                source=file.read_bytes(), filename=file.name, year=year, dry_run=dry_run, replace=replace, by=SYSTEM
            )
        except PlanParseError as exc:
            raise CommandError(f"{file.name}: {exc.message}") from exc
        except PlanImportError as exc:
            raise CommandError(exc.message) from exc
        for warning in result.warnings:
            self.stderr.write(f"Cảnh báo: {warning}")
        summary = result.summary()
        if as_json:
            self.stdout.write(_dumps(summary))
            return
        verb = "Kiểm tra (không ghi)" if dry_run else "Đã nhập"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb}: kế hoạch năm {summary['year']} (mã {summary['plan_id']}): {summary['areas']} nội dung, "
                f"{summary['items']} nhiệm vụ {summary['items_per_area']}, {summary['bodies']} cơ quan, "
                f"{summary['assignments']} phân công, {summary['legal_bases']} căn cứ, "
                f"{summary['recipients']} nơi nhận; "
                f"hạn báo cáo {', '.join(summary['deadlines'])}; người ký {summary['signer']}."
            )
        )


def _commune(code: str | None) -> Commune | None:
    """The commune named by --commune (on the platform), else the one-commune deployment's own (None: the
    importer then refuses, a many-commune deployment having no commune of its own)."""
    if code is None:
        return None if many_communes() else home_commune()
    commune = commune_for_code(code)
    if commune is None or not commune.on_platform:
        raise CommandError(f"Không có xã, phường mã “{code}” trên cổng (thêm bằng: manage.py commune_add {code}).")
    return commune


def _dumps(summary: dict) -> str:
    return json.dumps(summary, ensure_ascii=False)
