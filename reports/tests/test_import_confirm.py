"""The figures import's confirm through camgiang_portal.uploads: bound to user and period, applied once."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from camgiang_portal import uploads
from camgiang_portal.tests.pending_uploads import pending_files
from reports.models import FigureValue, ReviewEvent
from reports.tests.test_import import edited, upload

pytestmark = pytest.mark.django_db


def preview(client, period) -> str:
    content = edited(period, {("thon-001", "2.c", "don-tiep-nhan"): 7})
    response = upload(client, period, content)
    assert response.status_code == 200
    return response.context["token"]


def confirm(client, period, token: str, **kwargs):
    return client.post(reverse("consolidation:import", args=[period.pk]), {"confirm": "1", "token": token}, **kwargs)


def test_a_second_confirm_applies_nothing_and_the_file_is_gone(client_for, own_report, media):
    client, period = client_for("vanhoaxahoi"), own_report.period
    token = preview(client, period)
    assert len(pending_files(media)) == 1
    assert confirm(client, period, token).status_code == 302
    events = ReviewEvent.objects.count()
    assert pending_files(media) == [] and FigureValue.objects.count() == 1
    again = confirm(client, period, token, follow=True)
    assert "không áp dụng lần thứ hai" in again.content.decode()
    assert ReviewEvent.objects.count() == events and FigureValue.objects.count() == 1


def test_a_token_for_another_period_is_refused(client_for, plan, own_report, media):
    client = client_for("vanhoaxahoi")
    token = preview(client, own_report.period)
    other = plan.periods.get(code="9thang")
    response = confirm(client, other, token, follow=True)
    assert "phiên khác" in response.content.decode() and not FigureValue.objects.exists()
    assert len(pending_files(media)) == 1


def test_another_users_token_is_refused(client_for, own_report, user_named, media):
    period = own_report.period
    token = uploads.upload_keep(
        purpose="reports-figures",
        user=user_named("admin"),
        content=edited(period, {("thon-001", "2.c", "don-tiep-nhan"): 7}),
        filename="so-lieu.xlsx",
        scope=f"period:{period.pk}",
    )
    response = confirm(client_for("vanhoaxahoi"), period, token, follow=True)
    assert "phiên khác" in response.content.decode() and not FigureValue.objects.exists()


def test_an_expired_token_is_refused(client_for, own_report, media, settings):
    client, period = client_for("vanhoaxahoi"), own_report.period
    token = preview(client, period)
    later = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(seconds=settings.UPLOAD_PENDING_SECONDS + 5)
    with time_machine.travel(later):
        response = confirm(client, period, token, follow=True)
    assert "hết hạn" in response.content.decode() and not FigureValue.objects.exists()


@pytest.mark.parametrize(
    "content",
    [b"PK\x03\x04 not really a workbook", b"x" * (5 * 1024 * 1024 + 1)],
    ids=["malformed", "oversized"],
)
def test_a_refused_upload_leaves_nothing_stored(client_for, own_report, media, content):
    assert upload(client_for("vanhoaxahoi"), own_report.period, content).status_code == 400
    assert pending_files(media) == []
