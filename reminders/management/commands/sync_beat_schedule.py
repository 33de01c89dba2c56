"""Make django-celery-beat's rows match CELERY_BEAT_SCHEDULE: add or update the declared entries, delete
the rows of entries that code no longer declares (the database scheduler never deletes them itself)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

MARK = "CELERY_BEAT_SCHEDULE"  # rows this command manages carry it as their description; others are left alone


class Command(BaseCommand):
    help = "Đồng bộ lịch chạy định kỳ (django-celery-beat) với CELERY_BEAT_SCHEDULE trong settings; chạy khi triển khai."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Chỉ in ra thay đổi.")

    def handle(self, *args, dry_run=False, **options):
        from django_celery_beat.models import PeriodicTask
        from django_celery_beat.schedulers import ModelEntry

        from camgiang_portal.celery import app

        schedule = settings.CELERY_BEAT_SCHEDULE
        with transaction.atomic():
            for name, entry in schedule.items():
                exists = PeriodicTask.objects.filter(name=name).exists()
                self.stdout.write(f"{'cập nhật' if exists else 'thêm'}: {name} ({entry['task']})")
                if not dry_run:
                    ModelEntry.from_entry(name, app=app, **entry)
                    PeriodicTask.objects.filter(name=name).update(description=MARK)
            stale = PeriodicTask.objects.filter(description=MARK).exclude(name__in=list(schedule))
            for name in stale.values_list("name", flat=True):
                self.stdout.write(f"xóa: {name}")
            if not dry_run:
                stale.delete()
