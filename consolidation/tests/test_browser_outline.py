# ruff: noqa: F811 - the fixtures imported from outline_support are the test arguments
"""Journey in Debian's chromium, on a 360 px phone: the coordinator opens the outline of the 6-month period from the
consolidated report, renames a section, moves an item to another section, saves, reloads — nothing lost."""

from __future__ import annotations

import os

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from conftest import browser_login
from consolidation.models import ItemPlacement, OutlineSection

from .outline_support import seed_period  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("OUTLINE_SHOTS", "")  # a folder: keep the page's screenshots there (phone and desktop)


def test_the_coordinator_edits_the_outline(live_server, seed_period, phone_context, desktop_context):
    page = phone_context.new_page()
    browser_login(page, live_server, "vanhoaxahoi")
    page.goto(f"{live_server.url}{reverse('consolidation:consolidated', args=[seed_period.pk])}")
    page.get_by_role("link", name="Đề cương báo cáo").click()
    expect(page.get_by_role("heading", name="Đề cương báo cáo: Báo cáo 6 tháng 2026")).to_be_visible()

    section = page.locator('[data-testid="outline-section"][data-key="doi-thoai"]')
    section.get_by_label("Tên mục II.7").fill("Đối thoại, giải trình với Nhân dân ở thôn")
    section.get_by_role("button", name="Đổi tên").click()
    expect(page.get_by_role("status")).to_contain_text("Đã đổi tên mục.")

    page.get_by_label("Mục của nhiệm vụ 2.c").select_option(label="II.7. Đối thoại, giải trình với Nhân dân ở thôn")
    page.get_by_role("button", name="Lưu xếp mục").click()
    expect(page.get_by_role("status")).to_contain_text("Đã lưu việc xếp nhiệm vụ")

    page.reload()
    renamed = OutlineSection.objects.get(outline__period=seed_period, key="doi-thoai")
    expect(section.locator(".outline-title")).to_have_text("Đối thoại, giải trình với Nhân dân ở thôn")
    expect(page.get_by_label("Mục của nhiệm vụ 2.c")).to_have_value(str(renamed.pk))
    # The item now sits under its new section, and the other items stayed where they were.
    group = page.get_by_role("region", name="II.7. Đối thoại, giải trình với Nhân dân ở thôn")
    expect(group.locator('[data-code="2.c"]')).to_be_visible()
    assert (
        ItemPlacement.objects.get(outline__period=seed_period, item__area__number="2", item__label="c").section
        == renamed
    )
    assert ItemPlacement.objects.get(
        outline__period=seed_period, item__area__number="2", item__label="a"
    ).section.key == ("cong-khai")
    # Usable at 360 px: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/outline-360.png", full_page=True)
        desktop = desktop_context.new_page()
        browser_login(desktop, live_server, "vanhoaxahoi")
        desktop.goto(page.url)
        desktop.screenshot(path=f"{SHOTS}/outline-1280.png", full_page=True)
