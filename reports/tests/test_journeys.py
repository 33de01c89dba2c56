"""Journeys in Debian's chromium: a village head's 6-month form from phone to acceptance, and the coordinator's
downloads."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import DESKTOP, PHONE, browser_login, tab_to
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


def test_village_form_submit_return_fix_accept_and_downloads(live_server, journey_report, browser, celery_eager):
    url = f"{live_server.url}{journey_report.get_absolute_url()}"
    phone = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
    )
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
        # The form posts back to its own URL, so waiting for the URL proves nothing: wait for the new state.
        expect(head.get_by_role("status").first).to_contain_text("Đã nộp báo cáo")
        expect(head.get_by_test_id("report-state")).to_have_text(re.compile(r"^\s*Đã nộp"))

        # vanhoaxahoi returns it with a comment.
        coordinator = desk.new_page()
        browser_login(coordinator, live_server, "vanhoaxahoi")
        coordinator.wait_for_url(f"{live_server.url}/start/")
        coordinator.goto(url)
        coordinator.get_by_label("Lý do trả lại, yêu cầu chỉnh sửa").fill("Đề nghị bổ sung số cuộc họp thôn.")
        coordinator.get_by_role("button", name="Trả lại").click()
        expect(coordinator.get_by_test_id("report-state")).to_have_text(re.compile(r"^\s*Bị trả lại"))

        # truongthon1 sees the comment, fixes and resubmits.
        head.goto(url)
        expect(head.get_by_test_id("return-comment")).to_contain_text("bổ sung số cuộc họp thôn")
        card(head, "2.b").get_by_label(re.compile("họp thôn về nội dung")).fill("2")
        head.get_by_role("button", name="Nộp báo cáo").click()
        expect(head.get_by_test_id("report-state")).to_have_text(re.compile(r"^\s*Đã nộp"))

        # vanhoaxahoi accepts, opens the dashboard and downloads the consolidated PDF and XLSX.
        coordinator.goto(url)
        coordinator.get_by_role("button", name="Duyệt").click()
        expect(coordinator.get_by_test_id("report-state")).to_have_text(re.compile(r"^\s*Đã duyệt"))
        coordinator.goto(f"{live_server.url}/start/")
        expect(coordinator.get_by_role("heading", name="Theo dõi báo cáo")).to_be_visible()
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
        # …and reads every body's words on one item, one click from the consolidated page.
        coordinator.goto(consolidated_url)
        coordinator.get_by_role("link", name=re.compile(r"^Tình hình từng đơn vị")).first.click()
        village = coordinator.get_by_test_id("body-progress").filter(has_text="Thôn Đông Giao")
        expect(village).to_contain_text("Đã tổ chức họp thôn, niêm yết công khai")
        journey_report.refresh_from_db()
        assert journey_report.state == ProgressReport.State.ACCEPTED
        assert list(journey_report.events.values_list("kind", flat=True)) == [
            "submitted",
            "returned",
            "submitted",
            "accepted",
        ]
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
    expect(page.locator("#restored-notice")).to_be_visible()
    assert (
        page.locator(".item-card").first.get_by_label("Khó khăn, vướng mắc").input_value()
        == "Văn bản dài gõ trước khi hết phiên"
    )
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_role("status").first).to_contain_text("Đã lưu nháp")
    assert journey_report.items.filter(difficulties="Văn bản dài gõ trước khi hết phiên").exists()


def test_double_click_on_submit_submits_once(live_server, journey_report, phone_context):
    url = f"{live_server.url}{journey_report.get_absolute_url()}"
    page = phone_context.new_page()
    browser_login(page, live_server, "truongthon1")
    page.wait_for_url(f"{live_server.url}/start/")
    page.goto(url)
    fill_cards(page, "Đã triển khai")
    page.get_by_role("button", name="Nộp báo cáo").dblclick()
    page.get_by_test_id("report-state").filter(has_text="Đã nộp").wait_for()
    journey_report.refresh_from_db()
    assert journey_report.state == ProgressReport.State.SUBMITTED
    assert journey_report.events.count() == 1


def test_progress_form_works_with_the_keyboard_alone(live_server, journey_report, desktop_context):
    """Every row's status and words, then "Nộp báo cáo", reached and used with Tab, arrows, typing and Enter."""
    url = f"{live_server.url}{journey_report.get_absolute_url()}"
    page = desktop_context.new_page()
    browser_login(page, live_server, "truongthon1")
    page.wait_for_url(f"{live_server.url}/start/")
    page.goto(url)
    for row in journey_report.items.order_by("item__area__order", "item__order"):
        tab_to(page, f"#id_p{row.pk}-status")
        page.keyboard.press("ArrowDown")
        tab_to(page, f"#id_p{row.pk}-done")
        page.keyboard.type("Đã họp thôn")
    tab_to(page, "button[value=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("report-state")).to_have_text(re.compile(r"^\s*Đã nộp"))
    journey_report.refresh_from_db()
    assert journey_report.state == ProgressReport.State.SUBMITTED
    assert journey_report.items.filter(done="Đã họp thôn").count() == journey_report.items.count()
