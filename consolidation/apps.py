"""App configuration for consolidation: what the forms add up to, above the forms' lifecycle (reports).

consolidation imports reports, never the reverse. It has no models yet: the rows it reads and writes (ExportJob,
ConsolidatedIssue, PortalFigure) are in reports.models."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsolidationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "consolidation"
    verbose_name = _("Báo cáo tổng hợp")
