"""App configuration for publicity."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, **kwargs) -> None:
    from plans import services

    from .roles import ROLE_PERMISSIONS

    services.role_permissions_sync(app_label="publicity", table=ROLE_PERMISSIONS)


class PublicityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "publicity"
    verbose_name = _("Công khai và phản ánh")

    def ready(self) -> None:
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="publicity_sync_roles")
