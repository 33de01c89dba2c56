"""Journey in Debian's chromium: leadership opens a period's consolidated report, issues and signs it, sees its
number."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from camgiang_portal import signing
from conftest import browser_login
from issuance.models import IssuedDocument

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_leadership_issues_the_consolidated_report(live_server, accepted_period, signing_identity, desktop_context):
    url = f"{live_server.url}{reverse('consolidation:consolidated', args=[accepted_period.pk])}"
    page = desktop_context.new_page()
    browser_login(page, live_server, "lanhdao")
    page.goto(url)
    page.get_by_role("link", name="Ban hành và ký số").click()
    expect(page.get_by_role("heading", name="Ban hành báo cáo tổng hợp")).to_be_visible()
    page.get_by_role("button", name="Ban hành và ký số").click()
    page.wait_for_url(url)
    expect(page.get_by_text("Đã ban hành báo cáo tổng hợp số 01/BC-UBND")).to_be_visible()
    link = page.get_by_role("link", name="Số 01/BC-UBND", exact=True)
    expect(link).to_be_visible()
    document = IssuedDocument.objects.get()
    # The link leads to the signed file itself, which verifies against the portal's trust roots.
    response = page.request.get(f"{live_server.url}{link.get_attribute('href')}")
    assert response.ok and response.body() == document.file.read()
    assert signing.verify_pdf(response.body(), signing.default_trust_roots()).ok
    # Nothing changed since: the confirmation page now says so and offers no button.
    page.goto(f"{live_server.url}{reverse('consolidation:consolidated_issue', args=[accepted_period.pk])}")
    expect(page.get_by_role("status")).to_contain_text("không cần ban hành lại")
    expect(page.get_by_role("button", name="Ban hành và ký số")).to_have_count(0)
