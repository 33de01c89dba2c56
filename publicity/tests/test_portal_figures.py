"""What the portal counted itself (cases, reception sessions, disclosures) reaches the consolidated report."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from communes.services import home_commune
from consolidation import gather
from publicity import services
from publicity.models import FeedbackStatus, ReceptionSession
from publicity.state_guard import transition_context
from reports.tests.conftest import build_plan

pytestmark = pytest.mark.django_db
JUNE = datetime.datetime(2026, 6, 20, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))


@time_machine.travel(JUNE)
def test_cases_sessions_and_disclosures_of_the_period_are_counted(make_feedback, user_named, client_for):
    plan = build_plan()
    period = plan.periods.get(code="6thang")
    first = make_feedback()
    make_feedback()
    first.status, first.closed_at = FeedbackStatus.CLOSED, timezone.now()
    with transition_context():  # a closed case without its steps: the guard is lifted for this fixture only
        first.save(update_fields=["status", "closed_at"])
    ReceptionSession.objects.create(
        commune=home_commune(),
        date=datetime.date(2026, 3, 5),
        receiver="Chủ tịch UBND xã",
        held=True,
        citizens_received=6,
    )
    ReceptionSession.objects.create(
        commune=home_commune(),
        date=datetime.date(2026, 8, 5),
        receiver="Chủ tịch UBND xã",
        held=True,
        citizens_received=9,
    )
    ReceptionSession.objects.create(
        commune=home_commune(), date=datetime.date(2026, 4, 5), receiver="Chủ tịch UBND xã", held=False
    )
    assert services.portal_figures_push() > 0
    figures = {f.code: f.value for f in gather.portal_figures(period)}
    assert figures == {
        "cong-received": 2,
        "cong-settled": 1,
        "cong-sessions": 1,
        "cong-citizens": 6,
        "cong-disclosed": 0,
    }
    # The year's report counts to today: the session planned for August has not happened yet.
    assert {f.code: f.value for f in gather.portal_figures(plan.periods.get(code="canam"))}["cong-sessions"] == 1
    page = client_for("vanhoaxahoi").get(reverse("consolidation:consolidated", args=[period.pk])).content.decode()
    assert 'data-testid="portal-figures"' in page and "Buổi tiếp công dân đã tổ chức: <strong>1</strong>" in page
    # Run again: the counts are replaced, not added.
    services.portal_figures_push()
    assert {f.code: f.value for f in gather.portal_figures(period)}["cong-received"] == 2
