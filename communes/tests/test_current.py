"""The current commune: one-commune deployments unchanged; in many mode, by host or /xa/<slug>/, never leaking."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path, reverse

from camgiang_portal import urls as portal_urls
from communes.current import current_commune, use_commune
from communes.models import Commune
from communes.services import commune_for_code, home_commune

pytestmark = pytest.mark.django_db
AN_HAI = "11617"
SEEN: list = []


def _seen(request):
    # What a view sees: the current commune and the links it would print.
    SEEN.append((current_commune(), reverse("publicity:home"), request.path))
    return HttpResponse("ok")


def _on_platform(code: str, host: str = "") -> Commune:
    commune = commune_for_code(code)
    commune.on_platform = True
    commune.host = host
    commune.save()
    return commune


@pytest.fixture
def many(settings):
    settings.PLATFORM_COMMUNES = "many"
    settings.ALLOWED_HOSTS = ["testserver", "camgiang.example.vn", "anhai.example.vn"]
    cam_giang = home_commune()
    cam_giang.host = "camgiang.example.vn"
    cam_giang.save()
    an_hai = _on_platform(AN_HAI)
    return cam_giang, an_hai


def test_one_commune_mode_serves_the_portal_at_the_root(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.resolver_match.view_name == "publicity:home"
    assert current_commune() == home_commune()


def test_many_mode_root_lists_the_communes_on_the_platform(client, many):
    cam_giang, an_hai = many
    off = commune_for_code("10903")  # Xã Cẩm Giàng, in the list but not on the platform
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Xã Cẩm Giang" in page and "Phường An Hải" in page and off.name not in page
    assert 'href="http://camgiang.example.vn/"' in page
    assert f'href="/xa/{an_hai.slug}/"' in page
    # Its menu leads only where the root serves: no commune's pages (a 404 here), the verification of papers.
    assert 'href="/ke-hoach/"' not in page and 'href="/phan-anh/"' not in page and 'href="/xac-thuc/"' in page
    assert client.get("/healthz").status_code in (200, 503)
    assert client.get("/accounts/login/").status_code == 200
    assert client.get("/admin/login/").status_code == 200


def test_many_mode_path_prefix_serves_the_public_home_with_prefixed_links(client, many):
    response = client.get("/xa/cam-giang/")
    assert response.status_code == 200
    # (the test client's resolver_match resolves the unprefixed PATH_INFO, so the template tells the view)
    assert "publicity/home.html" in [t.name for t in response.templates]
    page = response.content.decode()
    assert 'href="/xa/cam-giang/ke-hoach/"' in page
    assert 'href="/static/' in page and "/xa/cam-giang/static/" not in page  # static files stay at the root
    assert client.get("/xa/cam-giang/ke-hoach/").status_code == 200
    assert reverse("publicity:home") == "/"  # the prefix was reset after the request


def test_many_mode_login_redirect_keeps_the_prefix(client, many):
    response = client.get("/xa/cam-giang/start/")
    assert response.status_code == 302
    assert response["Location"].startswith("/xa/cam-giang/accounts/login/?next=/xa/cam-giang/start/")


def test_many_mode_host_serves_the_commune_at_the_root(client, many):
    response = client.get("/", headers={"host": "CamGiang.example.vn:8443"}, SERVER_PORT="8443")
    assert response.status_code == 200
    assert response.resolver_match.view_name == "publicity:home"
    assert 'href="/ke-hoach/"' in response.content.decode()


@pytest.mark.parametrize("url", ["/xa/khong-co/", "/xa/cam-giang-10903/"])
def test_many_mode_unknown_or_off_platform_commune_is_a_404_in_vietnamese(client, many, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_many_mode_off_platform_host_is_a_404(client, many, settings):
    cam_giang, _an_hai = many
    cam_giang.on_platform = False
    cam_giang.save()
    assert client.get("/", headers={"host": "camgiang.example.vn"}).status_code == 404


urlpatterns = [path("seen/", _seen, name="seen"), *portal_urls.urlpatterns]


@override_settings(ROOT_URLCONF=__name__)
def test_current_commune_is_set_per_request_and_never_leaks(client, many):
    cam_giang, an_hai = many
    SEEN.clear()
    client.get("/xa/cam-giang/seen/")
    client.get(f"/xa/{an_hai.slug}/seen/")
    client.get("/seen/", headers={"host": "camgiang.example.vn"})
    assert SEEN == [
        (cam_giang, "/xa/cam-giang/", "/xa/cam-giang/seen/"),
        (an_hai, f"/xa/{an_hai.slug}/", f"/xa/{an_hai.slug}/seen/"),
        (cam_giang, "/", "/seen/"),
    ]
    assert current_commune() is None  # many mode, outside any request


def test_many_mode_costs_one_query_and_one_mode_none(client, many, settings, django_assert_num_queries):
    from communes.middleware import CurrentCommuneMiddleware

    class Request:
        path_info = "/xa/cam-giang/"

        def get_host(self):
            return "testserver"

    middleware = CurrentCommuneMiddleware(lambda request: current_commune())
    with django_assert_num_queries(1):
        assert middleware(Request()) == many[0]
    settings.PLATFORM_COMMUNES = "one"
    untouched = CurrentCommuneMiddleware(lambda request: request.path_info)
    with django_assert_num_queries(0):
        assert untouched(Request()) == "/xa/cam-giang/"  # one mode: no lookup, the path as it came


def test_use_commune_in_a_plain_function(many):
    _cam_giang, an_hai = many

    def task():
        return current_commune()

    assert task() is None
    with use_commune(an_hai):
        assert task() == an_hai
        with use_commune(None):
            assert task() is None
        assert task() == an_hai
    assert task() is None


def test_many_mode_login_under_the_prefix_comes_back_under_it(client, many, demo):
    login = "/xa/cam-giang/accounts/login/"
    page = client.get(login).content.decode()
    assert f'action="{login}"' in page
    data = {"username": "vanhoaxahoi", "password": "camgiang2026"}
    response = client.post(f"{login}?next=/xa/cam-giang/ke-hoach/", data)
    assert response.status_code == 302
    assert response["Location"] == "/xa/cam-giang/ke-hoach/"
    client.logout()
    response = client.post(login, data)
    assert response["Location"] == "/xa/cam-giang/start/"
