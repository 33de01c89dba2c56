"""In a many-commune deployment a commune's pages are for its own officials (plans.middleware)."""

from __future__ import annotations

import pytest

from camgiang_portal.actors import SYSTEM
from communes.services import home_commune
from plans.middleware import user_commune
from plans.onboarding import commune_onboard

pytestmark = pytest.mark.django_db
AN_HAI = "11617"
DEMO_PASSWORD = "camgiang2026"  # conftest's demo accounts


@pytest.fixture
def many(settings, demo):
    settings.PLATFORM_COMMUNES = "many"
    an_hai = commune_onboard(code=AN_HAI, by=SYSTEM, password=DEMO_PASSWORD).commune
    return home_commune(), an_hai


def test_an_official_belongs_to_the_commune_of_their_body(many, user_named, django_user_model):
    cam_giang, an_hai = many
    assert user_commune(user_named("vanhoaxahoi")) == cam_giang
    assert user_commune(django_user_model.objects.get(username="an-hai.vanhoaxahoi")) == an_hai
    assert user_commune(user_named("admin")) is None  # the platform's operator, no body


def test_an_official_works_in_their_own_commune(client_for, many):
    client = client_for("vanhoaxahoi")
    response = client.get("/xa/cam-giang/start/")
    assert response.status_code == 200
    assert response.context["user"].username == "vanhoaxahoi"


def test_in_another_commune_an_official_is_nobody(client_for, many):
    client = client_for("vanhoaxahoi")
    # The staff pages send to the login page, as for anyone not signed in there.
    response = client.get("/xa/an-hai/plans/")
    assert response.status_code == 302
    assert response["Location"].startswith("/xa/an-hai/accounts/login/")
    # The public site is the citizens': shown, but not as an official of An Hải.
    response = client.get("/xa/an-hai/")
    assert response.status_code == 200
    assert not response.context["user"].is_authenticated


def test_after_a_login_on_the_wrong_commune_the_official_lands_on_their_own(client, many):
    response = client.post(
        "/xa/an-hai/accounts/login/", {"username": "vanhoaxahoi", "password": DEMO_PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/xa/cam-giang/start/"
    assert response.status_code == 200


def test_at_the_platform_root_an_official_is_sent_to_their_commune(client_for, many):
    client = client_for("truongthon1")
    response = client.get("/reports/?ky=6thang")
    assert response.status_code == 302
    assert response["Location"] == "/xa/cam-giang/reports/?ky=6thang"
    assert client.get("/admin/")["Location"] == "/xa/cam-giang/admin/"
    assert client.get("/").status_code == 200  # the list of communes


def test_at_the_platform_root_a_commune_page_is_a_404_for_anyone_else(client, many):
    for url in ("/plans/", "/ke-hoach/", "/cong-khai/", "/reports/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Không tìm thấy trang" in response.content.decode()
    assert client.get("/accounts/login/").status_code == 200


def test_a_login_at_the_root_lands_in_the_officials_commune(client, many):
    response = client.post("/accounts/login/", {"username": "an-hai.vanhoaxahoi", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response["Location"] == "/xa/an-hai/start/"
    assert client.get("/xa/an-hai/start/").status_code == 200


def test_the_platforms_operator_acts_in_every_commune(client_for, many):
    client = client_for("admin")
    assert client.get("/xa/an-hai/start/").status_code == 200
    assert client.get("/xa/cam-giang/start/").status_code == 200


def test_one_commune_deployment_is_untouched(client_for, user_named, django_assert_num_queries):
    from django.test import RequestFactory

    from plans.middleware import CommuneMemberMiddleware

    client = client_for("vanhoaxahoi")
    assert client.get("/plans/").status_code == 200
    assert client.get("/ke-hoach/").status_code == 200
    request = RequestFactory().get("/plans/")
    request.user = user_named("vanhoaxahoi")
    with django_assert_num_queries(0):  # no lookup of the user's commune, the request passed on as it came
        assert CommuneMemberMiddleware(lambda r: r)(request) is request
