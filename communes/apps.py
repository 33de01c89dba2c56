"""App configuration for communes."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "communes"
    verbose_name = _("Xã, phường")
