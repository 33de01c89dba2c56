"""`issue(paper, by)`: the one issuing path, run with a sample paper — its sequence, refusals before a number is
taken, a second click refused, and nothing left behind by a failure."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader

from camgiang_portal import signing
from camgiang_portal.actors import SYSTEM
from camgiang_portal.documents import SignatureBox
from camgiang_portal.signing.stamp_box import page_refs
from camgiang_portal.tests.signing_helpers import sample_pdf
from issuance import services
from issuance.models import DocType, DocumentCounter, IssuedDocument
from issuance.tests.papers import SamplePaper
from plans.models import Plan

pytestmark = pytest.mark.django_db


def stored_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def nothing_written(settings) -> bool:
    return (
        not IssuedDocument.objects.exists()
        and not DocumentCounter.objects.filter(last_number__gt=0).exists()
        and stored_files(settings) == []
    )


class OncePaper(SamplePaper):
    """A paper that can be issued once: what a plan or a Báo cáo with nothing changed says to a second click."""

    def check_and_lock(self, by) -> None:
        super().check_and_lock(by)
        if IssuedDocument.objects.filter(report_key=self.report_key).exists():
            raise ValidationError("Đã ban hành.")


def test_the_steps_run_in_order_with_the_number_and_todays_date(signing_identity):
    marker = object()
    paper = SamplePaper(report_key="thu")
    document = services.issue(paper, by=marker)
    today = timezone.localdate()
    assert paper.steps == [("check_and_lock", marker), ("render", "01/BC-UBND", today), ("apply", "01/BC-UBND")]
    assert (document.doc_type, document.year, document.number, document.symbol) == (
        DocType.REPORT,
        2026,
        1,
        "01/BC-UBND",
    )
    assert (document.title, document.signer_name, document.signer_position) == (
        "Báo cáo thử",
        "Vũ Mạnh Huy",
        "Phó Chủ tịch",
    )
    assert document.report_key == "thu" and document.plan_id is None and document.issued_by is None
    assert timezone.localdate(document.issued_at) == today
    assert signing.verify_pdf(document.file.read(), signing.default_trust_roots()).ok


@pytest.mark.parametrize("refusal", [ValidationError("Không thể ban hành."), PermissionDenied()])
def test_a_refusal_comes_before_a_number_is_taken(signing_identity, settings, refusal):
    paper = SamplePaper(refuse_with=refusal)
    with pytest.raises(type(refusal)):
        services.issue(paper, by=SYSTEM)
    assert paper.steps == [("check_and_lock", SYSTEM)]
    assert not DocumentCounter.objects.exists() and nothing_written(settings)


def test_a_second_click_is_refused_and_uses_no_number(signing_identity, settings):
    first = services.issue(OncePaper(report_key="mot-lan"), by=SYSTEM)
    again = OncePaper(report_key="mot-lan")
    with pytest.raises(ValidationError):
        services.issue(again, by=SYSTEM)
    assert [step[0] for step in again.steps] == ["check_and_lock"]
    assert IssuedDocument.objects.get() == first and len(stored_files(settings)) == 1
    assert DocumentCounter.objects.get(doc_type=DocType.REPORT).last_number == 1
    assert services.issue(SamplePaper(), by=SYSTEM).number == 2


def test_a_failure_in_apply_gives_the_number_back_and_removes_the_file(signing_identity, settings):
    def fail(document):
        assert stored_files(settings), "the signed file is stored before apply"
        raise RuntimeError("apply failed")

    paper = SamplePaper(on_apply=fail)
    with pytest.raises(RuntimeError):
        services.issue(paper, by=SYSTEM)
    assert [step[0] for step in paper.steps] == ["check_and_lock", "render", "apply"]
    assert nothing_written(settings)
    assert services.issue(SamplePaper(), by=SYSTEM).number == 1


def test_the_stamp_goes_in_the_signature_space_the_render_reports(signing_identity):
    space = SignatureBox(page=0, box=(300.0, 400.0, 540.0, 500.0))
    document = services.issue(SamplePaper(render_with=lambda symbol, date: (sample_pdf(), space)), by=SYSTEM)
    reader = PdfFileReader(io.BytesIO(document.file.read()))
    (page,) = page_refs(reader)
    stamp = next(s for s in reader.embedded_signatures if s.field_name == signing.SIGNER_FIELD)
    x1, y1, x2, y2 = (float(v) for v in stamp.sig_field["/Rect"])
    assert stamp.sig_field.raw_get("/P").idnum == page.idnum
    assert 300 <= x1 < x2 <= 540 and 400 <= y1 < y2 <= 500


# --- the plan's paper ------------------------------------------------------------------------------------


@pytest.mark.parametrize("username", ["vanhoaxahoi", "truongthon1", "mttq"])
def test_only_leadership_issues_a_plan(plan, user_named, signing_identity, settings, username):
    with pytest.raises(PermissionDenied):
        services.plan_issue(plan=plan, by=user_named(username))
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT and not plan.number and nothing_written(settings)


def test_rendering_the_plan_leaves_it_unchanged(plan, leader, signing_identity):
    from issuance.papers import PlanPaper

    paper = PlanPaper(plan)
    paper.check_and_lock(leader)
    pdf, space = paper.render("07/KH-UBND", timezone.localdate())
    assert pdf.startswith(b"%PDF-") and space is not None
    assert paper.plan.number == "" and paper.plan.status == Plan.Status.DRAFT
    plan.refresh_from_db()
    assert plan.number == "" and plan.date_day is None
