"""Journeys in Debian's chromium: a citizen's feedback from a phone to its published answer."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import DESKTOP, browser_login, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def official_page(browser, live_server, username):
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    browser_login(page, live_server, username)
    page.wait_for_url(f"{live_server.url}/start/")
    return context, page


def test_feedback_from_a_phone_to_the_published_answer(live_server, demo, phone_context, browser):
    # A citizen on a phone sends feedback and gets a tracking code.
    citizen = phone_context.new_page()
    citizen.goto(f"{live_server.url}/phan-anh/")
    citizen.get_by_label("Phản ánh", exact=True).check()
    citizen.locator("#id_subject").fill("Cống thoát nước bị tắc")
    citizen.locator("#id_content").fill("Cống trước nhà văn hóa thôn bị tắc, nước tràn ra đường.")
    citizen.locator("#id_village").select_option(label="Thôn Đông Giao")
    citizen.locator("#id_name").fill("Lê Văn Công")
    citizen.locator("#id_phone").fill("0911222333")
    citizen.locator("#id_consent").check()
    assert citizen.evaluate("document.documentElement.scrollWidth") <= 360
    citizen.get_by_role("button", name="Gửi phản ánh").click()
    code = citizen.get_by_test_id("tracking-code").inner_text().strip()
    assert re.fullmatch(r"PA-10888-\d{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}", code)
    key = citizen.get_by_test_id("access-key").inner_text().strip()
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{4} [2-9A-HJKMNP-Z]{4}", key)

    # …and looks it up by code from the lookup box.
    citizen.goto(f"{live_server.url}/phan-anh/")
    citizen.get_by_placeholder("PA-10888-2026-7KQ4-M9XD").fill(code.lower())  # as typed on a phone
    citizen.get_by_role("button", name="Tra cứu").click()
    citizen.wait_for_url(f"{live_server.url}/phan-anh/{code}/")
    expect(citizen.get_by_test_id("status")).to_have_text("Đã tiếp nhận")
    # A stranger with the code sees its state and dates, not the village; the key (typed loosely) shows it.
    expect(citizen.locator("main")).not_to_contain_text("Thôn Đông Giao")
    citizen.get_by_label("Người gửi xem chi tiết bằng mã xác nhận").fill(key.lower().replace(" ", "-"))
    citizen.get_by_role("button", name="Xem chi tiết").click()
    expect(citizen.locator("main")).to_contain_text("Thôn Đông Giao")

    # The MTTQ classifies it and forwards it to truongthon1's village.
    context, mttq = official_page(browser, live_server, "mttq")
    mttq.goto(f"{live_server.url}/can-bo/phan-anh/")
    mttq.get_by_role("link", name=code).click()
    expect(mttq.get_by_test_id("personal-data")).to_contain_text("0911222333")
    mttq.locator("form[action$='/phan-loai/']").get_by_role("button", name="Phân loại").click()
    expect(mttq.get_by_test_id("status")).to_have_text("Đã phân loại")
    forward = mttq.locator("form[action$='/chuyen/']")
    forward.get_by_label("Cơ quan giải quyết").select_option(label="Thôn Đông Giao")
    forward.get_by_role("button", name="Chuyển").click()
    expect(mttq.get_by_test_id("status")).to_have_text("Đã chuyển cơ quan giải quyết")

    # truongthon1 answers.
    head_context, head = official_page(browser, live_server, "truongthon1")
    head.goto(f"{live_server.url}/can-bo/phan-anh/")
    head.get_by_role("link", name=code).click()
    head.get_by_label("Nội dung trả lời").fill("Thôn đã huy động thanh niên khơi thông cống ngày 25/11.")
    head.get_by_role("button", name="Gửi trả lời").click()
    expect(head.get_by_test_id("status")).to_have_text("Đã có dự thảo trả lời")
    head_context.close()

    # The MTTQ closes and publishes.
    mttq.reload()
    mttq.locator("form[action$='/ket-thuc/']").get_by_role("button", name="Kết thúc").click()
    expect(mttq.get_by_test_id("status")).to_have_text("Đã kết thúc")
    mttq.locator("form[action$='/cong-bo/']").get_by_role("button", name="Công bố").click()
    expect(mttq.get_by_test_id("status")).to_have_text("Đã công bố kết quả")
    context.close()

    # The public lookup shows the answer and neither the name nor the phone.
    citizen.goto(f"{live_server.url}/phan-anh/{code}/")
    expect(citizen.get_by_test_id("answer")).to_contain_text("khơi thông cống")
    text = citizen.locator("body").inner_text()
    assert "Lê Văn Công" not in text and "0911222333" not in text


OFFICIAL_PATHS = [
    "/can-bo/phan-anh/",
    "/can-bo/cong-khai-phan-anh/",
    "/can-bo/cong-khai/",
    "/can-bo/tiep-cong-dan/",
    "/can-bo/phan-anh/1/",
]


def test_anonymous_reaches_no_officials_page(live_server, demo, phone_context):
    page = phone_context.new_page()
    for path in OFFICIAL_PATHS:
        page.goto(f"{live_server.url}{path}")
        assert page.url.startswith(f"{live_server.url}/accounts/login/"), path


def test_public_pages_fit_a_phone(live_server, demo, phone_context):
    page = phone_context.new_page()
    for path in [
        "/",
        "/ke-hoach/",
        "/cong-khai/",
        "/phan-anh/",
        "/tiep-cong-dan/",
        "/tim-kiem/?q=dan+chu",
        "/du-lieu-mo/",
    ]:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == "vi"
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path


def test_feedback_form_works_with_the_keyboard_alone(live_server, demo, desktop_context):
    page = desktop_context.new_page()
    page.goto(f"{live_server.url}/phan-anh/")
    tab_to(page, "#id_kind_0")
    page.keyboard.press("Space")
    tab_to(page, "#id_subject")
    page.keyboard.type("Đèn đường hỏng")
    tab_to(page, "#id_content")
    page.keyboard.type("Đèn ở ngõ 3 hỏng hai tuần.")
    tab_to(page, "#id_village")
    page.keyboard.press("ArrowDown")
    tab_to(page, "#id_name")
    page.keyboard.type("Lê Văn Công")
    tab_to(page, "#id_phone")
    page.keyboard.type("0911222333")
    tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("tracking-code")).to_have_text(
        re.compile(r"PA-10888-\d{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}")
    )
