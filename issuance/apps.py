"""App configuration for issuance: numbering, signing and publishing official papers."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IssuanceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "issuance"
    verbose_name = _("Ban hành văn bản")
