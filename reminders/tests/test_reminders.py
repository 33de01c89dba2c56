"""The daily reminders over a real SMTP server: who gets what, exactly once, on which day."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command

from camgiang_portal.actors import SYSTEM
from plans import selectors as plans_selectors
from reminders import selectors, services
from reminders.models import Notification, ReminderLog
from reports.models import ProgressReport

pytestmark = pytest.mark.django_db
State = ProgressReport.State


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def run(text: str):
    return services.reminders_run(today=day(text), inline=True)


def expected_recipients(plan) -> dict[str, list[str]]:
    """Each reporting body's recipients as the spec says: its contact e-mail plus its users' e-mails."""
    bodies = list(plans_selectors.reporting_bodies(plan))
    emails, _users = selectors.body_people([b.pk for b in bodies])
    return {b.code: sorted({b.email.lower(), *[e.lower() for e in emails[b.pk]]} - {""}) for b in bodies}


def test_may_22_every_body_without_a_submission_gets_exactly_one_message(seeded, smtp):
    expected = expected_recipients(seeded)
    assert len(expected) >= 10
    result = run("2026-05-22")
    assert result.count("sent") == len(expected)
    assert len(smtp.inbox.messages) == len(expected)
    # One message per body, addressed to all its recipients at once.
    assert sorted(smtp.inbox.by_recipients()) == sorted(tuple(r) for r in expected.values())
    assert set(smtp.inbox.by_recipients().values()) == {1}
    assert set(ReminderLog.objects.values_list("notice", "status")) == {("T-14", "sent")}


def test_second_run_same_day_sends_none_and_may_29_sends_the_7_day_notice(seeded, smtp):
    run("2026-05-22")
    first = len(smtp.inbox.messages)
    assert run("2026-05-22").count("sent") == 0
    assert len(smtp.inbox.messages) == first
    run("2026-05-29")
    assert len(smtp.inbox.messages) == 2 * first
    assert ReminderLog.objects.filter(notice="T-7", status="sent").count() == first
    week_before = smtp.inbox.messages[first]
    assert "05/06/2026" in week_before["Subject"] and "T-7" not in week_before["Subject"]


def test_submitted_and_accepted_bodies_get_nothing_returned_and_draft_bodies_do(seeded, smtp):
    from reports import demo as reports_demo

    reports_demo.demo_reports(plan=seeded)  # most submitted or accepted, one returned, some drafts, one missing
    period = seeded.periods.get(code="6thang")
    states = dict(ProgressReport.objects.filter(period=period).values_list("body__code", "state"))
    not_submitted = {code for code, state in states.items() if state in (State.DRAFT, State.RETURNED)}
    assert State.RETURNED in states.values() and State.ACCEPTED in states.values()
    run("2026-05-22")
    assert set(ReminderLog.objects.values_list("body__code", flat=True)) == not_submitted
    assert len(smtp.inbox.messages) == len(not_submitted)


def test_a_body_that_submits_gets_nothing_more(seeded, smtp):
    run("2026-05-22")
    before = len(smtp.inbox.messages)
    from reports import services as reports_services
    from reports import workflow

    reports_services.report_expected_generate(plan=seeded, by=SYSTEM)
    report = ProgressReport.objects.get(period__plan=seeded, period__code="6thang", body__code="thon-001")
    workflow.transition(report, "submit", None, replay=True)  # sent (on paper: no one named)
    run("2026-05-29")
    assert len(smtp.inbox.messages) == 2 * before - 1
    assert not ReminderLog.objects.filter(body__code="thon-001", notice="T-7").exists()
    assert all("thon-001@camgiang.gov.vn" not in rcpts for rcpts in smtp.inbox.envelopes[before:])


def test_server_down_on_reminder_days_sends_only_the_most_recent_notice(seeded, smtp):
    run("2026-05-22")
    bodies = len(smtp.inbox.messages)
    # Down from 29/05 (T-7) through 02/06 (T-3); back on 04/06 (T-1): only T-1 goes out, once per body.
    run("2026-06-04")
    assert len(smtp.inbox.messages) == 2 * bodies
    assert set(ReminderLog.objects.values_list("notice", flat=True)) == {"T-14", "T-1"}
    # A run later the same day, or on a day between notices, adds nothing.
    run("2026-06-04")
    assert len(smtp.inbox.messages) == 2 * bodies


def test_overdue_notices_and_nothing_once_stale(seeded, smtp):
    assert run("2026-06-06").count("sent") > 0  # T+1
    assert set(ReminderLog.objects.values_list("notice", flat=True)) == {"T+1"}
    assert run("2026-06-30").count("sent") == 0  # weeks after T+7: stale, nothing sent
    assert selectors.current_offset([-14, -7, -3, -1, 0, 1, 7], day("2026-06-05"), day("2026-06-14")) == 7
    assert selectors.current_offset([-14, -7, -3, -1, 0, 1, 7], day("2026-06-05"), day("2026-06-16")) is None
    assert selectors.current_offset([-14, -7, -3, -1, 0, 1, 7], day("2026-06-05"), day("2026-05-21")) is None


def test_smtp_refused_then_restored_delivers_each_message_once(seeded, smtp):
    smtp.stop()  # connections refused
    result = run("2026-05-22")
    bodies = result.count("failed")
    assert bodies > 0 and result.count("sent") == 0
    assert ReminderLog.objects.filter(status="claimed").count() == bodies
    assert ReminderLog.objects.filter(attempts=1).count() == bodies
    smtp.start()
    assert run("2026-05-22").count("sent") == bodies
    assert run("2026-05-22").count("sent") == 0
    assert len(smtp.inbox.messages) == bodies
    assert set(smtp.inbox.by_recipients().values()) == {1}


def test_a_claimed_but_unsent_reminder_is_cancelled_if_the_body_submits_meanwhile(seeded, smtp):
    from reports import services as reports_services

    reports_services.report_expected_generate(plan=seeded, by=SYSTEM)
    smtp.stop()
    run("2026-05-22")
    from reports import workflow

    for report in ProgressReport.objects.filter(period__code="6thang", body__code="thon-001"):
        workflow.transition(report, "submit", None, replay=True)  # sent meanwhile (on paper: no one named)
    smtp.start()
    run("2026-05-22")
    assert ReminderLog.objects.get(body__code="thon-001").status == "cancelled"
    assert all("thon-001@camgiang.gov.vn" not in rcpts for rcpts in smtp.inbox.envelopes)


def test_message_is_vietnamese_html_and_text_with_the_form_link(seeded, smtp, settings):
    from reports import services as reports_services

    reports_services.report_expected_generate(plan=seeded, by=SYSTEM)
    run("2026-05-22")
    report = ProgressReport.objects.get(period__code="6thang", body__code="thon-001")
    message = next(
        m for m, r in zip(smtp.inbox.messages, smtp.inbox.envelopes, strict=True) if "thon-001@camgiang.gov.vn" in r
    )
    assert str(message["Subject"]).strip() == "Nhắc nộp Báo cáo 6 tháng năm 2026 – hạn 05/06/2026"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    link = f"{settings.SITE_URL}/reports/{report.pk}/"
    for part in (text, html):
        assert "05/06/2026" in part and link in part and "Kính gửi Thôn Đông Giao" in part
    assert 'lang="vi"' in html
    # One commune: signed and sent as the deployment always was.
    assert "Phòng Văn hóa – Xã hội, UBND xã Cẩm Giang." in text and "UBND xã Cẩm Giang" in html
    assert message["From"] == settings.DEFAULT_FROM_EMAIL
    assert sorted(message["To"].addresses[i].addr_spec for i in range(2)) == [
        "thon-001@camgiang.gov.vn",
        "truongthon1@camgiang.gov.vn",
    ]


def test_the_annual_reminder_says_bao_cao_nam_2026_once(seeded, smtp):
    from reports import services as reports_services

    reports_services.report_expected_generate(plan=seeded, by=SYSTEM)
    run("2026-10-27")  # 14 days before the annual report's 10/11
    annual = [m for m in smtp.inbox.messages if str(m["Subject"]).strip().startswith("Nhắc nộp Báo cáo năm")]
    assert annual, [str(m["Subject"]) for m in smtp.inbox.messages]
    assert str(annual[0]["Subject"]).strip() == "Nhắc nộp Báo cáo năm 2026 – hạn 10/11/2026"
    for part in (annual[0].get_body(("plain",)).get_content(), annual[0].get_body(("html",)).get_content()):
        assert "Báo cáo năm 2026" in part and "năm năm" not in part


def test_day_boundary_is_vietnam_time_whatever_the_server_zone(seeded, smtp, monkeypatch):
    import time

    import time_machine

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        # 16:59 UTC on 21/05 is 23:59 in Vietnam: still 21/05 (T-15), nothing is due.
        with time_machine.travel(datetime.datetime(2026, 5, 21, 16, 59, tzinfo=datetime.UTC), tick=False):
            assert services.reminders_run(inline=True).lines == []
        # 17:01 UTC on 21/05 is 00:01 on 22/05 in Vietnam: the T-14 notice.
        with time_machine.travel(datetime.datetime(2026, 5, 21, 17, 1, tzinfo=datetime.UTC), tick=False):
            result = services.reminders_run(inline=True)
        assert result.today == day("2026-05-22") and result.count("sent") > 0
    finally:
        monkeypatch.undo()
        time.tzset()
    assert set(ReminderLog.objects.values_list("notice", flat=True)) == {"T-14"}


def test_in_app_notifications_follow_the_emails(seeded, smtp, user_named):
    run("2026-05-22")
    run("2026-05-22")
    run("2026-05-29")
    head = user_named("truongthon1")
    assert list(Notification.objects.filter(user=head).order_by("notice").values_list("notice", flat=True)) == [
        "T-14",
        "T-7",
    ]
    assert selectors.unread_count(head) == 2


def test_offsets_come_from_the_coordinators_settings(seeded, smtp):
    services.settings_update(
        days_before="10, 0", days_after="2", enabled=True, digest_enabled=True, leadership_enabled=True, by=SYSTEM
    )
    assert run("2026-05-22").lines == []  # T-14 is no longer an offset
    assert run("2026-05-26").count("sent") > 0
    assert set(ReminderLog.objects.values_list("notice", flat=True)) == {"T-10"}


def test_send_reminders_command_dry_run_writes_nothing_and_real_run_prints_what_it_sent(seeded, smtp, capsys):
    call_command("send_reminders", "--today", "2026-05-22", "--dry-run")
    out = capsys.readouterr().out
    assert "SẼ GỬI: T-14" in out and "thon-001@camgiang.gov.vn" in out and "22/05/2026" in out
    assert ReminderLog.objects.count() == 0 and smtp.inbox.messages == []
    call_command("send_reminders", "--today", "2026-05-22")
    out = capsys.readouterr().out
    assert out.count("ĐÃ GỬI: T-14") == len(smtp.inbox.messages) > 0


def test_send_reminders_command_rejects_a_bad_date(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--today", "22/05/2026")


def test_a_notice_left_unsent_is_not_sent_late_once_a_newer_one_is_due(seeded, smtp):
    smtp.stop()
    bodies = run("2026-05-22").count("failed")  # T-14 claimed, SMTP down all along
    smtp.start()
    assert run("2026-06-04").count("sent") == bodies  # T-1 only; the stale T-14 is not sent now
    assert len(smtp.inbox.messages) == bodies
    assert all("T-14" not in s for s in smtp.inbox.subjects())
    assert ReminderLog.objects.filter(notice="T-14", status="cancelled").count() == bodies


def test_broker_down_the_run_delivers_in_process_once(seeded, smtp, django_capture_on_commit_callbacks):
    """The daily run queues one task per reminder; when Redis cannot be reached it delivers here instead."""
    from camgiang_portal.celery import app

    saved = {k: app.conf[k] for k in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url="redis://127.0.0.1:1/0", task_always_eager=False)  # nothing listens on port 1
    app._pool = None
    app.amqp._producer_pool = None
    try:
        with django_capture_on_commit_callbacks(execute=True):
            result = services.reminders_run(today=day("2026-05-22"), inline=False)
    finally:
        app.conf.update(saved)
        app._pool = None
        app.amqp._producer_pool = None
    assert result.count("queued") == len(smtp.inbox.messages) > 0
    assert set(ReminderLog.objects.values_list("status", flat=True)) == {"sent"}
