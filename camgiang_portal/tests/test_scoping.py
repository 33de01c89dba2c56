"""Every model that holds a commune's data is scoped by communes.scoping, and the scoping separates them.

The models are read from the app registry: a new model in these apps fails here until it is scoped (or
listed below as the platform's, with the reason), so nobody has to remember it.
"""

from __future__ import annotations

import pytest
from django.apps import apps

from camgiang_portal.actors import SYSTEM
from communes.current import use_commune
from communes.models import Commune
from communes.scoping import CommuneScoped, scoped_history
from communes.services import home_commune

pytestmark = pytest.mark.django_db
AN_HAI = "11617"
DEMO_PASSWORD = "camgiang2026"
APPS = ("communes", "plans", "issuance", "reports", "consolidation", "reminders", "publicity", "city")
# The rows that are nobody's commune's, and why.
PLATFORM_WIDE = {
    "communes.commune": "the official list of communes itself",
    "publicity.ratelimithit": "counts requests to the whole site by address, to stop floods whatever commune",
    "city.citymember": "the city's officials belong to no commune: they read every commune of the province",
    "city.cityperiod": "the city's periods: what it asks of every commune, answered by each commune's own period",
    "city.cityreportdraft": "the city's own Báo cáo: written by the city about all of its communes",
    "city.cityissue": "the city's own Báo cáo as issued: its paper is in the city's register (no commune)",
}
# Rows that may be no commune's, and why (hidden inside every commune).
NOBODYS = {"plans.membership": "the platform's operator (a superuser) has an account but no body"}
# Not separated yet (issue 15, in progress): empty once each app's rows carry their commune.
NOT_YET: dict[str, str] = {}


def _data_models():
    for config in apps.get_app_configs():
        if config.label not in APPS:
            continue
        for model in config.get_models():
            if model._meta.auto_created or model.__name__.startswith("Historical"):
                continue
            yield model


def _path_ends(model) -> set[type]:
    ends = set()
    for path in model.commune_paths():
        current = model
        for part in path.split("__"):
            current = current._meta.get_field(part).related_model
        ends.add(current)
    return ends


def test_every_model_of_commune_data_is_scoped():
    unscoped, wrong_path = [], []
    for model in _data_models():
        label = model._meta.label_lower
        if label in PLATFORM_WIDE or label in NOT_YET:
            continue
        if not issubclass(model, CommuneScoped):
            unscoped.append(label)
        elif _path_ends(model) != {Commune}:
            wrong_path.append(f"{label}: {model.commune_path}")
        elif model._default_manager is not model.objects or model._base_manager is model.objects:
            wrong_path.append(f"{label}: `objects` must be the default manager and not the base one")
    assert unscoped == [], f"give these models a commune (CommuneScoped) or a reason in PLATFORM_WIDE: {unscoped}"
    assert wrong_path == []


def test_the_lists_name_real_models():
    labels = {model._meta.label_lower for model in _data_models()}
    assert set(PLATFORM_WIDE) | set(NOT_YET) <= labels


@pytest.fixture
def two_communes(demo):
    """Cẩm Giang with the demo plan and its forms; An Hải put on the platform with its standard bodies."""
    from plans.onboarding import commune_onboard
    from reports import services as report_services

    report_services.report_expected_generate(plan=demo.demo_plan(), by=SYSTEM)
    an_hai = commune_onboard(code=AN_HAI, by=SYSTEM, password=DEMO_PASSWORD).commune
    return home_commune(), an_hai


def test_a_commune_sees_none_of_another_communes_rows(two_communes):
    cam_giang, an_hai = two_communes
    seen_in_cam_giang = []
    for model in _data_models():
        if not issubclass(model, CommuneScoped):
            continue
        theirs = model.all_communes.filter(model.commune_q(an_hai))
        ours = model.all_communes.filter(model.commune_q(cam_giang))
        if model._meta.label_lower not in NOBODYS:  # every row is someone's
            assert model.all_communes.count() == theirs.count() + ours.count(), model
        with use_commune(an_hai):
            assert set(model.objects.values_list("pk", flat=True)) == set(theirs.values_list("pk", flat=True))
        with use_commune(cam_giang):
            assert set(model.objects.values_list("pk", flat=True)) == set(ours.values_list("pk", flat=True))
        if ours.exists():
            seen_in_cam_giang.append(model._meta.label_lower)
    # The demo really has rows where it matters, so the equalities above compared something.
    assert {"plans.plan", "plans.body", "plans.item", "reports.progressreport", "reports.itemprogress"} <= set(
        seen_in_cam_giang
    )


def test_related_managers_and_forged_ids_stay_in_the_commune(two_communes):
    from plans.models import Plan
    from reports.models import ProgressReport

    cam_giang, an_hai = two_communes
    report = ProgressReport.all_communes.first()
    with use_commune(an_hai):
        assert not ProgressReport.objects.filter(pk=report.pk).exists()
        assert not Plan.objects.exists()
    with use_commune(cam_giang):
        plan = Plan.objects.get(pk=report.period.plan_id)
        assert plan.areas.exists() and report.items.exists()


def test_history_is_scoped_like_its_rows(two_communes):
    from plans.models import Plan
    from reports.models import ProgressReport

    cam_giang, an_hai = two_communes
    with use_commune(an_hai):
        assert not scoped_history(Plan).exists() and not scoped_history(ProgressReport).exists()
        assert not scoped_history(Commune).exists()  # the platform's list is not a commune's history
    with use_commune(cam_giang):
        assert set(scoped_history(Plan).values_list("commune_id", flat=True)) == {cam_giang.pk}
        assert scoped_history(Plan).count() == Plan.history.count() > 0
    assert scoped_history(Commune).count() == Commune.history.count() > 0  # no commune served: everything


def test_a_uniqueness_check_sees_every_commune(two_communes):
    """A body code is the platform's: another commune's code is a form error, not an IntegrityError."""
    from django.core.exceptions import ValidationError

    from plans.models import Body

    cam_giang, an_hai = two_communes
    taken = Body.all_communes.filter(commune=cam_giang).first()
    with use_commune(an_hai):
        clash = Body(commune=an_hai, name="Thôn Mới", code=taken.code, kind=Body.Kind.VILLAGE)
        with pytest.raises(ValidationError) as refused:
            clash.validate_unique()
    assert "code" in refused.value.message_dict
