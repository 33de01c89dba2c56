"""The coordinator's weekly digest and the leadership summary the day after a deadline."""

from __future__ import annotations

import datetime

import pytest

from reminders import services, summaries
from reminders.models import Notification, SummaryLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_reports(seeded):
    from reports import demo as reports_demo

    reports_demo.demo_reports(plan=seeded)
    return seeded


def test_weekly_digest_lists_who_submitted_who_not_who_returned_once_a_week(with_reports, smtp):
    monday = datetime.date(2026, 6, 1)
    assert summaries.digest_send(today=monday) == "sent"
    assert summaries.digest_send(today=monday + datetime.timedelta(days=2)) == "skipped"
    assert len(smtp.inbox.messages) == 1
    assert smtp.inbox.envelopes[0] == ["phong-vhxh@camgiang.gov.vn", "vanhoaxahoi@camgiang.gov.vn"]
    text = smtp.inbox.messages[0].get_body(("plain",)).get_content()
    for heading in ("Chưa nộp", "Bị trả lại, chờ bổ sung", "Đã nộp", "Thôn Đông Giao", "05/06/2026"):
        assert heading in text
    assert summaries.digest_send(today=monday + datetime.timedelta(days=7)) == "sent"  # the next week's


def test_weekly_digest_is_also_a_notice_in_the_portal(with_reports, smtp, user_named):
    monday = datetime.date(2026, 6, 1)
    summaries.digest_send(today=monday)
    summaries.digest_send(today=monday + datetime.timedelta(days=2))  # the same week: no second notice
    notices = Notification.objects.filter(user=user_named("vanhoaxahoi"), notice__startswith="DG")
    assert notices.count() == 1
    assert notices.get().title.startswith("Tổng hợp tuần 23/2026: Báo cáo 6 tháng:")
    assert not Notification.objects.filter(user=user_named("truongthon1"), notice__startswith="DG").exists()


def test_no_digest_when_no_period_is_near(with_reports, smtp):
    assert summaries.digest_send(today=datetime.date(2026, 3, 2)) == "nothing"
    assert smtp.inbox.messages == []


def test_leadership_summary_only_the_day_after_the_deadline_and_once(with_reports, smtp, user_named):
    assert summaries.leadership_summary_send(today=datetime.date(2026, 6, 5)) == []
    assert summaries.leadership_summary_send(today=datetime.date(2026, 6, 6)) == ["sent"]
    assert summaries.leadership_summary_send(today=datetime.date(2026, 6, 6)) == ["skipped"]
    assert len(smtp.inbox.messages) == 1
    assert smtp.inbox.envelopes[0] == ["lanh-dao@camgiang.gov.vn", "lanhdao@camgiang.gov.vn"]
    subject = str(smtp.inbox.messages[0]["Subject"]).strip()
    assert subject == "Tình hình nộp Báo cáo 6 tháng năm 2026 sau hạn 05/06/2026"
    assert SummaryLog.objects.get().status == "sent"
    assert Notification.objects.filter(user=user_named("lanhdao"), notice="LD").count() == 1


def test_leadership_summary_refused_smtp_is_sent_once_later(with_reports, smtp):
    smtp.stop()
    with pytest.raises(services.DeliveryFailed):
        summaries.leadership_summary_send(today=datetime.date(2026, 6, 6))
    smtp.start()
    assert summaries.leadership_summary_send(today=datetime.date(2026, 6, 6)) == ["sent"]
    assert summaries.leadership_summary_send(today=datetime.date(2026, 6, 7)) == ["skipped"]
    assert len(smtp.inbox.messages) == 1


def test_one_commune_summaries_keep_cam_giangs_signature_sender_and_root_links(
    with_reports, smtp, settings, user_named
):
    from django.urls import reverse

    summaries.digest_send(today=datetime.date(2026, 6, 1))
    summaries.leadership_summary_send(today=datetime.date(2026, 6, 6))
    dashboard = settings.SITE_URL + reverse("consolidation:dashboard")
    assert len(smtp.inbox.messages) == 2
    for message in smtp.inbox.messages:
        text, html = (message.get_body((kind,)).get_content() for kind in ("plain", "html"))
        assert f"{dashboard}\n" in text.replace("\r\n", "\n") and f'href="{dashboard}"' in html
        assert "Phòng Văn hóa – Xã hội, UBND xã Cẩm Giang." in text and "UBND xã Cẩm Giang" in html
        assert message["From"] == settings.DEFAULT_FROM_EMAIL
    notice = Notification.objects.filter(user=user_named("vanhoaxahoi"), notice__startswith="DG").get()
    assert notice.url == reverse("consolidation:dashboard")
