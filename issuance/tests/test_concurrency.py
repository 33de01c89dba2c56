"""Two officials issuing at the same moment: real threads on PostgreSQL, each with its own connection."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from camgiang_portal.actors import SYSTEM
from conftest import requires_services
from issuance import services
from issuance.models import DocType, DocumentCounter, IssuedDocument
from issuance.tests.papers import SamplePaper
from plans.models import Plan

pytestmark = [pytest.mark.services, requires_services, pytest.mark.django_db(transaction=True)]


def run_together(*targets):
    """Start every target at once in its own thread; return what each returned or raised."""
    barrier = threading.Barrier(len(targets))
    outcomes: list = [None] * len(targets)

    def wrap(index, target):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = target()
        except BaseException as exc:  # noqa: BLE001 - the test inspects it
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=wrap, args=(i, t)) for i, t in enumerate(targets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def slow_render(symbol, date):
    from camgiang_portal.tests.signing_helpers import sample_pdf

    time.sleep(0.5)  # both transactions are open at once, the second waits on the counter's lock
    return sample_pdf()


def test_two_concurrent_issues_get_consecutive_numbers(signing_identity):
    from communes.services import home_commune

    home_commune()  # the commune the papers are of: made once before, as the migrations make it on a real site

    def one():
        return services.issue(
            SamplePaper(doc_type=DocType.REPORT, year=2026, title="Báo cáo", render_with=slow_render), by=SYSTEM
        )

    outcomes = run_together(one, one)
    assert all(isinstance(o, IssuedDocument) for o in outcomes), outcomes
    assert sorted(o.number for o in outcomes) == [1, 2]
    assert sorted(IssuedDocument.objects.values_list("number", flat=True)) == [1, 2]


def test_two_communes_issuing_at_once_each_number_from_one(plan, issuer_identity):
    """Numbering is each commune's (…/KH-UBND counts per commune): two communes' first plans, issued at the same
    moment, are both 01, neither waits on the other's counter. Gaps within one commune: the test below."""
    from communes.tests.factories import CommuneFactory
    from plans.tests.factories import PlanFactory

    other = PlanFactory(commune=CommuneFactory(), year=plan.year)
    issuer_identity(other.commune)
    outcomes = run_together(
        lambda: services.plan_issue(plan=plan, by=SYSTEM), lambda: services.plan_issue(plan=other, by=SYSTEM)
    )
    assert all(isinstance(o, IssuedDocument) for o in outcomes), outcomes
    assert sorted((o.commune_id, o.number) for o in outcomes) == sorted([(plan.commune_id, 1), (other.commune_id, 1)])
    assert sorted(Plan.objects.filter(pk__in=[plan.pk, other.pk]).values_list("number", flat=True)) == ["01", "01"]
    counters = DocumentCounter.all_communes.filter(doc_type=DocType.PLAN)
    assert sorted(counters.values_list("commune_id", "last_number")) == sorted(
        [(plan.commune_id, 1), (other.commune_id, 1)]
    )


def test_the_same_plan_issued_twice_at_once_is_issued_once(plan, signing_identity):
    outcomes = run_together(
        lambda: services.plan_issue(plan=plan, by=SYSTEM), lambda: services.plan_issue(plan=plan, by=SYSTEM)
    )
    issued = [o for o in outcomes if isinstance(o, IssuedDocument)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(issued) == 1 and len(refused) == 1, outcomes
    assert IssuedDocument.objects.count() == 1
    # The refused attempt gave its number back: the next paper gets 02.
    assert issued[0].number == 1
    assert DocumentCounter.objects.get(doc_type=DocType.PLAN).last_number == 1


def test_two_new_versions_at_once_form_one_chain(plan, signing_identity):
    from plans.tests.factories import PlanFactory

    first = services.plan_issue(plan=plan, by=SYSTEM)
    second_plan = PlanFactory(commune=plan.commune, year=plan.year)
    third_plan = PlanFactory(commune=plan.commune, year=plan.year)
    outcomes = run_together(
        lambda: services.plan_issue(plan=second_plan, by=SYSTEM),
        lambda: services.plan_issue(plan=third_plan, by=SYSTEM),
    )
    assert all(isinstance(o, IssuedDocument) for o in outcomes), outcomes
    assert sorted(o.number for o in outcomes) == [2, 3]
    documents = {d.number: d for d in IssuedDocument.objects.all()}
    assert documents[2].supersedes_id == first.pk and documents[3].supersedes_id == documents[2].pk
    statuses = sorted(Plan.objects.filter(commune=plan.commune, year=plan.year).values_list("status", flat=True))
    assert statuses == ["issued", "superseded", "superseded"]
