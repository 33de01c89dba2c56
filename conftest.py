"""Fixtures shared by every app's tests: the demo cast, a logged-in client per role, and the browser."""

from __future__ import annotations

import os

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in the test thread; the ORM calls made from test bodies
# are still synchronous, so Django's async-safety guard must be told.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Fixtures kept beside the code they serve, offered to every test.
pytest_plugins = ["camgiang_portal.tests.pending_uploads"]

DEMO_PASSWORD = "camgiang2026"
CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(autouse=True)
def _own_issuers_dir(settings, tmp_path):
    """Each test's own SIGNING_ISSUERS_DIR: an issuer's identity made by one test (the demo makes them) must not
    sign another's papers, nor land beside the developer's own SIGNING_DIR."""
    settings.SIGNING_ISSUERS_DIR = str(tmp_path / "issuers")


@pytest.fixture(autouse=True)
def _fresh_reports_cache():
    """Each test starts on a new reports cache generation: the test database is rolled back (and its ids may
    be reused), so the dashboard and consolidated pages cached by an earlier test must not be served.
    Setting the one key, not clearing the cache, leaves a shared Redis (Celery's broker too) alone; the value
    is random because tests freeze the clock the production value is taken from."""
    import secrets

    from django.core.cache import cache

    from camgiang_portal.permission_cache import GENERATION_KEY as PERMISSIONS_GENERATION_KEY
    from reports.selectors import CACHE_GENERATION_KEY

    cache.set(CACHE_GENERATION_KEY, secrets.randbits(62), None)
    cache.set(PERMISSIONS_GENERATION_KEY, secrets.randbits(62), None)
    yield


@pytest.fixture
def demo(db):
    """The demo commune: every body and demo account (see plans.demo)."""
    from plans import demo as plans_demo

    plans_demo.demo_bodies_and_users(password=DEMO_PASSWORD)
    return plans_demo


@pytest.fixture
def user_named(demo, django_user_model):
    def get(username: str):
        return django_user_model.objects.get(username=username)

    return get


@pytest.fixture
def client_for(client, user_named):
    """A Django test client logged in as the named demo account."""

    def login(username: str):
        client.force_login(user_named(username))
        return client

    return login


def services_available() -> bool:
    """PostgreSQL and Redis are configured: the pass of .ci/run that can run workers and races."""
    from django.core.exceptions import ImproperlyConfigured

    try:
        engine = settings.DATABASES["default"]["ENGINE"]
    except ImproperlyConfigured:  # pure-Python tests run without Django (-p no:django)
        return False
    return "postgresql" in engine and bool(settings.REDIS_URL)


requires_services = pytest.mark.skipif(
    not services_available(),
    reason="needs PostgreSQL and Redis (DATABASE_URL and REDIS_URL): a Celery worker or a second process "
    "cannot see an in-memory SQLite test database",
)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's chromium, never a downloaded browser; no network calls home from the sandbox.
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


def _keep_screenshots(request, context, label: str) -> None:
    """Keep a screenshot of every open page of a failed browser test in test-artifacts/."""
    failed = getattr(request.node, "rep_call", None)
    if not (failed and failed.failed):
        return
    os.makedirs("test-artifacts", exist_ok=True)
    safe = request.node.nodeid.replace("/", "_").replace("::", "__")
    for index, page in enumerate(context.pages):
        try:
            page.screenshot(path=f"test-artifacts/{safe}-{label}-{index}.png", full_page=True)
        except Exception:  # noqa: BLE001 - a crashed page has nothing left to keep
            continue


@pytest.fixture
def phone_context(browser, request):
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
    )
    yield context
    _keep_screenshots(request, context, "phone")
    context.close()


@pytest.fixture
def desktop_context(browser, request):
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    yield context
    _keep_screenshots(request, context, "desktop")
    context.close()


def browser_login(page, live_server, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def _signing_identity_dir(tmp_path_factory):
    from camgiang_portal.tests.signing_helpers import make_identity

    return make_identity(tmp_path_factory.mktemp("signing"))


@pytest.fixture
def signing_identity(settings, _signing_identity_dir):
    """The development signing identity (made once per session, outside the repo) in use; returns its folder."""
    settings.SIGNING_DIR = _signing_identity_dir
    settings.SIGNING_P12 = ""
    settings.SIGNING_PKCS11_MODULE = ""
    settings.SIGNING_TRUST_ROOTS = []
    return _signing_identity_dir


@pytest.fixture
def issuer_identity(signing_identity):
    """`issuer_identity(commune)` gives a commune other than the home one (None: the city) its own development
    identity, as seed_demo or the platform's administrator does: without one it may not sign at all (a paper
    signed with another agency's certificate would say that agency issued it)."""
    from issuance import identities

    def make(commune=None):
        return identities.ensure_development_identity(commune)[0]

    return make


def tab_to(page, selector: str, limit: int = 120) -> None:
    """Press Tab until the element matching the CSS selector has the focus, as a keyboard-only user reaches it."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")
