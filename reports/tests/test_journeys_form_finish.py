"""Journey in Debian's chromium at 360 px: a village head finishes a form with "Không phát sinh" on two items,
after a first try that shows the one summary of what is missing."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import browser_login
from plans.models import Item
from reports.models import ItemStatus, ProgressReport
from reports.tests.conftest import build_plan
from reports.tests.test_form_finish import LONG_TEXT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def journey_report(demo):
    """truongthon1's 6-month form, the period open today (the browser lives in real time), a long first item."""
    plan = build_plan()
    plan.periods.filter(code="6thang").update(due_date=timezone.localdate() + datetime.timedelta(days=10))
    item = Item.objects.filter(area__plan=plan).order_by("area__order", "order").first()
    item.text = LONG_TEXT
    item.save(update_fields=["text"])
    return ProgressReport.objects.get(period__plan=plan, period__code="6thang", body__code="thon-001")


def test_village_head_submits_on_a_phone_with_two_items_not_applicable(live_server, journey_report, phone_context):
    url = f"{live_server.url}{journey_report.get_absolute_url()}"
    page = phone_context.new_page()
    browser_login(page, live_server, "truongthon1")
    page.wait_for_url(f"{live_server.url}/start/")
    page.goto(url)

    # The long task text folds behind "Xem đầy đủ" on the phone, and unfolds whole.
    first = page.locator(".item-card").first
    text = first.locator(".item-text-long")
    folded = text.bounding_box()["height"]
    toggle = first.get_by_text("Xem đầy đủ")
    expect(toggle).to_be_visible()
    toggle.click()
    expect(first.get_by_text("Thu gọn")).to_be_visible()
    assert text.bounding_box()["height"] > folded
    assert text.inner_text().strip().endswith("kết thúc bằng cụm từ kiểm tra cuối cùng")

    # First try: every item but the last two answered, then "Nộp báo cáo".
    cards = page.locator(".item-card")
    count = cards.count()
    for index in range(count - 2):
        cards.nth(index).get_by_label("Tình hình thực hiện").select_option("ongoing")
        cards.nth(index).get_by_label("Kết quả đã thực hiện").fill(f"Đã họp thôn, niêm yết công khai ({index + 1})")
    page.get_by_role("button", name="Nộp báo cáo").click()

    summary = page.get_by_test_id("form-problems")
    expect(summary).to_be_visible()
    expect(summary).to_have_attribute("role", "alert")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("còn 2 nhiệm vụ chưa chọn tình hình thực hiện")
    assert page.get_by_role("alert").count() == 1  # one summary, not one error per item
    links = summary.get_by_role("link")
    expect(links).to_have_count(2)
    box = summary.bounding_box()
    assert box["y"] < 360  # on the first screen, not down a long page
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # Its links lead to the items; both are marked "Không phát sinh" there.
    for index in (0, 1):
        page.get_by_test_id("form-problems").get_by_role("link").nth(index).click()
        target = page.evaluate("location.hash")
        assert re.fullmatch(r"#card-\d+", target)
        card = page.locator(target)
        expect(card).to_be_in_viewport()
        card.get_by_label("Tình hình thực hiện").select_option(label="Không phát sinh")
    page.get_by_role("button", name="Nộp báo cáo").click()
    expect(page.get_by_role("status").first).to_contain_text("Đã nộp báo cáo")
    expect(page.get_by_test_id("report-state")).to_have_text(re.compile(r"^\s*Đã nộp"))
    expect(page.get_by_text("Không phát sinh")).to_have_count(2)

    journey_report.refresh_from_db()
    assert journey_report.state == ProgressReport.State.SUBMITTED
    statuses = list(journey_report.items.order_by("item__area__order", "item__order").values_list("status", flat=True))
    assert statuses[-2:] == [ItemStatus.NOT_APPLICABLE, ItemStatus.NOT_APPLICABLE]
    assert all(statuses[:-2]) and ItemStatus.NOT_APPLICABLE not in statuses[:-2]
