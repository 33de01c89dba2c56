"""Journeys in Debian's chromium: a village head's 6-month form from phone to acceptance, and the coordinator's downloads."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from conftest import DESKTOP, PHONE, browser_login
from reports.models import ProgressReport
from reports.tests.conftest import build_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def journey_report(demo):
    """truongthon1's 6-month form, with the period still open today (the browser lives in real time)."""
    plan = build_plan()
    plan.periods.filter(code="6thang").update(due_date=timezone.localdate() + datetime.timedelta(days=10))
    return ProgressReport.objects.get(period__plan=plan, period__code="6thang", body__code="thon-001")


def card(page, code: str):
    return page.locator(f".item-card:has(.badge:text-is('{code}'))")


def fill_cards(page, text: str) -> None:
    cards = page.locator(".item-card")
    for index in range(cards.count()):
        card = cards.nth(index)
        card.get_by_label("Tình hình thực hiện").select_option("ongoing")
        card.get_by_label("Kết quả đã thực hiện").fill(f"{text} ({index + 1})")


def test_village_form_submit_return_fix_accept_and_downloads(live_server, journey_report, browser):
    url = f"{live_server.url}{journey_report.get_absolute_url()}"
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    desk = browser.new_context(viewport=DESKTOP, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", accept_downloads=True)
    try:
        # truongthon1 fills and submits the 6-month form on a phone.
        head = phone.new_page()
        browser_login(head, live_server, "truongthon1")
        head.wait_for_url(f"{live_server.url}/start/")
        head.get_by_role("link", name="Báo cáo 6 tháng").click()
        head.wait_for_url(url)
        fill_cards(head, "Đã tổ chức họp thôn, niêm yết công khai")
        card(head, "2.c").get_by_label(re.compile("đã tiếp nhận")).fill("4")
        card(head, "2.c").get_by_label("Số đơn đã giải quyết").fill("3")
        assert head.evaluate("document.documentElement.scrollWidth") <= 360
        head.get_by_role("button", name="Nộp báo cáo").click()
        head.wait_for_url(url)
        assert "Đã nộp báo cáo" in head.get_by_role("status").first.inner_text()
        assert head.get_by_test_id("report-state").inner_text().startswith("Đã nộp")

        # vanhoaxahoi returns it with a comment.
        coordinator = desk.new_page()
        browser_login(coordinator, live_server, "vanhoaxahoi")
        coordinator.wait_for_url(f"{live_server.url}/start/")
        coordinator.goto(url)
        coordinator.get_by_label("Lý do trả lại, yêu cầu chỉnh sửa").fill("Đề nghị bổ sung số cuộc họp thôn.")
        coordinator.get_by_role("button", name="Trả lại").click()
        coordinator.wait_for_url(url)

        # truongthon1 sees the comment, fixes and resubmits.
        head.goto(url)
        assert "bổ sung số cuộc họp thôn" in head.get_by_test_id("return-comment").inner_text()
        card(head, "2.b").get_by_label(re.compile("họp thôn về nội dung")).fill("2")
        head.get_by_role("button", name="Nộp báo cáo").click()
        head.wait_for_url(url)
        assert head.get_by_test_id("report-state").inner_text().startswith("Đã nộp")

        # vanhoaxahoi accepts, opens the dashboard and downloads the consolidated PDF and XLSX.
        coordinator.goto(url)
        coordinator.get_by_role("button", name="Duyệt").click()
        coordinator.wait_for_url(url)
        assert coordinator.get_by_test_id("report-state").inner_text().startswith("Đã duyệt")
        coordinator.goto(f"{live_server.url}/start/")
        assert coordinator.get_by_role("heading", name="Theo dõi báo cáo").is_visible()
        coordinator.get_by_test_id("period-6thang").get_by_role("link", name="Báo cáo 6 tháng").click()
        coordinator.wait_for_url(re.compile(r"/reports/periods/\d+/$"))
        consolidated_url = coordinator.url
        for button, magic in (("Tải báo cáo PDF", b"%PDF"), ("Tải số liệu XLSX", b"PK")):
            coordinator.goto(consolidated_url)
            coordinator.get_by_role("button", name=button).click()
            link = coordinator.get_by_test_id("export-download")
            link.wait_for()
            with coordinator.expect_download() as download:
                link.click()
            with open(download.value.path(), "rb") as handle:
                assert handle.read(4).startswith(magic)
        journey_report.refresh_from_db()
        assert journey_report.state == ProgressReport.State.ACCEPTED
        assert list(journey_report.events.values_list("kind", flat=True)) == ["submitted", "returned", "submitted", "accepted"]
    finally:
        phone.close()
        desk.close()


def test_other_village_head_cannot_open_the_form(live_server, journey_report, phone_context):
    page = phone_context.new_page()
    browser_login(page, live_server, "truongthon2")
    page.wait_for_url(f"{live_server.url}/start/")
    response = page.goto(f"{live_server.url}{journey_report.get_absolute_url()}")
    assert response.status == 404


def test_typed_text_survives_a_session_timeout(live_server, journey_report, phone_context):
    url = f"{live_server.url}{journey_report.get_absolute_url()}"
    page = phone_context.new_page()
    browser_login(page, live_server, "truongthon1")
    page.wait_for_url(f"{live_server.url}/start/")
    page.goto(url)
    page.locator(".item-card").first.get_by_label("Khó khăn, vướng mắc").fill("Văn bản dài gõ trước khi hết phiên")
    phone_context.clear_cookies(name="sessionid")  # the session runs out while the form is open
    page.get_by_role("button", name="Lưu nháp").click()
    page.wait_for_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Tên đăng nhập").fill("truongthon1")
    page.get_by_label("Mật khẩu").fill("camgiang2026")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(url)
    assert page.locator("#restored-notice").is_visible()
    assert page.locator(".item-card").first.get_by_label("Khó khăn, vướng mắc").input_value() == "Văn bản dài gõ trước khi hết phiên"
    page.get_by_role("button", name="Lưu nháp").click()
    page.wait_for_url(url)
    assert journey_report.items.filter(difficulties="Văn bản dài gõ trước khi hết phiên").exists()
