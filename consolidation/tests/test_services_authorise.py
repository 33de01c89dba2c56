"""Consolidation's services and the forms' generation check who acts, whoever calls them."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from camgiang_portal.actors import SYSTEM
from consolidation import services
from plans.models import Body
from plans.tests.factories import small_plan
from reports import services as reports_services
from reports.models import ExportJob, ProgressReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(demo):
    return small_plan(list(Body.objects.filter(kind=Body.Kind.VILLAGE)))


@pytest.mark.parametrize("username", ["truongthon1", "truongthon2"])
def test_an_export_is_requested_only_by_who_reads_the_consolidated_report(user_named, username, plan):
    period = plan.periods.first()
    with pytest.raises(PermissionDenied):
        services.export_request(period=period, fmt="xlsx", by=user_named(username))
    assert not ExportJob.objects.exists()


@pytest.mark.parametrize("username", ["truongthon1", "lanhdao", "phongkinhte"])
def test_only_the_coordinator_generates_the_forms_owed(user_named, username, plan):
    with pytest.raises(PermissionDenied):
        reports_services.report_expected_generate(plan=plan, by=user_named(username))
    with pytest.raises(PermissionDenied):
        reports_services.report_expected_generate(plan=plan, by=None)
    assert not ProgressReport.objects.exists()
    assert reports_services.report_expected_generate(plan=plan, by=user_named("vanhoaxahoi")) > 0
    assert reports_services.report_expected_generate(plan=plan, by=SYSTEM) == 0  # safe to run again
