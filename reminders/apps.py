"""App configuration for reminders."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_default_words(sender, using="default", **kwargs) -> None:
    from django.db import connections

    from .defaults import DEFAULTS
    from .models import NoticeTemplate

    if NoticeTemplate._meta.db_table not in connections[using].introspection.table_names():
        return  # migrated back to zero: nothing to fill

    # The data migration writes them once; a database flushed since (a restore, a test) gets them back.
    for kind, (subject, body) in DEFAULTS.items():
        NoticeTemplate.objects.using(using).get_or_create(kind=str(kind), defaults={"subject": subject, "body": body})


class RemindersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reminders"
    verbose_name = _("Nhắc hạn báo cáo")

    def ready(self) -> None:
        post_migrate.connect(_ensure_default_words, sender=self, dispatch_uid="reminders_default_words")
