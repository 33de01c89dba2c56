"""The standard figures' units and relations: the seed gives each its unit and bases, and the data migration
fills them in on plans seeded before (reports/migrations/0009_indicator_units_and_bases)."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from reports import services
from reports.models import Indicator

pytestmark = pytest.mark.django_db
fill = importlib.import_module("reports.migrations.0009_indicator_units_and_bases").fill


def _of(plan) -> dict[str, Indicator]:
    return {
        i.code: i for i in Indicator.objects.filter(item__area__plan=plan) | Indicator.objects.filter(area__plan=plan)
    }


def test_every_seeded_figure_has_its_unit_and_its_bases(plan):
    seeded = _of(plan)
    assert all(seeded[s.code].unit for s in services.SEED_INDICATORS)
    assert seeded["ho-tham-du"].percent_of == seeded["tong-so-ho"] == seeded["ho-tham-du"].not_above
    assert seeded["ho-tan-thanh"].not_above == seeded["ho-tham-du"]
    assert seeded["don-giai-quyet"].not_above == seeded["don-tiep-nhan"]
    assert seeded["don-giai-quyet"].percent_of == seeded["don-thuoc-tham-quyen"]
    assert seeded["hoi-nghi"].percent_of is None


def test_seeding_again_keeps_what_the_coordinator_set(plan):
    own = _of(plan)["ho-tham-du"]
    own.percent_of = None
    own.unit = "lượt hộ"
    own.save()
    assert services.indicators_seed(plan=plan) == len(services.SEED_INDICATORS)
    own.refresh_from_db()
    assert own.unit == "lượt hộ" and own.percent_of.code == "tong-so-ho"  # only the missing base is filled


def test_the_migration_fills_units_and_bases_of_plans_seeded_before(plan):
    seeded = _of(plan)
    # A plan as the old seed left it: no "đơn thuộc thẩm quyền", no bases, a unit lost.
    seeded["don-thuoc-tham-quyen"].delete()
    Indicator.objects.filter(pk__in=[i.pk for i in seeded.values()]).update(percent_of=None)
    Indicator.objects.filter(pk=seeded["hoi-nghi"].pk).update(unit="")
    Indicator.objects.filter(pk=seeded["tiep-cong-dan"].pk).update(unit="lượt tiếp")
    fill(apps, None)
    after = _of(plan)
    assert after["hoi-nghi"].unit == "cuộc" and after["tiep-cong-dan"].unit == "lượt tiếp"
    assert after["don-giai-quyet"].percent_of == after["don-tiep-nhan"]  # the only base that plan has
    assert after["ho-tham-du"].percent_of == after["tong-so-ho"]
