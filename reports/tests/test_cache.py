"""The cached dashboard and consolidated pages: every write shows on the next page, a viewer never gets
another capability's fragment, and a POST from a cached page still passes CSRF."""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from camgiang_portal.actors import SYSTEM
from consolidation import imports
from consolidation import selectors as consolidation_selectors
from reports import selectors, services, workflow
from reports.models import ItemStatus, ProgressReport
from reports.rows import ItemData
from reports.tests.test_import import edited

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
EARLY = datetime.datetime(2026, 5, 20, 9, 0, tzinfo=TZ)
LATE = datetime.datetime(2026, 9, 20, 9, 0, tzinfo=TZ)  # the 6-month period is overdue, its forms still open
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _before_due_date():
    with time_machine.travel(EARLY, tick=False):
        yield


def submit(report, user):
    items = {p.pk: ItemData(status=ItemStatus.ONGOING, done="Đã họp thôn") for p in report.items.all()}
    report = workflow.transition(report, "save", user, version=report.version, summary="", items=items)
    return workflow.transition(report, "submit", user)


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def completeness(html: str, period) -> str:
    """The period card's "Đầy đủ: reported/expected" line on the dashboard."""
    card = html.split(f'data-testid="period-{period.code}"', 1)[1]
    return re.search(r"Đầy đủ: (\d+/\d+)", card).group(1)


def missing_list(html: str) -> str:
    return html.split('id="missing-heading"', 1)[1].split("</section>", 1)[0]


def test_a_submission_shows_on_the_next_dashboard_and_consolidated_page(
    client_for, own_report, user_named, django_capture_on_commit_callbacks
):
    client = client_for("vanhoaxahoi")
    dashboard, consolidated = (
        reverse("consolidation:dashboard"),
        reverse("consolidation:consolidated", args=[own_report.period_id]),
    )
    before = page(client, dashboard)
    assert without_tokens(page(client, dashboard)) == without_tokens(before)  # served from the cache, identical
    assert own_report.body.name in missing_list(page(client, consolidated))
    with django_capture_on_commit_callbacks(execute=True):
        submit(own_report, user_named("truongthon1"))
    after = page(client, dashboard)
    reported, expected = map(int, completeness(before, own_report.period).split("/"))
    assert completeness(after, own_report.period) == f"{reported + 1}/{expected}"
    assert own_report.body.name not in missing_list(page(client, consolidated))


def bump_count(django_capture_on_commit_callbacks, write) -> int:
    """How many times the write bumped the reports cache generation once its transaction committed."""
    before = selectors.cache_generation()
    with django_capture_on_commit_callbacks(execute=True):
        write()
    return selectors.cache_generation() - before


def test_every_report_write_bumps_the_generation(
    plan, own_report, report_of, user_named, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    head, coordinator = user_named("truongthon1"), user_named("vanhoaxahoi")
    other = report_of("thon-002")
    writes = {
        "save": lambda: workflow.transition(
            own_report, "save", head, version=own_report.version, summary="x", items={}
        ),
        "submit": lambda: submit(ProgressReport.objects.get(pk=own_report.pk), head),
        "return": lambda: workflow.transition(
            ProgressReport.objects.get(pk=own_report.pk), "return", coordinator, comment="Bổ sung số liệu"
        ),
        "resubmit": lambda: submit(ProgressReport.objects.get(pk=own_report.pk), head),
        "accept": lambda: workflow.transition(ProgressReport.objects.get(pk=own_report.pk), "accept", coordinator),
        "reopen": lambda: workflow.transition(ProgressReport.objects.get(pk=own_report.pk), "reopen", coordinator),
        "grace": lambda: services.period_grace_set(period=own_report.period, grace_days=12, by=coordinator),
        "expected reports": lambda: services.report_expected_generate(plan=plan, by=SYSTEM),
        "figures import": lambda: imports.figures_import_apply(
            period=other.period,
            content=edited(other.period, {("thon-002", "2.c", "don-tiep-nhan"): 7}),
            by=coordinator,
        ),
        "period edited elsewhere": lambda: own_report.period.save(),
        "body renamed elsewhere": lambda: own_report.body.save(),
        "plan issued or superseded": lambda: plan.save(),  # which plan is current is cached per generation too
    }
    for name, write in writes.items():
        assert bump_count(django_capture_on_commit_callbacks, write) >= 1, name


def test_grace_change_shows_on_the_dashboard(client_for, own_report, user_named, django_capture_on_commit_callbacks):
    client = client_for("vanhoaxahoi")
    period = own_report.period
    closes = lambda: re.search(  # noqa: E731
        r"khóa sau ([\d/]+)",
        page(client, reverse("consolidation:dashboard")).split(f'data-testid="period-{period.code}"')[1],
    ).group(1)
    before = closes()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("consolidation:grace", args=[period.pk]), {"grace_days": period.grace_days + 10})
    assert response.status_code == 302
    assert closes() != before


