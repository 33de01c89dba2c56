"""Journey in Debian's chromium, on the seeded demo (seed_demo --reports): the coordinator drafts the 6-month Báo
cáo — moves an item to another section of the outline, quotes two groups of the bodies' words, writes the
assessment, saves (autosave and button), reloads, previews the PDF — and leadership issues it; the signed paper
says what the coordinator wrote, in the outline's order. A second editor on an older page gets the conflict
message, never an overwrite. Screenshots at 360 and 1280 px go to $DRAFT_SHOTS when it names a folder."""

from __future__ import annotations

import os
import re
from collections import Counter

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from camgiang_portal.tests import pdfcheck
from conftest import browser_login
from consolidation import issuing
from consolidation.models import ItemPlacement, ReportDraft
from issuance.models import IssuedDocument
from plans.models import ReportingPeriod

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("DRAFT_SHOTS", "")
ASSESSMENT = "Ban Chỉ đạo xã đánh giá việc đối thoại ở thôn Hoàng Xá là điểm sáng cần nhân rộng trong 6 tháng cuối năm."
MOVED_CODE = "2.c"  # Tiếp công dân…: placed under II.6, moved to II.3 (Nhân dân tham gia ý kiến), empty in the demo
MOVED_TO = "tham-gia-y-kien"
QUOTED_IN = "lanh-dao"  # I. Công tác lãnh đạo…: 25 groups of the bodies' words in the demo
MOVED_WORDS = "Tổ hòa giải các thôn tiếp nhận 12 đơn"  # one body group's words on that item


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def demo_period(signing_identity):
    """The demo as `make run` seeds it, today: its 6-month period has accepted forms and none waiting."""
    call_command("seed_demo", "--reports", verbosity=0)
    return ReportingPeriod.objects.get(plan__year=2026, code="6thang")


def _section(page, key: str):
    return page.locator(f'section[data-key="{key}"]')


def _quote_into(page, key: str, count: int) -> list[str]:
    """Click the "Trích" buttons of `count` groups of the section that its text does not say yet (the pre-filled
    text says each item's most shared words already); returns the words each button puts in the textarea."""
    area = _section(page, key).locator("textarea")
    quotes = _section(page, key).get_by_test_id("draft-quote")
    texts = []
    for index in range(quotes.count()):
        quote = quotes.nth(index)
        if quote.locator(".quote-text").inner_text() in area.input_value():
            continue
        button = quote.get_by_test_id("draft-quote-button")
        texts.append(button.get_attribute("data-text"))
        button.click()
        if len(texts) == count:
            return texts
    raise AssertionError(f"fewer than {count} groups of words left to quote in {key}")


def _flat_pdf(pdf: bytes) -> str:
    return pdfcheck.flat(pdfcheck.text(pdf))


def _between(text: str, start: str, end: str) -> str:
    head = text.index(start)
    return text[head : text.index(end, head)]


def _move_item(page, live_server, period) -> None:
    page.get_by_test_id("outline-link").click()
    expect(page.get_by_role("heading", name=re.compile("Đề cương báo cáo"))).to_be_visible()
    page.get_by_label(f"Mục của nhiệm vụ {MOVED_CODE}").select_option(label="II.3. Nhân dân tham gia ý kiến")
    page.get_by_role("button", name="Lưu xếp mục").click()
    expect(page.get_by_role("status")).to_contain_text("Đã lưu việc xếp nhiệm vụ")
    placement = ItemPlacement.objects.get(outline__period=period, item__area__number="2", item__label="c")
    assert placement.section.key == MOVED_TO
    page.goto(f"{live_server.url}{reverse('consolidation:draft', args=[period.pk])}")


def _shots(page, desktop_context, live_server) -> None:
    if not SHOTS:
        return
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/draft-360.png", full_page=True)
    desktop = desktop_context.new_page()
    browser_login(desktop, live_server, "vanhoaxahoi")
    desktop.goto(page.url)
    desktop.screenshot(path=f"{SHOTS}/draft-1280.png", full_page=True)
    # Far down a section's words, its text is still in view beside them.
    _section(desktop, QUOTED_IN).get_by_test_id("draft-quote").nth(10).scroll_into_view_if_needed()
    desktop.screenshot(path=f"{SHOTS}/draft-1280-quoting.png")
    desktop.close()


