"""The city's reminders to communes that have not sent their Báo cáo: to their leadership and coordinator over
real SMTP, once per commune and notice however often it is asked, never to a commune that sent."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from camgiang_portal.actors import SYSTEM
from city import reminders
from city.models import CityMember, CityRole
from plans.models import Membership, Plan
from plans.onboarding import commune_onboard
from reminders.models import Notification, SummaryLog

from .world import at, city_period, commune_with_period, issue_row, six_month_period

pytestmark = pytest.mark.django_db
AN_HAI = "11617"


@pytest.fixture
def city(settings, django_user_model):
    """An Hải on the platform with its accounts and its 2026 plan's 6-month period, not sent; a commune that
    sent; and the Sở Nội vụ's officer."""
    settings.PLATFORM_COMMUNES = "many"
    settings.CELERY_TASK_ALWAYS_EAGER = True  # delivered in the run: the queue and the worker are reminders'
    an_hai = commune_onboard(code=AN_HAI, by=SYSTEM).commune
    for membership in Membership.all_communes.filter(body__commune=an_hai).select_related("user"):
        membership.user.email = f"{membership.role}@anhai.test"
        membership.user.save(update_fields=["email"])
    period = six_month_period(an_hai, status=Plan.Status.ISSUED)
    sent, sent_period = commune_with_period()
    issue_row(sent, sent_period, at(10))
    officer = django_user_model.objects.create_user(username="thanhpho", password="x")
    CityMember.objects.create(user=officer, role=CityRole.OFFICER)
    return city_period(), an_hai, period, officer


def test_the_officers_button_reminds_each_unsent_commune_once_a_day(city, smtp, client):
    cp, an_hai, period, officer = city
    client.force_login(officer)
    with time_machine.travel(datetime.datetime(2026, 6, 16, 2, 0, tzinfo=datetime.UTC), tick=False):
        first = client.post(f"/thanh-pho/ky/{cp.pk}/nhac/", follow=True)
        second = client.post(f"/thanh-pho/ky/{cp.pk}/nhac/", follow=True)  # the second click
    smtp.inbox.wait_for(1)
    assert "Đã gửi nhắc tới 1 xã, phường" in first.content.decode()
    assert "1 xã, phường đã được nhắc hôm nay." in second.content.decode()
    assert len(smtp.inbox.messages) == 1  # Cẩm Giang (no account with an e-mail here) and the sender get none
    [message] = smtp.inbox.messages
    assert smtp.inbox.envelopes[0] == ["coordinator@anhai.test", "leadership@anhai.test"]
    assert "Báo cáo 6 tháng năm 2026" in message["Subject"] and "15/06/2026" in message["Subject"]
    assert message["From"].addresses[0].display_name == "Sở Nội vụ thành phố Hải Phòng"
    text = message.get_body(("plain",)).get_content()
    assert f"/xa/{an_hai.slug}/reports/periods/{period.pk}/" in text and "Phường An Hải" not in text
    assert "An Hải" in text
    log = SummaryLog.all_communes.get(commune=an_hai)
    assert log.status == "sent" and log.key == "2026-6thang:N260616"
    # And in their portal, under the period.
    assert Notification.all_communes.filter(period=period).count() == 2


def test_the_beat_reminds_three_days_before_and_the_day_after_once_each(city, smtp):
    cp, an_hai, _period, _officer = city
    assert reminders.due_notices(cp, datetime.date(2026, 6, 11)) == []
    assert reminders.due_notices(cp, datetime.date(2026, 6, 12)) == ["T-3"]
    assert reminders.due_notices(cp, datetime.date(2026, 6, 15)) == []
    assert reminders.due_notices(cp, datetime.date(2026, 6, 19)) == ["T+1"]
    assert reminders.due_notices(cp, datetime.date(2026, 6, 20)) == []
    for day in (12, 13, 16, 17):  # two runs inside each window: the second finds it sent
        reminders.beat_run(datetime.date(2026, 6, day))
    smtp.inbox.wait_for(2)
    assert len(smtp.inbox.messages) == 2
    assert sorted(SummaryLog.all_communes.filter(commune=an_hai).values_list("key", flat=True)) == [
        "2026-6thang:T+1",
        "2026-6thang:T-3",
    ]


def test_a_refused_delivery_stays_claimed_and_the_next_run_sends_it(city, smtp):
    cp, an_hai, _period, _officer = city
    smtp.stop()
    reminders.remind_unsent(cp, notice="T-3", today=datetime.date(2026, 6, 12))
    log = SummaryLog.all_communes.get(commune=an_hai)
    assert log.status == "claimed" and log.attempts == 1 and log.last_error
    smtp.start()
    reminders.remind_unsent(cp, notice="T-3", today=datetime.date(2026, 6, 12))
    smtp.inbox.wait_for(1)
    assert len(smtp.inbox.messages) == 1
    log.refresh_from_db()
    assert log.status == "sent"
