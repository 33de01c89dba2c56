"""The matrix's "remove from every body of a kind": the coordinator only, one item of this plan, in one action."""

import pytest
from django.urls import reverse

from plans.models import Assignment, Body, Item, Plan
from plans.tests.factories import small_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(demo):
    bodies = list(Body.objects.filter(kind__in=[Body.Kind.DEPARTMENT, Body.Kind.VILLAGE]))
    return small_plan(bodies)


@pytest.fixture
def item(plan):
    return Item.objects.filter(area__plan=plan).order_by("area__order", "order").first()


def url(plan):
    return reverse("plans:matrix_remove_kind", args=[plan.pk])


def test_the_matrix_offers_the_action_per_item_and_kind(client_for, plan, item):
    html = client_for("vanhoaxahoi").get(reverse("plans:matrix", args=[plan.pk])).content.decode()
    villages = Body.objects.filter(kind=Body.Kind.VILLAGE).count()
    assert f'value="{item.pk}:village"' in html
    assert f"Bỏ giao cho tất cả thôn ({villages})" in html


def test_the_coordinator_removes_an_item_from_every_village(client_for, plan, item):
    response = client_for("vanhoaxahoi").post(url(plan), {"target": f"{item.pk}:village"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("plans:matrix", args=[plan.pk])
    assert not Assignment.objects.filter(item=item, body__kind=Body.Kind.VILLAGE).exists()
    assert Assignment.objects.filter(item=item, body__kind=Body.Kind.DEPARTMENT).exists()
    assert Assignment.objects.filter(item__area__plan=plan, body__kind=Body.Kind.VILLAGE).exists()  # other items kept
    assert f"Đã bỏ giao nhiệm vụ {item.code} cho" in response.content.decode()
    removed = Assignment.history.filter(item_id=item.pk, history_type="-")
    assert removed.exists() and set(removed.values_list("history_user__username", flat=True)) == {"vanhoaxahoi"}


@pytest.mark.parametrize("username", ["truongthon1", "phongkinhte", "lanhdao", "mttq"])
def test_others_are_refused_and_nothing_changes(client_for, plan, item, username):
    count = Assignment.objects.count()
    response = client_for(username).post(url(plan), {"target": f"{item.pk}:village"})
    assert response.status_code in (403, 404)
    assert Assignment.objects.count() == count


def test_anonymous_is_sent_to_login(client, plan, item):
    response = client.post(url(plan), {"target": f"{item.pk}:village"})
    assert response.status_code == 302 and "login" in response.url


def test_a_forged_item_id_is_404(client_for, plan):
    count = Assignment.objects.count()
    assert client_for("vanhoaxahoi").post(url(plan), {"target": "999999:village"}).status_code == 404
    assert Assignment.objects.count() == count


@pytest.mark.parametrize("target", ["abc:village", "", ":village", "1e3:village", "-1:village"])
def test_malformed_targets_are_400_with_a_message(client_for, plan, target):
    count = Assignment.objects.count()
    response = client_for("vanhoaxahoi").post(url(plan), {"target": target})
    assert response.status_code == 400
    assert "Dữ liệu phân công không hợp lệ" in response.content.decode()
    assert Assignment.objects.count() == count


def test_an_item_of_another_plan_is_404(client_for, plan, demo):
    other = small_plan(list(Body.objects.filter(kind=Body.Kind.VILLAGE)[:2]))
    other_item = Item.objects.filter(area__plan=other).first()
    count = Assignment.objects.count()
    assert client_for("vanhoaxahoi").post(url(plan), {"target": f"{other_item.pk}:village"}).status_code == 404
    assert Assignment.objects.count() == count
    assert Plan.objects.count() == 2


def test_a_forged_plan_id_is_404(client_for, plan, item):
    response = client_for("vanhoaxahoi").post(
        reverse("plans:matrix_remove_kind", args=[999999]), {"target": f"{item.pk}:village"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize("kind", ["leadership", "nobody", ""])
def test_a_bad_kind_is_400_with_a_message(client_for, plan, item, kind):
    count = Assignment.objects.count()
    response = client_for("vanhoaxahoi").post(url(plan), {"target": f"{item.pk}:{kind}"})
    assert response.status_code == 400
    assert "Loại đơn vị không hợp lệ" in response.content.decode()
    assert Assignment.objects.count() == count


def test_get_is_not_allowed(client_for, plan):
    assert client_for("vanhoaxahoi").get(url(plan)).status_code == 405
