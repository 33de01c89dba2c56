"""The beat scheduler: django-celery-beat's database scheduler, minus its habit of rewriting edited rows.

Stock DatabaseScheduler copies CELERY_BEAT_SCHEDULE over the rows every time beat starts, so an hour the
administrator changed in the admin would silently come back after the next restart. Here code only adds
the entries that have no row yet; a row, once there, is the administrator's (`sync_beat_schedule --reset`
puts the declared times back on purpose).
"""

from __future__ import annotations

from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import DatabaseScheduler


class PortalDatabaseScheduler(DatabaseScheduler):
    def update_from_dict(self, mapping):
        existing = set(PeriodicTask.objects.filter(name__in=list(mapping)).values_list("name", flat=True))
        super().update_from_dict({name: entry for name, entry in mapping.items() if name not in existing})
