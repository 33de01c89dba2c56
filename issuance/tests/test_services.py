"""Issuing: numbers without gaps or duplicates, one transaction, immutable signed files, superseding."""

from __future__ import annotations

import datetime
import hashlib
import os

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils import timezone

from camgiang_portal import signing
from camgiang_portal.actors import SYSTEM
from issuance import services
from issuance.models import DocType, DocumentCounter, IssuedDocument
from issuance.tests.papers import SamplePaper
from plans.models import Plan
from plans.tests.factories import PlanFactory

pytestmark = pytest.mark.django_db


def simple_render(calls: list | None = None):
    from camgiang_portal.tests.signing_helpers import sample_pdf

    def render(symbol: str, date: datetime.date) -> bytes:
        if calls is not None:
            calls.append((symbol, date))
        return sample_pdf()

    return render


def issue(doc_type=DocType.REPORT, year=2026, render=None, on_issued=None, **kwargs):
    paper = SamplePaper(
        doc_type=doc_type, year=year, render_with=render or simple_render(), on_apply=on_issued, **kwargs
    )
    return services.issue(paper, by=SYSTEM)


def stored_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_numbers_are_sequential_per_year_and_type(signing_identity):
    calls: list = []
    first = issue(render=simple_render(calls))
    second = issue(render=simple_render(calls))
    plan_doc = issue(doc_type=DocType.PLAN)
    next_year = issue(year=2027)
    assert [first.number, second.number, plan_doc.number, next_year.number] == [1, 2, 1, 1]
    assert [first.symbol, second.symbol, plan_doc.symbol] == ["01/BC-UBND", "02/BC-UBND", "01/KH-UBND"]
    assert [c[0] for c in calls] == ["01/BC-UBND", "02/BC-UBND"]
    assert calls[0][1] == timezone.localdate()


def test_issued_file_is_signed_hashed_and_verifies(signing_identity):
    document = issue(report_key="canam-2026")
    data = document.file.read()
    assert document.sha256 == hashlib.sha256(data).hexdigest() and document.size == len(data)
    result = signing.verify_pdf(data, signing.default_trust_roots())
    assert result.ok, result
    assert document.report_key == "canam-2026" and document.plan_id is None
    assert oct(os.stat(document.file.path).st_mode & 0o777) == "0o444"


def test_a_failed_render_uses_no_number_and_writes_nothing(signing_identity, settings):
    def broken(symbol, date):
        raise RuntimeError("render failed")

    issue()
    with pytest.raises(RuntimeError):
        issue(render=broken)
    assert DocumentCounter.objects.get(year=2026, doc_type=DocType.REPORT).last_number == 1
    assert issue().number == 2


def test_a_failure_after_the_file_is_written_leaves_no_orphan(signing_identity, settings):
    def fail(document):
        raise RuntimeError("caller failed")

    with pytest.raises(RuntimeError):
        issue(on_issued=fail)
    assert not IssuedDocument.objects.exists()
    assert stored_files(settings) == []
    assert not DocumentCounter.objects.filter(last_number__gt=0).exists()


def test_signing_failure_leaves_nothing(settings, tmp_path):
    settings.SIGNING_DIR = tmp_path / "no-identity"
    settings.SIGNING_P12 = ""
    settings.SIGNING_PKCS11_MODULE = ""
    with pytest.raises(signing.SigningError):
        issue()
    assert not IssuedDocument.objects.exists() and stored_files(settings) == []


def test_unknown_document_type_is_refused(signing_identity):
    with pytest.raises(ValidationError):
        issue(doc_type="QD")


def test_plan_issue_sets_number_date_and_status(signing_identity, plan, user_named):
    document = services.plan_issue(plan=plan, by=user_named("lanhdao"))
    plan.refresh_from_db()
    today = timezone.localdate()
    assert plan.status == Plan.Status.ISSUED
    assert plan.number == "01" and plan.symbol == "KH-UBND" and plan.number_symbol == document.symbol == "01/KH-UBND"
    assert (plan.date_day, plan.date_month, plan.date_year) == (today.day, today.month, today.year)
    assert document.plan_id == plan.pk and document.year == today.year
    assert document.signer_name == plan.signer_name and document.signer_position == "Phó Chủ tịch"
    assert document.issued_by.username == "lanhdao"
    assert signing.verify_pdf(document.file.read(), signing.default_trust_roots()).ok


def test_an_issued_plan_cannot_be_issued_again(signing_identity, plan):
    services.plan_issue(plan=plan, by=SYSTEM)
    with pytest.raises(ValidationError):
        services.plan_issue(plan=plan, by=SYSTEM)
    assert IssuedDocument.objects.count() == 1


def test_a_new_version_supersedes_the_old_plan_and_document(signing_identity, plan, settings):
    first = services.plan_issue(plan=plan, by=SYSTEM)
    first_bytes = first.file.read()
    revised = PlanFactory(commune=plan.commune, year=plan.year)
    second = services.plan_issue(plan=revised, by=SYSTEM)
    plan.refresh_from_db()
    revised.refresh_from_db()
    first.refresh_from_db()
    assert plan.status == Plan.Status.SUPERSEDED and revised.status == Plan.Status.ISSUED
    assert revised.supersedes == plan
    assert second.supersedes == first and not first.is_current and second.is_current
    assert second.number == first.number + 1
    # The old signed file is still there, unchanged.
    assert default_storage.open(first.file.name).read() == first_bytes
    assert len(stored_files(settings)) == 2


def test_a_plan_without_signer_is_refused(signing_identity, demo):
    plan = PlanFactory(signer_name="")
    with pytest.raises(ValidationError):
        services.plan_issue(plan=plan, by=SYSTEM)
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT and not plan.number


def test_a_failed_plan_issue_leaves_the_plan_a_draft(plan, settings, tmp_path):
    settings.SIGNING_DIR = tmp_path / "none"
    settings.SIGNING_P12 = ""
    settings.SIGNING_PKCS11_MODULE = ""
    with pytest.raises(signing.SigningError):
        services.plan_issue(plan=plan, by=SYSTEM)
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT and plan.number == "" and plan.date_day is None
    assert not IssuedDocument.objects.exists()


def test_numbers_do_not_skip_or_repeat_when_issued_one_after_another(signing_identity):
    numbers = [issue().number for _ in range(4)]
    assert numbers == [1, 2, 3, 4]
