"""Writes of the communes app: the official list into `Commune` rows, and the home commune.

Deployment plumbing that acts for nobody (migrations, commands, the seed call it), like plans' group sync:
the list is public data and loading it grants nothing. Putting a commune on the platform, which creates
accounts, is `plans.onboarding.commune_onboard`, which authorises.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from . import official
from .models import Commune

# What the official list owns on a row; slug, host and on_platform are the platform's and never overwritten.
OFFICIAL_FIELDS = ("name", "kind", "province_code", "province_name")


class CommuneError(Exception):
    """A refused request about communes, with its Vietnamese reason."""


@dataclass
class SyncResult:
    province: official.OfficialProvince
    created: int = 0
    updated: int = 0
    unlisted: int = 0
    unchanged: int = 0


def _free_slug(unit: official.OfficialUnit, taken: set[str]) -> str:
    slug = unit.slug if unit.slug not in taken else f"{unit.slug}-{unit.code}"
    taken.add(slug)
    return slug


@transaction.atomic
def official_sync(*, province_code: str | None = None) -> SyncResult:
    """Create or update a row for every unit of the province's official list; idempotent.

    A row whose unit left the list is kept and marked `in_official_list=False` (its bodies and reports stay);
    a unit that comes back is marked again. Raises CommuneError for a code that is no province."""
    province_code = province_code or settings.PLATFORM_PROVINCE
    province = official.province(province_code)
    units = official.units(province_code)
    if province is None or not units:
        raise CommuneError(
            _("Không có tỉnh, thành phố mã “%(code)s” trong danh mục đơn vị hành chính.") % {"code": province_code}
        )
    result = SyncResult(province=province)
    codes = [unit.code for unit in units]
    rows = Commune.objects.select_for_update().filter(Q(code__in=codes) | Q(province_code=province.code))
    existing = {row.code: row for row in rows}
    taken = set(Commune.objects.values_list("slug", flat=True))
    for unit in units:
        row = existing.get(unit.code)
        if row is None:
            Commune.objects.create(code=unit.code, slug=_free_slug(unit, taken), **_official_values(unit))
            result.created += 1
            continue
        wanted = {**_official_values(unit), "in_official_list": True}
        if all(getattr(row, field) == value for field, value in wanted.items()):
            result.unchanged += 1
            continue
        for field, value in wanted.items():
            setattr(row, field, value)
        row.save()  # one by one, so the history keeps what the list changed
        result.updated += 1
    for row in existing.values():
        if row.code not in codes and row.in_official_list:
            row.in_official_list = False
            row.save()
            result.unlisted += 1
    return result


def _official_values(unit: official.OfficialUnit) -> dict[str, str]:
    return {field: getattr(unit, field) for field in OFFICIAL_FIELDS}


def commune_for_code(code: str) -> Commune | None:
    """The row of an official code of the platform's province, loading the list first if the row is missing."""
    normalised = official.normalise_code(code)
    if normalised is None:
        return None
    commune = Commune.objects.filter(code=normalised).first()
    if commune is None and official.unit(settings.PLATFORM_PROVINCE, normalised) is not None:
        official_sync()
        commune = Commune.objects.filter(code=normalised).first()
    return commune


def home_commune() -> Commune:
    """The commune that code not yet scoped by commune acts for (the plan importer, the admin's body import, the
    demo): `PLATFORM_HOME_COMMUNE`, loaded from the official list if missing and always on the platform."""
    commune = commune_for_code(settings.PLATFORM_HOME_COMMUNE)
    if commune is None:
        raise ImproperlyConfigured(
            f"PLATFORM_HOME_COMMUNE={settings.PLATFORM_HOME_COMMUNE!r} is no unit of PLATFORM_PROVINCE="
            f"{settings.PLATFORM_PROVINCE!r} in the official list."
        )
    if not commune.on_platform:
        commune.on_platform = True
        commune.save(update_fields=["on_platform", "updated_at"])
    return commune
