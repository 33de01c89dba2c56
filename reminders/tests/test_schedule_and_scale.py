"""The beat schedule as django-celery-beat rows, and query counts that do not grow with the number of bodies."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reminders import selectors

pytestmark = pytest.mark.django_db


def test_sync_beat_schedule_creates_the_declared_rows_and_removes_what_code_dropped(db):
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    call_command("sync_beat_schedule")
    daily = PeriodicTask.objects.get(name="reminders-daily")
    assert daily.task == "reminders.tasks.reminders_run"
    assert (daily.crontab.hour, daily.crontab.minute, str(daily.crontab.timezone)) == ("7", "0", "Asia/Ho_Chi_Minh")
    digest = PeriodicTask.objects.get(name="reminders-coordinator-digest")
    assert (digest.crontab.day_of_week, digest.crontab.hour, digest.crontab.minute) == ("mon", "7", "30")
    assert PeriodicTask.objects.filter(name="reminders-leadership-summary").exists()
    # A row code no longer declares goes; a row an administrator added by hand stays.
    every_day = CrontabSchedule.objects.create(minute="0", hour="8")
    PeriodicTask.objects.create(
        name="old-job", task="reminders.tasks.old", crontab=every_day, description="CELERY_BEAT_SCHEDULE"
    )
    PeriodicTask.objects.create(name="hand-made", task="reports.tasks.export_build", crontab=every_day)
    call_command("sync_beat_schedule")
    names = set(PeriodicTask.objects.values_list("name", flat=True))
    assert "old-job" not in names and {"hand-made", "reminders-daily"} <= names


def _due_queries(plan) -> int:
    with CaptureQueriesContext(connection) as captured:
        due = selectors.reminders_due(today=datetime.date(2026, 5, 22), plan=plan)
    assert due.due
    return len(captured)


def test_reminder_computation_query_count_equal_at_1x_and_10x(demo):
    from plans import demo as plans_demo
    from reports.tests.conftest import build_plan

    small = build_plan()
    at_1x = _due_queries(small)
    small.status = "superseded"
    small.save(update_fields=["status"])
    plans_demo.demo_bodies_and_users(password="camgiang2026", scale=10)
    large = build_plan()
    assert len(selectors.reminders_due(today=datetime.date(2026, 5, 22), plan=large).due) > 8 * len(
        selectors.reminders_due(today=datetime.date(2026, 5, 22), plan=small).due
    )
    assert _due_queries(large) == at_1x


@pytest.mark.django_db(transaction=True)  # the scheduler closes the connection, as beat does between ticks
def test_beat_database_scheduler_loads_the_declared_entries_in_vietnam_time():
    from django.conf import settings
    from django.utils.module_loading import import_string
    from django_celery_beat.models import PeriodicTask

    from camgiang_portal.celery import app

    DatabaseScheduler = import_string(settings.CELERY_BEAT_SCHEDULER.replace(":", "."))
    scheduler = DatabaseScheduler(app=app, lazy=True)
    scheduler.setup_schedule()  # what `celery beat` does at start: the declared entries become rows
    rows = {row.name: row for row in PeriodicTask.objects.all()}
    assert {"reminders-daily", "reminders-leadership-summary", "reminders-coordinator-digest"} <= set(rows)
    daily = DatabaseScheduler.Entry(rows["reminders-daily"], app=app).schedule
    assert str(daily.tz) == "Asia/Ho_Chi_Minh" and daily.hour == {7} and daily.minute == {0}


def test_admin_pages_of_the_app_open_for_the_administrator(client_for):
    from django.urls import reverse

    client = client_for("admin")
    for model in ("remindersettings", "noticetemplate", "reminderlog", "summarylog", "notification"):
        assert client.get(reverse(f"admin:reminders_{model}_changelist")).status_code == 200
    from reminders.models import NoticeTemplate

    row = NoticeTemplate.objects.get(kind="due")
    url = reverse("admin:reminders_noticetemplate_change", args=[row.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"kind": "due", "subject": "Hạn {{ due_date }}", "body": "{% include 'base.html' %}"})
    assert response.status_code == 200 and "Mẫu không hợp lệ" in response.content.decode()
    assert (
        client.post(url, {"kind": "due", "subject": "Hạn {{ due_date }}", "body": "Kính gửi {{ body }}"}).status_code
        == 302
    )


@pytest.mark.django_db(transaction=True)
def test_a_time_changed_in_the_admin_survives_beat_restarts_and_deploys():
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    from camgiang_portal.beat import PortalDatabaseScheduler
    from camgiang_portal.celery import app

    call_command("sync_beat_schedule")
    daily = PeriodicTask.objects.get(name="reminders-daily")
    daily.crontab = CrontabSchedule.objects.create(minute="30", hour="8", timezone="Asia/Ho_Chi_Minh")
    daily.save()
    PortalDatabaseScheduler(app=app, lazy=True).setup_schedule()  # beat restarts
    call_command("sync_beat_schedule")  # the next deploy
    daily.refresh_from_db()
    assert (daily.crontab.hour, daily.crontab.minute) == ("8", "30")
    call_command("sync_beat_schedule", "--reset")
    daily.refresh_from_db()
    assert (daily.crontab.hour, daily.crontab.minute) == ("7", "0")
