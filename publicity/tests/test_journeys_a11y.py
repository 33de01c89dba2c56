"""axe-core on the publicity pages, public and officials', at phone and desktop sizes."""

from __future__ import annotations

import pytest

from camgiang_portal.tests.a11y import serious_violations
from conftest import DESKTOP, PHONE, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC = [
    "/",
    "/ke-hoach/",
    "/cong-khai/",
    "/cong-khai/{disclosure}/",
    "/phan-anh/",
    "/phan-anh/{code}/",
    "/tiep-cong-dan/",
    "/tim-kiem/?q=dan+chu",
    "/du-lieu-mo/",
    "/cong-khai/danh-muc/{year}/quy-{quarter}/",
]
OFFICIALS = [
    (
        "mttq",
        [
            "/can-bo/cong-khai-phan-anh/",
            "/can-bo/phan-anh/",
            "/can-bo/phan-anh/{feedback}/",
            "/can-bo/phan-anh/ghi-nhan/",
        ],
    ),
    (
        "vanhoaxahoi",
        ["/can-bo/cong-khai/", "/can-bo/cong-khai/moi/", "/can-bo/cong-khai/{disclosure}/", "/can-bo/tiep-cong-dan/"],
    ),
]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _data(demo):
    from django.utils import timezone

    from publicity import demo as publicity_demo
    from publicity.models import DisclosureItem, Feedback

    demo.demo_plan()
    publicity_demo.demo_publicity()
    today = timezone.localdate()
    return {
        "disclosure": DisclosureItem.objects.first().pk,
        "code": Feedback.objects.filter(status="published").first().code,
        "feedback": Feedback.objects.filter(status="forwarded").first().pk,
        "year": today.year,
        "quarter": (today.month - 1) // 3 + 1,
    }


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_publicity_pages_have_no_serious_violations(live_server, demo, browser, viewport):
    values = _data(demo)
    problems = {}
    context = browser.new_context(viewport=viewport, bypass_csp=True, locale="vi-VN")
    page = context.new_page()
    for path in PUBLIC:
        page.goto(live_server.url + path.format(**values))
        found = serious_violations(page)
        if found:
            problems[path] = found
    context.close()
    for username, paths in OFFICIALS:
        context = browser.new_context(viewport=viewport, bypass_csp=True, locale="vi-VN")
        page = context.new_page()
        browser_login(page, live_server, username)
        page.wait_for_url(f"{live_server.url}/start/")
        for path in paths:
            page.goto(live_server.url + path.format(**values))
            found = serious_violations(page)
            if found:
                problems[f"{username} {path}"] = found
        context.close()
    assert problems == {}
