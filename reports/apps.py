"""App configuration for reports."""

from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, **kwargs) -> None:
    from plans import services

    from .roles import ROLE_PERMISSIONS

    services.role_permissions_sync(app_label="reports", table=ROLE_PERMISSIONS)


def _plan_structure_changed(sender, **kwargs) -> None:
    """The dashboard and consolidated pages are cached per reports cache generation; report writes bump it in
    services, but names, periods, areas and items they show also change elsewhere (the plans app, the admin)."""
    from . import selectors

    transaction.on_commit(selectors.cache_invalidate)


def _assignments_removed(sender, *, plan, pairs, **kwargs) -> int:
    """The plans app took items from bodies: their unsent forms follow (the rule is in reports.services)."""
    from . import services

    return services.progress_unassigned(plan=plan, pairs=pairs)


# Models whose saved rows the cached pages show (reports' own rows are bumped by services, bulk writes included).
SHOWN_MODELS = (
    "plans.Plan",
    "plans.ReportingPeriod",
    "plans.Body",
    "plans.ContentArea",
    "plans.Item",
    "reports.Indicator",
)


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = _("Báo cáo")

    def ready(self) -> None:
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="reports_sync_roles")
        from django.apps import apps

        from plans.signals import assignments_removed

        assignments_removed.connect(_assignments_removed, dispatch_uid="reports_assignments_removed")

        for label in SHOWN_MODELS:
            model = apps.get_model(label)
            for signal in (post_save, post_delete):
                signal.connect(_plan_structure_changed, sender=model, dispatch_uid=f"reports_cache_{label}_{signal}")
