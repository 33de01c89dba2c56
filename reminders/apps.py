"""App configuration for reminders."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


def _ensure_default_words(sender, using="default", apps=None, **kwargs) -> None:
    from django.db import connections

    from communes.models import Commune

    from .messages import ensure_default_words
    from .models import NoticeTemplate

    tables = connections[using].introspection.table_names()
    if NoticeTemplate._meta.db_table not in tables or Commune._meta.db_table not in tables:
        return  # migrated back to zero: nothing to fill
    state = apps.get_model("reminders", "NoticeTemplate") if apps is not None else NoticeTemplate
    if "commune" not in {field.name for field in state._meta.get_fields()}:
        return  # migrated back to before each commune had its words: the table is not this code's

    # Each commune on the platform has its words; a database flushed since (a restore, a test) gets them back.
    for commune in Commune.objects.using(using).filter(on_platform=True):
        ensure_default_words(commune, using)


def _commune_saved(sender, instance, raw=False, using="default", **kwargs) -> None:
    """A commune that comes on the platform gets the default words of every notice (not while loading a backup:
    the backup holds its words)."""
    if instance.on_platform and not raw:
        from .messages import ensure_default_words

        ensure_default_words(instance, using)


class RemindersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reminders"
    verbose_name = _("Nhắc hạn báo cáo")

    def ready(self) -> None:
        post_migrate.connect(_ensure_default_words, sender=self, dispatch_uid="reminders_default_words")
        post_save.connect(_commune_saved, sender="communes.Commune", dispatch_uid="reminders_commune_words")
