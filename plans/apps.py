"""App configuration for plans."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, **kwargs) -> None:
    from . import services
    from .roles import ROLE_PERMISSIONS

    services.role_permissions_sync(app_label="plans", table=ROLE_PERMISSIONS)


class PlansConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "plans"
    verbose_name = _("Kế hoạch")

    def ready(self) -> None:
        # Role groups must exist on every database, including the test database, right after migrate.
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="plans_sync_roles")
