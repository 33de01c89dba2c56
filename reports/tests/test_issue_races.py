"""Two leaders issuing the same period's Báo cáo at the same moment: real threads on PostgreSQL."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from conftest import requires_services
from consolidation import issuing
from issuance.models import DocType, DocumentCounter, IssuedDocument
from issuance.tests.test_concurrency import run_together
from reports.models import ConsolidatedIssue

pytestmark = [pytest.mark.services, requires_services, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_same_period_issued_twice_at_once_is_issued_once(accepted_period, user_named, signing_identity):
    lanhdao = user_named("lanhdao")
    outcomes = run_together(
        lambda: issuing.consolidated_issue(period=accepted_period, by=lanhdao),
        lambda: issuing.consolidated_issue(period=accepted_period, by=lanhdao),
    )
    issued = [o for o in outcomes if isinstance(o, IssuedDocument)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(issued) == 1 and len(refused) == 1, outcomes
    assert IssuedDocument.objects.count() == 1 and ConsolidatedIssue.objects.count() == 1
    # The refused attempt gave its number back.
    assert DocumentCounter.objects.get(doc_type=DocType.REPORT).last_number == 1
