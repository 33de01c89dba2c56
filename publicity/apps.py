"""App configuration for publicity."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, using="default", **kwargs) -> None:
    from plans import services

    from .roles import ROLE_PERMISSIONS, body_permissions_sync

    services.role_permissions_sync(app_label="publicity", table=ROLE_PERMISSIONS)
    body_permissions_sync(using=using)


def _body_saved(sender, instance, raw=False, **kwargs) -> None:
    # A body's group is made when the body is first given one (plans.services.body_group_sync), after migrate.
    if raw:
        return
    from .roles import body_permissions_grant

    body_permissions_grant(instance)


class PublicityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "publicity"
    verbose_name = _("Công khai và phản ánh")

    def ready(self) -> None:
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="publicity_sync_roles")
        post_save.connect(_body_saved, sender="plans.Body", dispatch_uid="publicity_body_permissions")
