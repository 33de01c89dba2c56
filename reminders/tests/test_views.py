"""Pages of the reminders app, per role: notifications (everyone signed in), settings and words (the coordinator)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from camgiang_portal.actors import SYSTEM
from reminders import services
from reminders.models import NoticeTemplate, Notification, ReminderSettings

pytestmark = pytest.mark.django_db
MAY_22 = datetime.date(2026, 5, 22)


@pytest.fixture
def reminded(seeded, smtp):
    services.reminders_run(today=MAY_22, inline=True)
    return seeded


def test_anonymous_is_sent_to_login(client, db):
    for name in ("reminders:notifications", "reminders:settings"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_village_head_sees_the_unread_count_then_the_list_marks_them_read(reminded, client_for):
    client = client_for("truongthon1")
    page = client.get(reverse("start"))
    assert b'data-testid="unread-count">1<' in page.content
    response = client.get(reverse("reminders:notifications"))
    assert response.status_code == 200
    assert "05/06/2026" in response.content.decode()
    assert Notification.objects.filter(user__username="truongthon1", read_at__isnull=True).count() == 0
    assert b'data-testid="unread-count"' not in client.get(reverse("start")).content


def test_the_list_shows_only_the_users_own_notices_with_a_link_to_the_form(seeded, smtp, client_for):
    from reports import services as reports_services
    from reports.models import ProgressReport

    reports_services.report_expected_generate(plan=seeded, by=SYSTEM)
    services.reminders_run(today=MAY_22, inline=True)
    mine = Notification.objects.get(user__username="truongthon1")
    theirs = Notification.objects.get(user__username="truongthon2")
    own_form = ProgressReport.objects.get(body__code="thon-001", period__code="6thang")
    assert mine.url == reverse("reports:form", args=[own_form.pk]) != theirs.url
    html = client_for("truongthon1").get(reverse("reminders:notifications")).content.decode()
    assert f'href="{mine.url}"' in html and f'href="{theirs.url}"' not in html
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_the_nav_count_costs_one_query(reminded, client_for):
    client = client_for("truongthon1")
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("reminders:notifications") + "?page=99")
    assert (
        sum("reminders_notification" in q["sql"] and "COUNT" in q["sql"].upper() for q in captured) <= 2
    )  # paginator + nav
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("start"))
    assert sum("reminders_notification" in q["sql"] for q in captured) == 1


@pytest.mark.parametrize("username", ["truongthon1", "lanhdao", "phongkinhte"])
def test_only_the_coordinator_edits_settings_and_words(seeded, client_for, username):
    client = client_for(username)
    assert client.get(reverse("reminders:settings")).status_code == 403
    assert client.post(reverse("reminders:template", args=["before"]), {"subject": "x", "body": "y"}).status_code == 403
    assert client.post(reverse("reminders:template_reset", args=["before"])).status_code == 403


def test_coordinator_changes_the_offsets(seeded, client_for):
    client = client_for("vanhoaxahoi")
    assert client.get(reverse("reminders:settings")).status_code == 200
    data = {"days_before": "10, 5, 0", "days_after": "2", "enabled": "on", "digest_enabled": "on"}
    response = client.post(reverse("reminders:settings"), data)
    assert response.status_code == 302
    conf = ReminderSettings.objects.get()
    assert conf.offsets == [-10, -5, 0, 2] and conf.leadership_enabled is False


def test_bad_offsets_are_refused_with_a_message_and_nothing_saved(seeded, client_for):
    client = client_for("vanhoaxahoi")
    for bad in ("mười bốn", "14; 7", "120"):
        response = client.post(reverse("reminders:settings"), {"days_before": bad, "days_after": "1", "enabled": "on"})
        assert response.status_code == 400
        assert 'role="alert"' in response.content.decode()
    assert not ReminderSettings.objects.exists()


def test_coordinator_edits_the_words_and_the_next_email_uses_them(seeded, smtp, client_for):
    client = client_for("vanhoaxahoi")
    assert client.get(reverse("reminders:template", args=["before"])).status_code == 200
    data = {
        "subject": "[Cẩm Giang] {{ body }}: còn {{ days_left }} ngày nộp {{ period|lower }}",
        "body": "Kính gửi {{ body }}, hạn {{ due_date }}. {{ url }}",
    }
    assert client.post(reverse("reminders:template", args=["before"]), data).status_code == 302
    services.reminders_run(today=MAY_22, inline=True)
    assert "[Cẩm Giang] Thôn Đông Giao: còn 14 ngày nộp báo cáo 6 tháng" in smtp.inbox.subjects()
    client.post(reverse("reminders:template_reset", args=["before"]))
    assert NoticeTemplate.objects.get(kind="before").subject.startswith("Nhắc nộp")


@pytest.mark.parametrize(
    "body",
    [
        "{% if %}",  # a syntax error
        "{% include 'base.html' %}",  # no file may be read
        "{% load static %}{% static 'x' %}",  # no tag library
        "{% for x in %}{% endfor %}",  # a malformed loop
    ],
)
def test_unsafe_or_broken_words_are_refused(seeded, client_for, body):
    client = client_for("vanhoaxahoi")
    before = NoticeTemplate.objects.get(kind="before").body
    response = client.post(reverse("reminders:template", args=["before"]), {"subject": "Nhắc", "body": body})
    assert response.status_code == 400
    assert "Mẫu không hợp lệ" in response.content.decode()
    assert NoticeTemplate.objects.get(kind="before").body == before


def test_unknown_kind_is_404(seeded, client_for):
    assert client_for("vanhoaxahoi").get(reverse("reminders:template", args=["nope"])).status_code == 404


def test_html_part_escapes_what_a_body_is_named(seeded, smtp):
    from plans.models import Body

    Body.objects.filter(code="thon-001").update(name="Thôn <b>Đông</b> Giao")
    services.reminders_run(today=MAY_22, inline=True)
    message = next(
        m for m, r in zip(smtp.inbox.messages, smtp.inbox.envelopes, strict=True) if "thon-001@camgiang.gov.vn" in r
    )
    html = message.get_body(("html",)).get_content()
    assert "&lt;b&gt;Đông&lt;/b&gt;" in html and "<b>Đông" not in html
    assert "Thôn <b>Đông</b> Giao" in message.get_body(("plain",)).get_content()


def test_the_list_page_query_count_does_not_grow_with_the_notices(reminded, client_for, user_named):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("truongthon1")
    client.get(reverse("reminders:notifications"))  # warm: role permissions come from the cache from now on
    head = user_named("truongthon1")
    period = Notification.objects.get(user=head).period
    Notification.objects.create(user=head, period=period, notice="X", title="Thông báo")
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("reminders:notifications"))
    Notification.objects.bulk_create(
        [Notification(user=head, period=period, notice=f"X{i}", title=f"Thông báo {i}") for i in range(40)]
    )
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("reminders:notifications"))
    assert len(many) == len(few)


def test_the_settings_page_says_the_notices_in_words(reminded, client_for):
    html = client_for("vanhoaxahoi").get(reverse("reminders:settings")).content.decode()
    schedule = html.split('data-testid="schedule"', 1)[1].split("</p>", 1)[0]
    for words in ("14 ngày trước hạn", "3 ngày trước hạn", "đúng hạn", "1 ngày sau hạn", "7 ngày sau hạn"):
        assert words in schedule
    assert "<td>14 ngày trước hạn</td>" in html  # the recent reminders' notice, not "T-14"
    assert "T-14" not in html and "T+1" not in html
    assert "{{" not in html  # the template list shows each subject with example values
    assert "Nhắc nộp Báo cáo 6 tháng năm 2026 – hạn 05/06/2026" in html


def test_each_template_has_a_legend_and_a_preview(seeded, client_for):
    client = client_for("vanhoaxahoi")
    html = client.get(reverse("reminders:template", args=["before"])).content.decode()
    legend = html.split('data-testid="legend"', 1)[1].split("</section>", 1)[0]
    assert "<code>{{ due_date }}</code>" in legend and "hạn nộp báo cáo (ngày/tháng/năm)" in legend
    assert "<code>{{ days_left }}</code>" in legend and "số ngày còn lại đến hạn nộp" in legend
    preview = html.split('data-testid="preview"', 1)[1].split("</section>", 1)[0]
    assert "Nhắc nộp Báo cáo 6 tháng năm 2026 – hạn 05/06/2026" in preview
    assert "Kính gửi Thôn Đông Giao" in preview and "{{" not in preview
    summary = client.get(reverse("reminders:template", args=["leadership"])).content.decode()
    assert "<code>{{ missing_count }}</code>" in summary and "số đơn vị chưa nộp" in summary
    # Words being fixed: the preview follows what was typed, or says it cannot render.
    broken = client.post(reverse("reminders:template", args=["before"]), {"subject": "Nhắc", "body": "{% if %}"})
    assert "Chưa xem trước được" in broken.content.decode()


def test_the_notice_variable_reads_in_words(seeded, smtp, client_for):
    client = client_for("vanhoaxahoi")
    data = {"subject": "Nhắc {{ notice }}: {{ period }}", "body": "Kính gửi {{ body }}. {{ url }}"}
    assert client.post(reverse("reminders:template", args=["before"]), data).status_code == 302
    services.reminders_run(today=MAY_22, inline=True)
    assert "Nhắc 14 ngày trước hạn: Báo cáo 6 tháng" in smtp.inbox.subjects()


def test_notice_keys_in_words():
    from reminders.models import notice_words

    assert [notice_words(code) for code in ("T-3", "T", "T+2", "LD")] == [
        "3 ngày trước hạn",
        "đúng hạn",
        "2 ngày sau hạn",
        "LD",
    ]
