"""Journeys: leadership issues the plan on a desktop; a citizen checks the signed file on a phone."""

import pytest
from playwright.sync_api import expect

from camgiang_portal.actors import SYSTEM
from conftest import browser_login
from issuance.models import IssuedDocument
from plans.models import Plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_leadership_issues_the_demo_plan(live_server, demo, signing_identity, desktop_context, tmp_path):
    plan = demo.demo_plan()
    page = desktop_context.new_page()
    browser_login(page, live_server, "lanhdao")
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    page.get_by_role("link", name="Ban hành và ký số").click()
    page.get_by_role("button", name="Ban hành và ký số").click()
    page.wait_for_url(f"{live_server.url}{plan.get_absolute_url()}")
    expect(page.get_by_text("Đã ban hành kế hoạch số 01/KH-UBND")).to_be_visible()
    plan.refresh_from_db()
    assert plan.status == Plan.Status.ISSUED
    # The plan page's download is now the signed file itself, and the verification page recognises it.
    with page.expect_download() as download_info:
        page.evaluate("el => el.setAttribute('download', '')", page.get_by_test_id("plan-pdf").element_handle())
        page.get_by_test_id("plan-pdf").click()
    downloaded = tmp_path / "tai-ve.pdf"
    download_info.value.save_as(downloaded)
    assert downloaded.read_bytes() == IssuedDocument.objects.get().file.read()
    page.goto(f"{live_server.url}/xac-thuc/")
    page.get_by_label("Tệp PDF cần kiểm tra").set_input_files(str(downloaded))
    page.get_by_role("button", name="Kiểm tra", exact=True).click()
    expect(page.get_by_text("Chữ ký số hợp lệ")).to_be_visible()
    expect(page.get_by_text("Tệp trùng khớp với văn bản số 01/KH-UBND")).to_be_visible()


def test_citizen_checks_a_signed_file_on_a_phone(live_server, plan, signing_identity, phone_context, tmp_path):
    from issuance import services

    document = services.plan_issue(plan=plan, by=SYSTEM)
    signed = tmp_path / "ke-hoach.pdf"
    signed.write_bytes(document.file.read())
    page = phone_context.new_page()
    page.goto(f"{live_server.url}/xac-thuc/")
    page.get_by_label("Tệp PDF cần kiểm tra").set_input_files(str(signed))
    page.get_by_role("button", name="Kiểm tra", exact=True).click()
    expect(page.get_by_text("Chữ ký số hợp lệ")).to_be_visible()
    expect(page.get_by_text("Tệp trùng khớp với văn bản số 01/KH-UBND")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(tmp_path / "verify-phone.png"), full_page=True)
    assert IssuedDocument.objects.count() == 1
