"""Run the daily reminders now, in this process, and print what was sent (or would be, with --dry-run)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from communes.current import many_communes, use_commune
from reminders import services, summaries

OUTCOMES = {
    "would send": "SẼ GỬI",
    "sent": "ĐÃ GỬI",
    "cancelled": "BỎ QUA (đã nộp hoặc không có địa chỉ)",
    "skipped": "BỎ QUA (đã gửi)",
    "failed": "LỖI, sẽ gửi lại ở lần chạy sau",
}


class Command(BaseCommand):
    help = "Gửi thư nhắc hạn nộp báo cáo của hôm nay (giờ Việt Nam), như lịch chạy hằng ngày nhưng chạy ngay."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Coi hôm nay là ngày này (YYYY-MM-DD).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ in ra những thư sẽ gửi, không gửi, không ghi gì."
        )
        parser.add_argument("--digest", action="store_true", help="Gửi cả bản tổng hợp tuần cho cán bộ đầu mối.")
        parser.add_argument(
            "--leadership", action="store_true", help="Gửi cả báo cáo lãnh đạo (chỉ vào ngày sau hạn nộp)."
        )

    def handle(self, *args, today=None, dry_run=False, digest=False, leadership=False, **options):
        if today:
            try:
                day = datetime.date.fromisoformat(today)
            except ValueError as exc:
                raise CommandError("--today phải có dạng YYYY-MM-DD, ví dụ 2026-05-22.") from exc
        else:
            day = timezone.localdate()
        # As the beat does: each commune on the platform in turn, with its own settings and words.
        for commune in services.platform_communes():
            with use_commune(commune):
                if many_communes():
                    self.stdout.write(self.style.MIGRATE_HEADING(f"— {commune.name} —"))
                self._run(day, dry_run=dry_run, digest=digest, leadership=leadership)

    def _run(self, day: datetime.date, *, dry_run: bool, digest: bool, leadership: bool) -> None:
        result = services.reminders_run(today=day, dry_run=dry_run, inline=True)
        for line in result.lines:
            self.stdout.write(
                f"{OUTCOMES.get(line.outcome, line.outcome)}: {line.notice} · {line.period} · {line.body} → "
                f"{', '.join(line.recipients) or '(không có địa chỉ)'}" + (f" [{line.error}]" if line.error else "")
            )
        verb = "sẽ gửi" if dry_run else "đã gửi"
        sent = result.count("would send" if dry_run else "sent")
        self.stdout.write(self.style.SUCCESS(f"Ngày {day:%d/%m/%Y}: {verb} {sent} thư nhắc hạn."))
        if result.count("failed"):
            self.stdout.write(self.style.WARNING(f"{result.count('failed')} thư chưa gửi được (lỗi máy chủ thư)."))
        if dry_run:
            return
        if digest:
            self.stdout.write(f"Bản tổng hợp tuần: {summaries.digest_send(today=day)}")
        if leadership:
            self.stdout.write(
                f"Báo cáo lãnh đạo: {', '.join(summaries.leadership_summary_send(today=day)) or 'không có'}"
            )
