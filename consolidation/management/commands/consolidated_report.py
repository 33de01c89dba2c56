"""Build the consolidated report of a period as PDF or XLSX from the command line."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from consolidation import papers
from plans.models import ReportingPeriod

from ... import exports

PERIODS = ("6thang", "9thang", "canam")


class Command(BaseCommand):
    help = (
        "Xuất Báo cáo của một kỳ như đang có (dự thảo đã lưu, nếu chưa lưu thì bản soạn sẵn): consolidated_report "
        "NĂM KỲ --format pdf|xlsx|docx --out TỆP (KỲ: 6thang, 9thang, canam)."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("period", choices=PERIODS)
        parser.add_argument("--format", choices=["pdf", "xlsx", "docx"], default="pdf")
        parser.add_argument("--out", required=True)

    def handle(self, *args, year: int, period: str, format: str, out: str, **options):
        # The plan in force for the year: issued before draft, newest first (as plans.selectors.plan_current).
        found = (
            ReportingPeriod.objects.filter(plan__year=year, code=period)
            .exclude(plan__status="superseded")
            .select_related("plan")
            .order_by("-plan__status", "-plan__created_at")
            .first()
        )
        if found is None:
            raise CommandError(f"Không có kỳ báo cáo {period} của kế hoạch năm {year}.")
        build = {"pdf": papers.consolidated_pdf, "docx": papers.consolidated_docx, "xlsx": exports.consolidated_xlsx}
        content = build[format](found)
        Path(out).write_bytes(content)
        self.stdout.write(self.style.SUCCESS(f"Đã ghi {len(content)} byte vào {out}."))
