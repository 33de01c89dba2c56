"""axe-core on every main page at phone and desktop sizes: no serious or critical violations."""

import pytest

from camgiang_portal.tests.a11y import serious_violations
from conftest import DESKTOP, PHONE, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    "/",
    "/accounts/login/",
    "/accounts/password_reset/",
    "/xac-thuc/",
    "/accounts/logout/",
]  # the last: the 405 page
# (user, pages) — each role's start page plus the pages it works on.
OFFICIAL_PAGES = [
    ("truongthon1", ["/start/", "/plans/", "/plans/{plan}/", "/plans/bodies/{body}/"]),
    (
        "vanhoaxahoi",
        [
            "/start/",
            "/plans/{plan}/assignments/",
            "/plans/import/",
            "/plans/history/",
            "/reminders/settings/",
            "/reminders/templates/before/",
        ],
    ),
    ("lanhdao", ["/start/", "/plans/{plan}/ban-hanh/"]),
    ("phongkinhte", ["/start/"]),
    ("mttq", ["/start/"]),
]


@pytest.fixture
def a11y_context(browser):
    def make(viewport):
        # axe is injected as an inline script, which the portal's own CSP rightly forbids.
        return browser.new_context(viewport=viewport, bypass_csp=True, locale="vi-VN")

    contexts = []

    def factory(viewport):
        context = make(viewport)
        contexts.append(context)
        return context

    yield factory
    for context in contexts:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_public_pages(live_server, demo, a11y_context, viewport):
    demo.demo_plan()
    page = a11y_context(viewport).new_page()
    problems = {}
    for path in PUBLIC_PAGES:
        page.goto(live_server.url + path)
        found = serious_violations(page)
        if found:
            problems[path] = found
    assert problems == {}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_officials_pages(live_server, demo, a11y_context, viewport):
    from plans.models import Body

    plan = demo.demo_plan()
    body = Body.objects.get(code="thon-001")
    problems = {}
    for username, paths in OFFICIAL_PAGES:
        context = a11y_context(viewport)
        page = context.new_page()
        browser_login(page, live_server, username)
        page.wait_for_url(f"{live_server.url}/start/")
        for path in paths:
            page.goto(live_server.url + path.format(plan=plan.pk, body=body.pk))
            found = serious_violations(page)
            if found:
                problems[f"{username} {path}"] = found
    assert problems == {}


def test_login_form_works_with_the_keyboard_alone(live_server, demo, desktop_context):
    page = desktop_context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")
    focused = []
    for _ in range(40):  # past the skip link and the public menu
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.name || document.activeElement.id || ''"))
        if focused[-1] == "password":
            break
    assert "username" in focused and "password" in focused
    page.keyboard.type("camgiang2026")
    page.locator("#id_username").focus()
    page.keyboard.type("truongthon1")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/start/")
