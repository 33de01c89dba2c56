"""Journeys in Debian's chromium on the demo of two communes and the city (seed_demo --reports --communes 2, as
of 08/06/2026, after the communes' own deadline): Cẩm Giang's leadership issues its 6-month Báo cáo on a phone
and the city's Sở Nội vụ sees it arrive on time, with the signed file; then the officer reminds the commune
that has not sent, once however often clicked, and its coordinator finds the reminder in the portal.

The browser keeps the real clock (a session cookie dated in June would be expired for it), so the city's
deadline for the 6-month report is set ten days from today: what matters is on time against it."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from city.models import CityPeriod
from conftest import PHONE, browser_login
from plans.demo import demo_sites
from plans.models import ReportingPeriod
from reports import workflow
from reports.models import ProgressReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def platform(settings, signing_identity, smtp):
    settings.PLATFORM_COMMUNES = "many"
    settings.CELERY_TASK_ALWAYS_EAGER = True  # the queue and the worker are the reminders' tests'
    call_command("seed_demo", "--reports", "--communes", "2", "--as-of", "2026-06-08", verbosity=0)
    cam_giang, second = (site.commune for site in demo_sites(2))
    city_period = CityPeriod.objects.get(year=2026, code="6thang")
    city_period.due_date = timezone.localdate() + datetime.timedelta(days=10)
    city_period.save()
    period = ReportingPeriod.all_communes.get(plan__commune=cam_giang, plan__year=2026, code="6thang")
    coordinator = get_user_model().objects.get(username="vanhoaxahoi")
    for report in ProgressReport.all_communes.filter(period=period, state=ProgressReport.State.SUBMITTED):
        workflow.transition(report, "accept", coordinator)  # the review done: nothing waits
    return cam_giang, second, period, city_period


def test_cam_giang_issues_its_6_month_bao_cao_and_the_city_sees_it_on_time(
    live_server, platform, browser, phone_context, desktop_context
):
    cam_giang, second, period, city_period = platform
    leader = phone_context.new_page()
    base = f"{live_server.url}/xa/{cam_giang.slug}"
    browser_login(leader, live_server, "lanhdao")
    leader.wait_for_url(f"{base}/start/")
    leader.goto(f"{base}/reports/periods/{period.pk}/issue/")
    leader.get_by_role("button", name="Ban hành và ký số").click()
    expect(leader.get_by_text("Đã ban hành báo cáo tổng hợp số")).to_be_visible()
    assert leader.evaluate("document.documentElement.scrollWidth") <= 360

    city = desktop_context.new_page()
    browser_login(city, live_server, "thanhpho")
    city.wait_for_url(f"{live_server.url}/thanh-pho/")
    city.get_by_label("Kỳ báo cáo").select_option(label=str(city_period))
    city.get_by_role("button", name="Xem").click()
    row = city.locator(f'tr[data-commune="{cam_giang.code}"]')
    expect(row).to_contain_text("Đã gửi đúng hạn")
    expect(row).to_contain_text("/BC-UBND")
    expect(city.locator(f'tr[data-commune="{second.code}"]')).to_contain_text("Chưa gửi")
    expect(city.get_by_test_id("city-line-0")).to_contain_text("Đã gửi: 1/")
    signed = city.request.get(f"{live_server.url}{row.get_by_role('link', name='/BC-UBND').get_attribute('href')}")
    assert signed.ok and signed.body().startswith(b"%PDF")

    city.get_by_role("link", name=cam_giang.name).click()
    expect(city.get_by_test_id("commune-status")).to_have_text("Đã gửi đúng hạn")
    city.goto(f"{live_server.url}/thanh-pho/ky/{city_period.pk}/so-lieu/")
    expect(city.get_by_test_id("city-figures")).to_be_visible()
    city.get_by_test_id("city-figures").get_by_role("link").first.click()
    expect(city.get_by_test_id("city-drill")).to_contain_text(cam_giang.name)

    # The same dashboard on a phone, the city's leader's.
    leader_context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="vi-VN")
    phone = leader_context.new_page()
    browser_login(phone, live_server, "lanhdaothanhpho")
    phone.wait_for_url(f"{live_server.url}/thanh-pho/")
    phone.goto(f"{live_server.url}/thanh-pho/?ky={city_period.pk}")
    expect(phone.locator(f'tr[data-commune="{cam_giang.code}"]')).to_contain_text("Đã gửi đúng hạn")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    expect(phone.get_by_test_id("city-remind")).to_have_count(0)  # reminding is the Sở Nội vụ's
    leader_context.close()


def test_the_city_reminds_the_commune_that_has_not_sent(live_server, platform, smtp, phone_context, desktop_context):
    cam_giang, second, period, city_period = platform
    city = desktop_context.new_page()
    browser_login(city, live_server, "thanhpho")
    city.wait_for_url(f"{live_server.url}/thanh-pho/")
    city.goto(f"{live_server.url}/thanh-pho/?ky={city_period.pk}")
    city.get_by_test_id("city-remind").click()
    expect(city.get_by_text("Đã gửi nhắc tới 2 xã, phường chưa gửi báo cáo.")).to_be_visible()
    city.get_by_test_id("city-remind").click()  # a second click
    expect(city.get_by_text("2 xã, phường đã được nhắc hôm nay.")).to_be_visible()
    smtp.inbox.wait_for(2)
    assert len(smtp.inbox.messages) == 2
    to_second = [m for m in smtp.inbox.messages if f"{second.slug}.gov.vn" in str(m["To"])]
    assert len(to_second) == 1 and "Báo cáo 6 tháng năm 2026" in str(to_second[0]["Subject"])

    coordinator = phone_context.new_page()
    browser_login(coordinator, live_server, "vanhoaxahoi.2")
    coordinator.wait_for_url(f"{live_server.url}/xa/{second.slug}/start/")
    coordinator.get_by_role("button", name="Mở trình đơn").click()
    coordinator.get_by_test_id("notifications-link").click()
    expect(coordinator.locator("main")).to_contain_text("Thành phố nhắc gửi Báo cáo 6 tháng năm 2026")
    assert coordinator.evaluate("document.documentElement.scrollWidth") <= 360


def test_the_city_leader_issues_the_citys_bao_cao_and_downloads_it(live_server, platform, desktop_context):
    from city import report

    _cam_giang, _second, _period, city_period = platform
    officer = get_user_model().objects.get(username="thanhpho")
    report.draft_save(
        city_period=city_period, basis="", texts={"danh-gia": "Các xã thực hiện nghiêm túc."}, version=0, by=officer
    )
    leader = desktop_context.new_page()
    browser_login(leader, live_server, "lanhdaothanhpho")
    leader.wait_for_url(f"{live_server.url}/thanh-pho/")
    leader.goto(f"{live_server.url}/thanh-pho/?ky={city_period.pk}")
    leader.get_by_test_id("city-report-link").click()
    leader.wait_for_url(f"{live_server.url}/thanh-pho/ky/{city_period.pk}/bao-cao/")
    expect(leader.get_by_test_id("city-issued")).to_contain_text("chưa được ban hành")
    leader.get_by_test_id("city-report-issue").get_by_text("Ban hành", exact=True).click()  # opens the confirm
    leader.get_by_role("button", name="Xác nhận ban hành và ký số").click()
    expect(leader.get_by_text("Đã ban hành báo cáo của thành phố số 01/BC-UBND và ký số.")).to_be_visible()
    issued = leader.get_by_test_id("city-issued-0")
    expect(issued).to_contain_text("Số 01/BC-UBND")
    expect(issued).to_contain_text("Trần Văn Minh")
    href = issued.get_by_role("link", name="Số 01/BC-UBND").get_attribute("href")
    signed = leader.request.get(f"{live_server.url}{href}")
    assert signed.ok and signed.body().startswith(b"%PDF")
