"""Journey: each demo role logs in on a phone and lands on its Vietnamese start page."""

import re

import pytest
from playwright.sync_api import expect

from conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = ["admin", "lanhdao", "vanhoaxahoi", "phongkinhte", "mttq", "truongthon1", "truongthon2"]


def test_each_role_logs_in_on_a_phone(live_server, demo, phone_context):
    page = phone_context.new_page()
    for username in ROLES:
        browser_login(page, live_server, username)
        page.wait_for_url(f"{live_server.url}/start/")
        assert page.locator("html").get_attribute("lang") == "vi"
        expect(page.get_by_role("heading", name="Trang làm việc")).to_be_visible()
        # Nothing overflows a 360 px screen sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        page.get_by_role("button", name="Mở trình đơn").click()
        logout = page.get_by_role("button", name="Đăng xuất")
        logout.wait_for(state="visible")
        # The menu slides open: wait until it has, so the click lands on the button and not mid-animation.
        page.locator("#main-nav.show").wait_for(state="visible")
        with page.expect_navigation(timeout=60_000):
            logout.click()
        page.wait_for_url(f"{live_server.url}/accounts/login/", timeout=60_000)


def test_wrong_password_shows_message_in_browser(live_server, demo, desktop_context):
    page = desktop_context.new_page()
    browser_login(page, live_server, "truongthon1", "sai-mat-khau")
    expect(page.get_by_role("alert")).to_contain_text(re.compile("^\\s*Tên đăng nhập hoặc mật khẩu không đúng"))
