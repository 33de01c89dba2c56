from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

# Rows the city's cached pages show besides the reports' own (whose writes bump the reports' generation): a
# commune's issued paper is its report to the city; a commune joins or leaves the platform; the city's periods.
SHOWN_MODELS = ("issuance.IssuedDocument", "communes.Commune", "city.CityPeriod")


def _shown_changed(sender, **kwargs) -> None:
    from . import fragments

    transaction.on_commit(fragments.invalidate)


class CityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "city"
    verbose_name = _("Thành phố")

    def ready(self) -> None:
        from django.apps import apps

        for label in SHOWN_MODELS:
            for signal in (post_save, post_delete):
                uid = f"city_cache_{label}_{signal}"
                signal.connect(_shown_changed, sender=apps.get_model(label), dispatch_uid=uid)
