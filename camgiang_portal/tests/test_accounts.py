"""Login, logout, password change and reset, and each role's start page."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from conftest import DEMO_PASSWORD

ROLE_START = {
    "admin": "Quản trị hệ thống",
    "lanhdao": "Lãnh đạo UBND xã",
    "vanhoaxahoi": "Phòng Văn hóa – Xã hội",
    "phongkinhte": "Phòng Kinh tế",
    "mttq": "Ủy ban MTTQ",
    "truongthon1": "Trưởng thôn",
    "truongthon2": "Trưởng thôn",
}


def _login(client, username, password=DEMO_PASSWORD, **extra):
    return client.post(reverse("login"), {"username": username, "password": password, **extra})


@pytest.mark.parametrize("username", sorted(ROLE_START))
def test_each_demo_role_logs_in_and_lands_on_its_start_page(client, demo, username):
    response = _login(client, username)
    assert response.status_code == 302
    assert response.url == reverse("start")
    page = client.get(response.url)
    assert page.status_code == 200
    assert ROLE_START[username] in page.content.decode()


def test_village_heads_see_their_own_village(client, demo):
    _login(client, "truongthon1")
    html = client.get(reverse("start")).content.decode()
    assert "Thôn Đông Giao" in html
    assert "Thôn Hoàng Xá" not in html


def test_wrong_password_gets_a_clear_vietnamese_message(client, demo):
    response = _login(client, "truongthon1", "sai-mat-khau")
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_unknown_user_gets_the_same_message(client, demo):
    response = _login(client, "khong-ton-tai", "abc")
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_disabled_account_is_told_it_is_locked(client, demo, user_named):
    user = user_named("truongthon2")
    user.is_active = False
    user.save()
    response = _login(client, "truongthon2")
    assert response.status_code == 200
    assert "Tài khoản này đã bị khóa" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_disabled_account_with_wrong_password_reveals_nothing(client, demo, user_named):
    user = user_named("truongthon2")
    user.is_active = False
    user.save()
    response = _login(client, "truongthon2", "sai")
    assert "Tài khoản này đã bị khóa" not in response.content.decode()


@pytest.mark.parametrize("forged", ["https://evil.example.com/", "//evil.example.com/x", "javascript:alert(1)"])
def test_forged_next_url_is_ignored(client, demo, forged):
    response = _login(client, "truongthon1", next=forged)
    assert response.status_code == 302
    assert response.url == reverse("start")


def test_safe_next_url_is_followed(client, demo):
    response = _login(client, "vanhoaxahoi", next=reverse("plans:list"))
    assert response.url == reverse("plans:list")


def test_start_page_requires_login(client, db):
    response = client.get(reverse("start"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_logout_is_post_only(client_for):
    client = client_for("truongthon1")
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("start")).status_code == 302


def test_password_change(client_for):
    client = client_for("truongthon1")
    response = client.post(
        reverse("password_change"),
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": "Thon-Dong-Giao-2026!",
            "new_password2": "Thon-Dong-Giao-2026!",
        },
    )
    assert response.status_code == 302
    client.logout()
    assert _login(client, "truongthon1", "Thon-Dong-Giao-2026!").status_code == 302


def test_password_validators_reject_a_weak_password(client_for):
    client = client_for("truongthon1")
    response = client.post(
        reverse("password_change"), {"old_password": DEMO_PASSWORD, "new_password1": "123", "new_password2": "123"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "quá ngắn" in html
    assert "too short" not in html


def test_password_reset_mail_links_to_a_working_form(client, demo, settings):
    settings.SITE_URL = "https://dan-chu.camgiang.gov.vn"
    # A forged Host header must not steer the link (the reset token would go to that host).
    response = client.post(reverse("password_reset"), {"email": "truongthon1@camgiang.gov.vn"}, HTTP_HOST="localhost")
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https://dan-chu\.camgiang\.gov\.vn(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    assert "Đặt mật khẩu mới" in form.content.decode()


def test_login_lockout_after_repeated_failures_is_vietnamese(client, demo, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "truongthon1", "sai")
    response = _login(client, "truongthon1", DEMO_PASSWORD)
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()
