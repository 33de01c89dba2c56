"""Keep django-celery-beat's rows in step with CELERY_BEAT_SCHEDULE: add the declared entries that have no row,
delete the rows of entries code no longer declares (the database scheduler never deletes them itself), and
leave the times and switches the administrator set in the admin — unless `--reset` asks for the declared ones."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

MARK = "CELERY_BEAT_SCHEDULE"  # rows this command manages carry it as their description; others are left alone


class Command(BaseCommand):
    help = (
        "Đồng bộ lịch chạy định kỳ (django-celery-beat) với CELERY_BEAT_SCHEDULE trong settings; chạy khi triển khai."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Chỉ in ra thay đổi.")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Đặt lại giờ chạy của các mục đã khai báo như trong settings (bỏ các thay đổi trong trang quản trị).",
        )

    def handle(self, *args, dry_run=False, reset=False, **options):
        from django_celery_beat.models import PeriodicTask
        from django_celery_beat.schedulers import ModelEntry

        from camgiang_portal.celery import app

        schedule = settings.CELERY_BEAT_SCHEDULE
        with transaction.atomic():
            for name, entry in schedule.items():
                exists = PeriodicTask.objects.filter(name=name).exists()
                if exists and not reset:
                    continue  # the administrator's row: its time and switch stay as set
                self.stdout.write(f"{'đặt lại' if exists else 'thêm'}: {name} ({entry['task']})")
                if not dry_run:
                    ModelEntry.from_entry(name, app=app, **entry)
                    PeriodicTask.objects.filter(name=name).update(description=MARK)
            stale = PeriodicTask.objects.filter(description=MARK).exclude(name__in=list(schedule))
            for name in stale.values_list("name", flat=True):
                self.stdout.write(f"xóa: {name}")
            if not dry_run:
                stale.delete()
