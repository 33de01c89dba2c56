"""Journey: the coordinator of a second commune imports its plan on its own pages and sees nothing of Cẩm Giang."""

import pytest
from playwright.sync_api import expect

from camgiang_portal.actors import SYSTEM
from conftest import DEMO_PASSWORD
from plans.demo import DemoSite, plan_text
from plans.models import Plan
from plans.onboarding import commune_onboard

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_second_communes_coordinator_imports_its_plan_and_sees_nothing_of_cam_giang(
    live_server, demo, settings, phone_context, tmp_path
):
    settings.PLATFORM_COMMUNES = "many"
    cam_giang_plan = demo.demo_plan()
    an_hai = commune_onboard(code="11617", by=SYSTEM, password=DEMO_PASSWORD).commune
    source = tmp_path / "ke-hoach-an-hai.md"
    source.write_bytes(plan_text(DemoSite(an_hai, 2)))
    base = f"{live_server.url}/xa/an-hai"

    page = phone_context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("an-hai.vanhoaxahoi")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/start/")
    expect(page.locator("header, nav").first).to_contain_text("UBND phường An Hải")
    page.goto(f"{base}/plans/")
    expect(page.locator("main")).not_to_contain_text("Cẩm Giang")
    expect(page.locator("main")).not_to_contain_text(cam_giang_plan.title)

    page.get_by_role("link", name="Nhập kế hoạch từ văn bản").click()
    page.get_by_label("Tệp kế hoạch").set_input_files(str(source))
    page.get_by_role("button", name="Xem trước").click()
    expect(page.get_by_role("heading", name="Xem trước: hệ thống đã nhận ra")).to_be_visible()
    page.get_by_role("button", name="Xác nhận nhập kế hoạch").click()
    page.wait_for_url(f"{base}/plans/*/")
    plan = Plan.all_communes.get(commune=an_hai)
    assert (plan.commune_name, Plan.all_communes.filter(commune=cam_giang_plan.commune).count()) == ("An Hải", 1)
    expect(page.locator("main")).to_contain_text("PHƯỜNG AN HẢI")
    expect(page.locator("body")).not_to_contain_text("Cẩm Giang")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # Cẩm Giang's plan, by its id under An Hải's address: not there at all.
    response = page.goto(f"{base}/plans/{cam_giang_plan.pk}/")
    assert response.status == 404
    page.goto(f"{base}/plans/")
    expect(page.locator("main")).to_contain_text(plan.title)
    expect(page.locator("main")).not_to_contain_text("Cẩm Giang")