def test_capabilities_never_share_a_fragment(client_for, own_report, user_named):
    """The coordinator's remind and generate buttons never reach leadership, whoever renders first."""
    with time_machine.travel(LATE, tick=False):
        coordinator = page(client_for("vanhoaxahoi"), reverse("consolidation:dashboard"))
        other = Client()
        other.force_login(user_named("lanhdao"))
        leadership = page(other, reverse("consolidation:dashboard"))
        assert "Nhắc nộp" in coordinator and 'form="reports-post"' in coordinator
        assert "Nhắc nộp" not in leadership and "reports-post" not in leadership
        # And the other way round, on a fresh generation.
        selectors.cache_invalidate()
        assert "Nhắc nộp" not in page(other, reverse("consolidation:dashboard"))
        assert "Nhắc nộp" in page(client_for("vanhoaxahoi"), reverse("consolidation:dashboard"))
    consolidated = reverse("consolidation:consolidated", args=[own_report.period_id])
    assert "Lưu gia hạn" in page(client_for("vanhoaxahoi"), consolidated)
    assert "Lưu gia hạn" not in page(other, consolidated)


def csrf_of(html: str) -> list[str]:
    return re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)


def test_cached_pages_hold_each_users_own_csrf_token_and_posts_pass(own_report, user_named):
    """Two coordinators share the cached body; each page carries its own token, and posting with it works."""
    second = user_named("vanhoaxahoi")
    second.pk = None
    second.username = "vanhoaxahoi2"
    second.save()
    second.groups.set(user_named("vanhoaxahoi").groups.all())
    with time_machine.travel(LATE, tick=False):
        clients = []
        for user in (user_named("vanhoaxahoi"), second):
            client = Client(enforce_csrf_checks=True)
            client.force_login(user)
            clients.append(client)
        pages = [page(c, reverse("consolidation:dashboard")) for c in clients]
        assert (
            without_tokens(pages[0]).split('id="reports-post"')[1]
            == without_tokens(pages[1]).split('id="reports-post"')[1]
        )  # the body cached for the first coordinator was served to the second
        first_tokens, second_tokens = csrf_of(pages[0]), csrf_of(pages[1])
        # A token inside the cached body would be the same string on both pages.
        assert first_tokens and second_tokens and not set(first_tokens) & set(second_tokens)
        form = pages[1].split('id="reports-post"', 1)[1].split("</form>", 1)[0]
        token = csrf_of(form)[0]
        remind_url = re.search(r'formaction="([^"]+/remind/)"', pages[1]).group(1)
        for client, csrf in ((clients[1], token), (clients[0], csrf_of(pages[0].split('id="reports-post"', 1)[1])[0])):
            response = client.post(remind_url, {"csrfmiddlewaretoken": csrf})
            assert response.status_code == 302
        assert clients[1].post(remind_url, {}).status_code == 403  # and without the token, CSRF still refuses


def test_cached_path_query_counts_equal_whatever_is_cached(client_for, own_report):
    """A page served from the cache runs fewer queries than one built, and never more than one built."""
    client = client_for("vanhoaxahoi")
    for url in (reverse("consolidation:dashboard"), reverse("consolidation:consolidated", args=[own_report.period_id])):
        selectors.cache_invalidate()
        with CaptureQueriesContext(connection) as built:
            client.get(url)
        with CaptureQueriesContext(connection) as cached:
            client.get(url)
        assert len(cached) < len(built)


def test_a_long_overdue_list_is_cut_with_a_link_to_all(client_for, own_report, monkeypatch):
    from consolidation import fragments

    monkeypatch.setattr(fragments, "OVERDUE_SHOWN", 3)
    with time_machine.travel(LATE, tick=False):
        client = client_for("vanhoaxahoi")
        everyone = len(consolidation_selectors.dashboard(own_report.period.plan)["overdue"])
        assert everyone > 3
        dashboard = page(client, reverse("consolidation:dashboard"))
        overdue = dashboard.split('data-testid="overdue"', 1)[1].split("</ul>", 1)[0]
        assert overdue.count("<li") == 3
        assert f"Xem tất cả {everyone} báo cáo quá hạn" in dashboard
        full = page(client, reverse("consolidation:overdue"))
        assert full.split('data-testid="overdue"', 1)[1].split("</ul>", 1)[0].count("Nhắc nộp") == everyone
        assert len(csrf_of(full.split('id="reports-post"', 1)[1].split("</form>", 1)[0])) == 1
        leadership = page(client_for("lanhdao"), reverse("consolidation:overdue"))
        assert leadership.count('<li class="list-group-item') == everyone and "Nhắc nộp" not in leadership
        assert client_for("truongthon1").get(reverse("consolidation:overdue")).status_code == 403
