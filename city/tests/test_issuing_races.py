"""Two city leaders pressing "Ban hành" at the same moment, and the city issuing while a commune issues: real
threads on PostgreSQL, each with its own connection (SQLite serialises writers, so it could not show a race)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from city import issuing, report
from city.models import CityIssue, CityMember, CityRole
from conftest import requires_services
from issuance import services as issuance_services
from issuance.models import DocType, DocumentCounter, IssuedDocument
from issuance.tests.papers import SamplePaper
from issuance.tests.test_concurrency import run_together

from .world import city_period, commune_with_period

pytestmark = [pytest.mark.services, requires_services, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _many(settings, tmp_path, issuer_identity):
    settings.PLATFORM_COMMUNES = "many"
    settings.MEDIA_ROOT = tmp_path / "media"
    issuer_identity(None)  # the city's own certificate


def _leader(django_user_model, username, first_name):
    user = django_user_model.objects.create_user(username, password="x", first_name=first_name, last_name="Trần Văn")
    CityMember.objects.create(user=user, role=CityRole.LEADER, position="Phó Chủ tịch")
    return user


def _city_register():
    return IssuedDocument.all_communes.filter(commune__isnull=True, doc_type=DocType.REPORT)


def test_two_leaders_issuing_the_same_draft_at_once_issue_it_once(django_user_model):
    cp = city_period()
    commune_with_period(name="Xã Sớm", figures={"hoi-nghi": 4})
    report.draft_save(city_period=cp, basis="", texts={"danh-gia": "Đã đánh giá."}, version=0, by=None)
    first, second = _leader(django_user_model, "lanhdaotp", "Minh"), _leader(django_user_model, "lanhdaotp2", "Nam")

    outcomes = run_together(
        lambda: issuing.city_report_issue(city_period=cp, by=first),
        lambda: issuing.city_report_issue(city_period=cp, by=second),
    )
    issued = [o for o in outcomes if isinstance(o, IssuedDocument)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(issued) == 1 and len(refused) == 1, outcomes
    assert "01/BC-UBND" in " ".join(refused[0].messages)  # the refusal names the paper the other leader issued
    assert list(_city_register().values_list("number", flat=True)) == [1]
    assert CityIssue.objects.count() == 1
    # The refused click took no number: the counter stands at the one paper issued.
    assert DocumentCounter.all_communes.get(commune__isnull=True, doc_type=DocType.REPORT).last_number == 1


def test_the_city_and_a_commune_issuing_at_once_each_number_from_their_own_register(django_user_model, issuer_identity):
    cp = city_period()
    commune, _period = commune_with_period(name="Xã Sớm", figures={"hoi-nghi": 4})
    issuer_identity(commune)
    report.draft_save(city_period=cp, basis="", texts={"danh-gia": "Đã đánh giá."}, version=0, by=None)
    leader = _leader(django_user_model, "lanhdaotp", "Minh")

    outcomes = run_together(
        lambda: issuing.city_report_issue(city_period=cp, by=leader),
        lambda: issuance_services.issue(SamplePaper(commune=commune, report_key="x1"), by=object()),
    )
    assert all(isinstance(o, IssuedDocument) for o in outcomes), outcomes
    assert sorted((o.commune_id or 0, o.symbol) for o in outcomes) == [(0, "01/BC-UBND"), (commune.pk, "01/BC-UBND")]
    counters = DocumentCounter.all_communes.filter(doc_type=DocType.REPORT)
    assert sorted((c.commune_id or 0, c.last_number) for c in counters) == [(0, 1), (commune.pk, 1)]
