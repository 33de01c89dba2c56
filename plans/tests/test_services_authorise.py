"""plans services authorise whoever they act for: a command or a task calling them is held to the view's rule."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from camgiang_portal.actors import SYSTEM
from plans import services
from plans.demo import SEED_PLAN
from plans.models import Assignment, Body, Plan

pytestmark = pytest.mark.django_db


def writes(plan: Plan) -> dict:
    """Each service that acts for someone, called as a view would call it."""
    item = plan.areas.first().items.first()
    matrix = {(a.item_id, a.body_id): a.role for a in Assignment.objects.filter(item__area__plan=plan)}
    body = Body.objects.first()
    period = plan.periods.first()
    return {
        "import": lambda by: services.plan_import(
            source=SEED_PLAN.read_bytes(), filename=SEED_PLAN.name, dry_run=True, replace=True, by=by
        ),
        "copy": lambda by: services.plan_copy_to_year(plan=plan, by=by),
        "new version": lambda by: services.plan_new_version(plan=plan, by=by),
        "matrix": lambda by: services.assignments_set(plan=plan, matrix=matrix, by=by),
        "remove kind": lambda by: services.assignments_remove_kind(plan=plan, item=item, kind=Body.Kind.VILLAGE, by=by),
        "confirm body": lambda by: services.body_confirm(body=body, by=by),
        "period span": lambda by: services.period_span_set(
            period=period, start=period.start, end=period.due_date, by=by
        ),
    }


@pytest.mark.parametrize("username", ["truongthon1", "phongkinhte", "mttq", "lanhdao"])
def test_a_user_without_the_permission_is_refused_by_the_service_itself(demo, user_named, username):
    plan = demo.demo_plan()
    user = user_named(username)
    before = (Plan.objects.count(), Assignment.objects.count())
    for name, write in writes(plan).items():
        with pytest.raises(PermissionDenied):
            write(user)
            pytest.fail(f"{name} let {username} through")
    assert (Plan.objects.count(), Assignment.objects.count()) == before


def test_nobody_is_refused_too(demo):
    plan = demo.demo_plan()
    for write in writes(plan).values():
        with pytest.raises(PermissionDenied):
            write(None)


def test_the_coordinator_and_the_system_actor_pass(demo, user_named):
    plan = demo.demo_plan()
    coordinator = user_named("vanhoaxahoi")
    for name in ["import", "matrix", "remove kind", "confirm body", "period span"]:
        writes(plan)[name](coordinator)
    assert services.plan_copy_to_year(plan=plan, by=SYSTEM).year == plan.year + 1
