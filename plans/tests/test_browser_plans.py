"""Journeys: the coordinator imports the plan in the browser; a village head reads it on a phone."""

import pytest
from playwright.sync_api import expect

from conftest import browser_login
from plans.demo import SEED_PLAN
from plans.models import Plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_uploads_previews_and_confirms_the_plan(live_server, demo, desktop_context):
    page = desktop_context.new_page()
    browser_login(page, live_server, "vanhoaxahoi")
    page.goto(f"{live_server.url}/plans/")
    page.get_by_role("link", name="Nhập kế hoạch từ văn bản").click()
    page.get_by_label("Tệp kế hoạch").set_input_files(str(SEED_PLAN))
    page.get_by_role("button", name="Xem trước").click()
    expect(page.get_by_role("heading", name="Xem trước: hệ thống đã nhận ra")).to_be_visible()
    expect(page.locator("body")).to_contain_text("16 (5, 5, 6)")
    assert not Plan.objects.exists()
    page.get_by_role("button", name="Xác nhận nhập kế hoạch").click()
    page.wait_for_url(f"{live_server.url}/plans/*/")
    assert Plan.objects.count() == 1
    expect(page.get_by_role("heading", name="KẾ HOẠCH")).to_be_visible()
    page.get_by_role("link", name="Bảng phân công").click()
    # The click only starts the navigation: wait for the new page's rows, not whatever is in the DOM now.
    expect(page.locator("table.matrix select")).to_have_count(16 * 21)


def test_village_head_reads_the_plan_on_a_phone(live_server, demo, phone_context):
    demo.demo_plan()
    page = phone_context.new_page()
    browser_login(page, live_server, "truongthon1")
    page.wait_for_url(f"{live_server.url}/start/")
    page.get_by_role("link", name="Kế hoạch Thực hiện dân chủ ở cơ sở trên địa bàn xã năm 2026").first.click()
    expect(page.get_by_text("Vũ Mạnh Huy")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
