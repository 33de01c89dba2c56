"""Health check, settings from the environment, formats and error pages."""

import os
import subprocess
import sys
from datetime import date

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse

from conftest import services_available

ROOT = settings.BASE_DIR


@pytest.mark.django_db
def test_healthz_ok_after_real_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
def test_healthz_has_no_trailing_slash_redirect(client):
    assert client.get("/healthz/").status_code == 404


@pytest.mark.django_db
def test_healthz_503_when_database_fails(client, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503


@pytest.mark.django_db
def test_healthz_503_when_broker_unreachable(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    assert client.get("/healthz").status_code == 503


def _run_manage(*args, env_extra: dict) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_in_production_mode():
    result = _run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={
            "DEBUG": "0",
            "SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
            "ALLOWED_HOSTS": "camgiang.example.vn",
            "SITE_URL": "https://camgiang.example.vn",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_mode_refuses_to_start_without_secret_key():
    result = _run_manage("check", env_extra={"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_https_settings_follow_site_url_scheme():
    result = _run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS)",
        env_extra={"DEBUG": "0", "SECRET_KEY": "k" * 50, "SITE_URL": "http://127.0.0.1:8000"},
    )
    assert result.stdout.split()[-3:] == ["False", "False", "0"], result.stderr


def test_locale_time_zone_and_date_format():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ
    rendered = Template('{{ d|date:"SHORT_DATE_FORMAT" }} {{ d }}').render(Context({"d": date(2026, 6, 5)}))
    assert rendered == "05/06/2026 05/06/2026"


def test_embedded_default_runs_celery_eagerly_without_broker():
    if settings.REDIS_URL:
        assert not settings.CELERY_TASK_ALWAYS_EAGER
        assert settings.CELERY_BROKER_URL == settings.REDIS_URL
        assert "redis" in settings.CACHES["default"]["BACKEND"].lower()
    else:
        assert settings.CELERY_TASK_ALWAYS_EAGER
        assert "locmem" in settings.CACHES["default"]["BACKEND"]


def test_services_pass_uses_postgresql_when_configured():
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        assert services_available() or not settings.REDIS_URL
        assert "postgresql" in settings.DATABASES["default"]["ENGINE"]


@pytest.mark.django_db
def test_unknown_page_is_a_vietnamese_404(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get(reverse("login"))
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


@pytest.mark.django_db
def test_static_assets_are_vendored_not_from_a_cdn(client):
    html = client.get(reverse("login")).content.decode()
    assert "bootstrap.min.css" in html
    assert "http://" not in html.replace(settings.SITE_URL, "") and "https://" not in html


@pytest.mark.django_db
def test_get_on_a_post_only_address_is_the_portals_405_page(client):
    response = client.get(reverse("logout"))  # LogoutView answers POST only
    assert response.status_code == 405
    html = response.content.decode()
    assert "Không mở được trang theo cách này" in html
    assert "bootstrap.min.css" in html  # the portal's own layout, as the 404 page
    assert response.headers["Allow"] == "POST, OPTIONS"
    assert "Content-Security-Policy" in response.headers


def test_get_on_a_require_post_view_is_the_portals_405_page(client_for):
    response = client_for("vanhoaxahoi").get(reverse("plans:import_confirm"))
    assert response.status_code == 405
    assert "Không mở được trang theo cách này" in response.content.decode()
    assert response.headers["Allow"] == "POST"


def test_a_405_with_its_own_body_is_left_as_it_is(rf):
    from django.http import HttpResponseNotAllowed

    from camgiang_portal.middleware import MethodNotAllowedPageMiddleware

    own = HttpResponseNotAllowed(["POST"], content=b"custom")
    assert MethodNotAllowedPageMiddleware(lambda request: own)(rf.get("/")) is own
