"""Issuing the period's consolidated Báo cáo: …/BC-UBND numbers without gaps, signed, refused when nothing
changed or nothing is accepted (nothing written then), a new number superseding the old after a change."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from camgiang_portal import signing
from camgiang_portal.tests import pdfcheck
from consolidation import issuing, papers
from issuance.models import DocType, DocumentCounter, IssuedDocument
from reports import workflow
from reports.models import ConsolidatedIssue

pytestmark = pytest.mark.django_db

# Forms are written and reviewed while the period is open (conftest's send_report); papers are issued today,
# since the development certificate is valid from yesterday.


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def stored_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture
def period(plan):
    return plan.periods.get(code="6thang")


def nothing_written(settings) -> bool:
    return (
        not IssuedDocument.objects.exists()
        and not ConsolidatedIssue.objects.exists()
        and not DocumentCounter.objects.filter(last_number__gt=0).exists()
        and stored_files(settings) == []
    )


# --- the service ---------------------------------------------------------------------------------------


def test_leadership_issues_a_numbered_signed_bao_cao(accepted_period, user_named, signing_identity, plan):
    document = issuing.consolidated_issue(period=accepted_period, by=user_named("lanhdao"))
    assert document.doc_type == DocType.REPORT and document.symbol == "01/BC-UBND"
    assert document.year == timezone.localdate().year and document.report_key == f"period:{accepted_period.pk}"
    assert document.signer_name == plan.signer_name and document.signer_position == "Phó Chủ tịch"
    assert document.issued_by.username == "lanhdao" and document.supersedes is None
    data = document.file.read()
    assert signing.verify_pdf(data, signing.default_trust_roots()).ok
    text = pdfcheck.flat(pdfcheck.text(data))
    assert "01/BC-UBND" in text and "Kết quả thực hiện dân chủ ở cơ sở 6 tháng năm 2026" in text
    today = timezone.localdate()
    assert f"ngày {today:%d}" in text
    issue = ConsolidatedIssue.objects.get()
    assert issue.document == document and issue.period == accepted_period and issue.reports_count == 2


def test_the_stamp_goes_in_the_signature_space_under_the_position(accepted_period):

    content, _version, mat = papers.consolidated_content(accepted_period)
    pdf, space = papers.consolidated_issued_pdf(accepted_period, "07/BC-UBND", timezone.localdate(), content, mat)
    assert space is not None and space.box[2] > space.box[0] and space.box[3] > space.box[1]
    assert "07/BC-UBND" in pdfcheck.flat(pdfcheck.text(pdf))


def test_numbers_follow_on_without_gaps_across_periods(send_report, plan, user_named, signing_identity):
    lanhdao = user_named("lanhdao")
    send_report("thon-001")
    first = issuing.consolidated_issue(period=plan.periods.get(code="6thang"), by=lanhdao)
    send_report("thon-001", "9thang")
    second = issuing.consolidated_issue(period=plan.periods.get(code="9thang"), by=lanhdao)
    assert [first.number, second.number] == [1, 2]
    assert second.symbol == "02/BC-UBND" and second.supersedes is None  # another period: another paper
    assert DocumentCounter.objects.get(doc_type=DocType.REPORT).last_number == 2


def test_issuing_again_with_nothing_changed_is_refused(accepted_period, user_named, signing_identity, settings):
    lanhdao = user_named("lanhdao")
    issuing.consolidated_issue(period=accepted_period, by=lanhdao)
    files = stored_files(settings)
    with pytest.raises(ValidationError, match="01/BC-UBND"):
        issuing.consolidated_issue(period=accepted_period, by=lanhdao)
    assert IssuedDocument.objects.count() == 1 and ConsolidatedIssue.objects.count() == 1
    assert DocumentCounter.objects.get(doc_type=DocType.REPORT).last_number == 1
    assert stored_files(settings) == files


def test_a_new_acceptance_gives_a_new_number_that_supersedes_the_old(
    accepted_period, send_report, user_named, signing_identity
):
    lanhdao = user_named("lanhdao")
    first = issuing.consolidated_issue(period=accepted_period, by=lanhdao)
    first_bytes = default_storage.open(first.file.name).read()
    send_report("thon-003")
    second = issuing.consolidated_issue(period=accepted_period, by=lanhdao)
    first.refresh_from_db()
    assert second.symbol == "02/BC-UBND" and second.supersedes == first
    assert second.is_current and not first.is_current
    assert ConsolidatedIssue.objects.get(document=second).reports_count == 3
    # The older signed file stays as it was issued.
    assert default_storage.open(first.file.name).read() == first_bytes
    assert [d.symbol for d in issuing.consolidated_documents(accepted_period)] == ["02/BC-UBND", "01/BC-UBND"]


def test_a_reopened_report_is_a_change(accepted_period, user_named, signing_identity, report_of):
    lanhdao = user_named("lanhdao")
    issuing.consolidated_issue(period=accepted_period, by=lanhdao)
    workflow.transition(report_of("thon-002"), "reopen", user_named("vanhoaxahoi"), comment="Sửa số liệu")
    second = issuing.consolidated_issue(period=accepted_period, by=lanhdao)
    assert second.number == 2 and ConsolidatedIssue.objects.get(document=second).reports_count == 1


def test_a_period_without_reports_is_refused_and_nothing_is_written(period, user_named, signing_identity, settings):
    with pytest.raises(ValidationError, match="chưa có báo cáo nào được duyệt"):
        issuing.consolidated_issue(period=period, by=user_named("lanhdao"))
    assert nothing_written(settings)


def test_reports_waiting_for_review_are_refused(send_report, period, user_named, signing_identity, settings):
    send_report("thon-001")
    send_report("thon-002", accept=False)
    with pytest.raises(ValidationError, match="chờ duyệt"):
        issuing.consolidated_issue(period=period, by=user_named("lanhdao"))
    assert nothing_written(settings)


def test_a_plan_without_signer_is_refused(accepted_period, plan, user_named, signing_identity, settings):
    plan.signer_name = ""
    plan.save(update_fields=["signer_name"])
    accepted_period.refresh_from_db()
    with pytest.raises(ValidationError, match="người ký"):
        issuing.consolidated_issue(period=accepted_period, by=user_named("lanhdao"))
    assert nothing_written(settings)


@pytest.mark.parametrize("username", ["vanhoaxahoi", "mttq", "truongthon1"])
def test_only_leadership_issues(accepted_period, user_named, signing_identity, settings, username):
    with pytest.raises(PermissionDenied):
        issuing.consolidated_issue(period=accepted_period, by=user_named(username))
    assert nothing_written(settings)


def test_a_signing_failure_writes_nothing(accepted_period, user_named, settings, tmp_path):
    settings.SIGNING_DIR = tmp_path / "no-identity"
    settings.SIGNING_P12 = ""
    settings.SIGNING_PKCS11_MODULE = ""
    with pytest.raises(signing.SigningError):
        issuing.consolidated_issue(period=accepted_period, by=user_named("lanhdao"))
    assert nothing_written(settings)


# --- the pages -----------------------------------------------------------------------------------------


ISSUE_BUTTON = '<button type="submit" class="btn btn-danger">Ban hành và ký số</button>'


def issue_url(period) -> str:
    return reverse("consolidation:consolidated_issue", args=[period.pk])


def consolidated_url(period) -> str:
    return reverse("consolidation:consolidated", args=[period.pk])


def test_leadership_sees_the_confirmation_page(client_for, accepted_period, signing_identity):
    response = client_for("lanhdao").get(issue_url(accepted_period))
    html = response.content.decode()
    assert response.status_code == 200 and ISSUE_BUTTON in html
    assert not IssuedDocument.objects.exists()


def test_the_confirmation_page_says_why_it_cannot_issue(client_for, period):
    response = client_for("lanhdao").get(issue_url(period))
    html = response.content.decode()
    assert response.status_code == 200 and "chưa có báo cáo nào được duyệt" in html
    assert ISSUE_BUTTON not in html


def test_leadership_issues_and_the_consolidated_page_lists_it(client_for, accepted_period, signing_identity):
    client = client_for("lanhdao")
    response = client.post(issue_url(accepted_period))
    assert response.status_code == 302 and response["Location"] == consolidated_url(accepted_period)
    document = IssuedDocument.objects.get()
    html = client.get(consolidated_url(accepted_period)).content.decode()
    assert "Số 01/BC-UBND" in html and reverse("issuance:download", args=[document.sha256]) in html
    assert "Đã ban hành báo cáo tổng hợp số 01/BC-UBND" in html
    download = client.get(reverse("issuance:download", args=[document.sha256]))
    assert b"".join(download.streaming_content) == document.file.read()


def test_issuing_twice_answers_409_and_writes_nothing(client_for, accepted_period, signing_identity):
    client = client_for("lanhdao")
    client.post(issue_url(accepted_period))
    response = client.post(issue_url(accepted_period))
    assert response.status_code == 409 and "không cần ban hành lại" in response.content.decode()
    assert IssuedDocument.objects.count() == 1


def test_issuing_an_empty_period_answers_409(client_for, period, signing_identity, settings):
    response = client_for("lanhdao").post(issue_url(period))
    assert response.status_code == 409
    assert nothing_written(settings)


def test_a_signing_failure_answers_503(client_for, accepted_period, settings, tmp_path):
    settings.SIGNING_DIR = tmp_path / "no-identity"
    settings.SIGNING_P12 = ""
    settings.SIGNING_PKCS11_MODULE = ""
    assert client_for("lanhdao").post(issue_url(accepted_period)).status_code == 503
    assert nothing_written(settings)


def test_anonymous_is_sent_to_login(client, accepted_period):
    response = client.post(issue_url(accepted_period))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("username", ["vanhoaxahoi", "mttq", "phongkinhte", "truongthon1"])
def test_other_roles_may_not_issue(client_for, accepted_period, signing_identity, settings, username):
    client = client_for(username)
    assert client.get(issue_url(accepted_period)).status_code == 403
    assert client.post(issue_url(accepted_period)).status_code == 403
    assert nothing_written(settings)


def test_unknown_period_is_404(client_for, demo):
    assert client_for("lanhdao").post(reverse("consolidation:consolidated_issue", args=[999999])).status_code == 404


def test_the_issue_button_is_never_served_from_the_shared_fragments(client_for, accepted_period):
    """Leadership and the MTTQ read the same cached pieces of the page; only leadership gets the button."""
    assert issue_url(accepted_period) in client_for("lanhdao").get(consolidated_url(accepted_period)).content.decode()
    html = client_for("mttq").get(consolidated_url(accepted_period)).content.decode()
    assert issue_url(accepted_period) not in html
    assert (
        issue_url(accepted_period)
        not in client_for("vanhoaxahoi").get(consolidated_url(accepted_period)).content.decode()
    )


def test_the_consolidated_pages_pdf_is_the_signed_paper_while_it_is_in_force(
    client_for, accepted_period, user_named, signing_identity, report_of
):
    url = reverse("consolidation:consolidated", args=[accepted_period.pk])
    page = client_for("lanhdao").get(url).content.decode()
    assert "chưa ban hành" in page  # before issuing: a fresh rendering, labelled as such
    document = issuing.consolidated_issue(period=accepted_period, by=user_named("lanhdao"))
    page = client_for("vanhoaxahoi").get(url).content.decode()
    assert f'href="{document.get_absolute_url()}" type="application/pdf" data-testid="report-pdf"' in page
    assert "đã ký số" in page
    # A form reopened since: the signed paper no longer holds what the page shows, so the PDF is a new draft.
    workflow.transition(report_of("thon-001"), "reopen", user_named("vanhoaxahoi"))
    page = client_for("vanhoaxahoi").get(url).content.decode()
    assert 'data-testid="report-pdf">' in page and "Tải bản tổng hợp mới (PDF, chưa ban hành)" in page
