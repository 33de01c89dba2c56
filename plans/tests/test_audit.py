"""The audit trail page: who changed what, when, from what to what."""

import pytest
from django.urls import reverse

from plans.models import Assignment


@pytest.fixture
def plan(demo):
    return demo.demo_plan()


@pytest.mark.parametrize("username", ["vanhoaxahoi", "lanhdao", "admin"])
def test_coordinator_leadership_and_admin_read_the_history(client_for, plan, username):
    assert client_for(username).get(reverse("plans:history")).status_code == 200


@pytest.mark.parametrize("username", ["phongkinhte", "mttq", "truongthon1"])
def test_others_may_not(client_for, plan, username):
    assert client_for(username).get(reverse("plans:history")).status_code == 403


def test_a_change_shows_who_and_from_what_to_what(client_for, plan, user_named):
    client = client_for("vanhoaxahoi")
    assignment = Assignment.objects.filter(item__area__plan=plan).first()
    data = {f"a-{a.item_id}-{a.body_id}": a.role for a in Assignment.objects.filter(item__area__plan=plan)}
    data[f"a-{assignment.item_id}-{assignment.body_id}"] = "lead"
    client.post(reverse("plans:matrix", args=[plan.pk]), data)
    html = client.get(reverse("plans:history"), {"model": "plans.assignment"}).content.decode()
    assert "vanhoaxahoi" in html
    assert "Thực hiện → Chủ trì" in html


def test_unknown_filter_is_ignored(client_for, plan):
    assert client_for("vanhoaxahoi").get(reverse("plans:history"), {"model": "<script>"}).status_code == 200
