"""Issue 13 item 6: no page links a reader to a body page that answers 404 for them."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

BODY_LINK = re.compile(r'href="(/plans/bodies/\d+/)"')


@pytest.fixture
def seeded(settings):
    settings.DEMO_PASSWORD = "camgiang2026"
    call_command("seed_demo", "--reports")


@pytest.mark.parametrize("username", ["truongthon1", "phongkinhte", "mttq", "vanhoaxahoi", "lanhdao"])
def test_every_body_link_a_role_sees_opens(client, seeded, django_user_model, username):
    from plans.models import Plan

    client.force_login(django_user_model.objects.get(username=username))
    plan = Plan.objects.order_by("-year").first()
    pages = ["/start/", "/reports/", f"/plans/{plan.pk}/", f"/plans/{plan.pk}/assignments/"]
    links = set()
    for page in pages:
        response = client.get(page, follow=True)
        if response.status_code == 200:
            links |= set(BODY_LINK.findall(response.content.decode()))
    assert links, "the role sees at least its own body's page or the grid"
    for link in links:
        assert client.get(link).status_code == 200, (username, link)


def test_village_head_reads_the_grid_with_only_their_own_body_linked(client, seeded, django_user_model):
    from plans.models import Body, Plan

    head = django_user_model.objects.get(username="truongthon1")
    client.force_login(head)
    plan = Plan.objects.order_by("-year").first()
    html = client.get(f"/plans/{plan.pk}/assignments/").content.decode()
    own = Body.objects.get(code="thon-001")
    assert BODY_LINK.findall(html) == [own.get_absolute_url()]
    other = Body.objects.get(code="thon-002")
    assert other.name in html  # still named in the grid, just not linked