def test_the_coordinator_drafts_and_leadership_issues(
    live_server, demo_period, browser, phone_context, desktop_context
):
    period = demo_period
    consolidated = f"{live_server.url}{reverse('consolidation:consolidated', args=[period.pk])}"
    draft_url = f"{live_server.url}{reverse('consolidation:draft', args=[period.pk])}"
    page = phone_context.new_page()
    browser_login(page, live_server, "vanhoaxahoi")
    page.goto(consolidated)
    page.get_by_role("link", name="Soạn dự thảo Báo cáo").click()
    page.wait_for_url(draft_url)
    # A second editor (the coordinator at another computer) opens the draft now, before any save.
    other_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    other = other_context.new_page()
    browser_login(other, live_server, "vanhoaxahoi")
    other.goto(draft_url)

    _move_item(page, live_server, period)
    # The moved item's words are now offered under its new section (the demo's draft was saved before the move:
    # its text stays as saved), and quoted there.
    moved = _section(page, MOVED_TO)
    offered = moved.get_by_test_id("draft-quote").filter(has_text=MOVED_WORDS)
    expect(offered.first).to_be_visible()
    if MOVED_WORDS not in moved.locator("textarea").input_value():
        offered.first.get_by_test_id("draft-quote-button").click()
    expect(moved.locator("textarea")).to_have_value(re.compile(re.escape(MOVED_WORDS)))

    quotes = _quote_into(page, QUOTED_IN, 2)
    # Both land at the end of that section's text, in the order they were clicked.
    expect(_section(page, QUOTED_IN).locator("textarea")).to_have_value(re.compile(re.escape("\n".join(quotes)) + "$"))
    assessment = _section(page, "danh-gia").locator("textarea")
    assessment.fill(f"{assessment.input_value()}\n{ASSESSMENT}")
    expect(page.locator("#draft-status")).to_contain_text("Đã lưu dự thảo", timeout=15_000)
    page.get_by_test_id("draft-save").click()
    expect(page.get_by_role("status").first).to_contain_text("Đã lưu dự thảo")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.reload()
    expect(_section(page, "danh-gia").locator("textarea")).to_have_value(re.compile(re.escape(ASSESSMENT)))
    for quoted in quotes:
        expect(_section(page, QUOTED_IN).locator("textarea")).to_have_value(re.compile(re.escape(quoted)))
    _shots(page, desktop_context, live_server)

    # The other editor's page is older: its autosave is refused with the conflict message, nothing overwritten.
    with other.expect_response(lambda r: r.url == draft_url and r.request.method == "POST") as answer:
        _section(other, "danh-gia").locator("textarea").fill("Bản cũ ghi đè.")
    assert answer.value.status == 409
    expect(other.locator("#draft-conflict")).to_be_visible()
    expect(other.locator("#draft-conflict")).to_contain_text("Người khác vừa lưu dự thảo này")
    other_context.close()
    page.reload()
    expect(_section(page, "danh-gia").locator("textarea")).to_have_value(re.compile(re.escape(ASSESSMENT)))
    saved = ReportDraft.objects.get(period=period)
    assert ASSESSMENT in saved.texts[_section(page, "danh-gia").get_attribute("id").removeprefix("muc-")]
    assert "Bản cũ ghi đè." not in str(saved.texts)

    preview = page.request.get(f"{live_server.url}{page.get_by_test_id('draft-preview').get_attribute('href')}")
    assert preview.ok and preview.headers["content-type"] == "application/pdf"
    assert pdfcheck.flat(ASSESSMENT) in _flat_pdf(preview.body())

    leader_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    leader = leader_context.new_page()
    browser_login(leader, live_server, "lanhdao")
    leader.goto(f"{live_server.url}{reverse('consolidation:consolidated_issue', args=[period.pk])}")
    leader.get_by_role("button", name="Ban hành và ký số").click()
    leader.wait_for_url(consolidated)
    expect(leader.get_by_text(re.compile("Đã ban hành báo cáo tổng hợp số"))).to_be_visible()
    leader_context.close()
    document = _issued(period)
    text = _flat_pdf(document.file.read())
    if SHOTS:
        with open(f"{SHOTS}/issued.txt", "w", encoding="utf-8") as out:
            out.write(text)
    _check_the_issued_paper(text, quotes)


def _issued(period) -> IssuedDocument:
    return issuing.consolidated_paper_in_force(period)


def _check_the_issued_paper(text: str, quotes: list[str]) -> None:
    assert pdfcheck.flat(ASSESSMENT) in text
    leading = _between(text, "I. CÔNG TÁC LÃNH ĐẠO", "II. KẾT QUẢ")
    for quoted in quotes:
        assert pdfcheck.flat(quoted.removeprefix("- ")) in leading
    headings = [
        "I. CÔNG TÁC LÃNH ĐẠO",
        "II. KẾT QUẢ THỰC HIỆN DÂN CHỦ",
        "III. ĐÁNH GIÁ CHUNG",
        "IV. NHIỆM VỤ TRỌNG TÂM",
        "V. KIẾN NGHỊ",
    ]
    places = [text.index(heading) for heading in headings]
    assert places == sorted(places)
    assert "%" in text and "cùng kỳ" in text
    recipients = text[text.index("Nơi nhận") :]
    assert recipients.index("UBND thành phố Hải Phòng") < recipients.index("Thường trực Đảng ủy")
    repeated = {s: n for s, n in Counter(s.strip() for s in text.split(". ") if len(s.strip()) > 20).items() if n > 2}
    assert repeated == {}
    # The moved item's words are printed under its new section, before the next one.
    moved = _between(text.lower(), "nhân dân tham gia ý kiến", "thực hiện dân chủ trong cơ quan")
    assert MOVED_WORDS.lower() in moved
    assert "PHỤ LỤC: SỐ LIỆU" in text
