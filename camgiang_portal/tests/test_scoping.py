"""Every model holding a commune's data is scoped by the current commune (communes.scoping), and proved so.

The list of models is read from the app registry: a new model in one of the portal's apps fails here until it
extends `CommuneScoped` with a path that ends at a commune, or is named below as platform-wide with the reason.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models

from communes.current import use_commune
from communes.models import Commune
from communes.scoping import CommuneScoped, CommuneScopedManager, scoped_history

PORTAL_APPS = {"communes", "plans", "issuance", "reports", "consolidation", "reminders", "publicity"}
# Models that hold no one commune's data, and why.
PLATFORM_WIDE = {
    "communes.commune": "the communes themselves: the official list, read by the platform's root and the city",
    "publicity.ratelimithit": "counts of requests per client address, the platform's defence whatever the commune",
}


def _is_history(model) -> bool:
    # simple-history's records: scoped through `scoped_history` (their own test below), not a manager.
    return hasattr(model, "instance_type") and model._meta.object_name.startswith("Historical")


def portal_models() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in PORTAL_APPS and not _is_history(model) and not model._meta.auto_created
    ]


def _path_target(model, path: str):
    """The model a lookup path ends at, following foreign keys ("period__plan__commune" → Commune)."""
    current = model
    for name in path.split("__"):
        field = current._meta.get_field(name)
        assert field.is_relation, f"{model._meta.label}: {name} in {path} is not a relation"
        current = field.related_model
    return current


def test_every_model_holding_commune_data_is_scoped():
    unscoped, wrong_path = [], []
    for model in portal_models():
        label = model._meta.label_lower
        if label in PLATFORM_WIDE:
            continue
        if not issubclass(model, CommuneScoped) or not isinstance(model._default_manager, CommuneScopedManager):
            unscoped.append(label)
            continue
        if _path_target(model, model.commune_path) is not Commune:
            wrong_path.append(f"{label}: {model.commune_path}")
        str(model.all_communes.filter(model.commune_q(1)).query)  # the condition compiles (a FieldError fails)
    assert unscoped == [], f"scope these models (communes.scoping.CommuneScoped) or say why not: {unscoped}"
    assert wrong_path == [], f"these paths do not end at a commune: {wrong_path}"


def test_platform_wide_models_exist():
    # A renamed model would leave a stale reason behind.
    labels = {model._meta.label_lower for model in portal_models()}
    assert set(PLATFORM_WIDE) <= labels


@pytest.fixture
def two_communes(demo):
    """Cẩm Giang with its demo plan and forms; An Hải on the platform with nothing yet."""
    from camgiang_portal.actors import SYSTEM
    from communes.services import commune_for_code, home_commune
    from reports import services as report_services

    plan = demo.demo_plan()
    report_services.report_expected_generate(plan=plan, by=SYSTEM)
    other = commune_for_code("11617")
    other.on_platform = True
    other.save()
    return home_commune(), other


@pytest.mark.django_db
def test_under_a_commune_every_scoped_model_sees_its_rows_only(two_communes):
    cam_giang, an_hai = two_communes
    scoped = [m for m in portal_models() if issubclass(m, CommuneScoped)]
    with use_commune(an_hai):
        leaked = {m._meta.label_lower: m.objects.count() for m in scoped if m.objects.exists()}
    assert leaked == {}, f"An Hải sees Cẩm Giang's rows: {leaked}"
    with use_commune(cam_giang):
        seen = {m._meta.label_lower for m in scoped if m.objects.exists()}
        assert all(m.objects.count() == m.all_communes.count() for m in scoped)
    # The demo holds plans, bodies, periods, items and forms; each is seen in its own commune.
    assert {"plans.plan", "plans.body", "plans.reportingperiod", "plans.item", "reports.progressreport"} <= seen
    # Nothing set (a one-commune deployment, a task acting on ids): no filter at all.
    assert all(m.objects.count() == m.all_communes.count() for m in scoped)


@pytest.mark.django_db
def test_history_is_scoped_like_its_rows(two_communes):
    from plans.audit import history_entries
    from plans.models import Plan

    cam_giang, an_hai = two_communes
    assert scoped_history(Plan).exists()
    with use_commune(an_hai):
        assert not scoped_history(Plan).exists()
        assert not scoped_history(Commune).exists()  # the communes' own history is not a commune's
        assert history_entries(limit=20) == []
    with use_commune(cam_giang):
        assert scoped_history(Plan).count() == Plan.history.count()
        assert history_entries(limit=20)
