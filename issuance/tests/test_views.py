"""Views: issuing a plan (per role) and the public verification page (every kind of upload)."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from camgiang_portal.actors import SYSTEM
from camgiang_portal.tests.signing_helpers import sample_pdf
from issuance import services
from issuance.models import IssuedDocument
from plans.models import Plan

pytestmark = pytest.mark.django_db

VERIFY = "/xac-thuc/"


def issue_url(plan) -> str:
    return reverse("issuance:plan_issue", args=[plan.pk])


# --- issuing a plan, per role ---------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, plan):
    response = client.post(issue_url(plan))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT


def test_leadership_sees_the_confirmation_page(client_for, plan, signing_identity):
    response = client_for("lanhdao").get(issue_url(plan))
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content


def test_leadership_issues_the_plan(client_for, plan, signing_identity):
    response = client_for("lanhdao").post(issue_url(plan))
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    plan.refresh_from_db()
    assert plan.status == Plan.Status.ISSUED and plan.number == "01"
    assert IssuedDocument.objects.get().plan_id == plan.pk


@pytest.mark.parametrize("username", ["vanhoaxahoi", "phongkinhte", "truongthon1", "mttq"])
def test_other_roles_may_not_issue(client_for, plan, signing_identity, username):
    client = client_for(username)
    assert client.get(issue_url(plan)).status_code == 403
    assert client.post(issue_url(plan)).status_code == 403
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT and not IssuedDocument.objects.exists()


def test_unknown_plan_is_404(client_for, demo):
    assert client_for("lanhdao").post(reverse("issuance:plan_issue", args=[999999])).status_code == 404


def test_issuing_twice_answers_409(client_for, plan, signing_identity):
    client = client_for("lanhdao")
    client.post(issue_url(plan))
    response = client.post(issue_url(plan))
    assert response.status_code == 409
    assert IssuedDocument.objects.count() == 1


def test_no_signing_identity_answers_503_and_changes_nothing(client_for, plan, settings, tmp_path):
    settings.SIGNING_DIR = tmp_path / "none"
    settings.SIGNING_P12 = ""
    settings.SIGNING_PKCS11_MODULE = ""
    response = client_for("lanhdao").post(issue_url(plan))
    assert response.status_code == 503
    assert "create_signing_identity" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT and not IssuedDocument.objects.exists()


def test_get_is_the_only_other_method(client_for, plan):
    assert client_for("lanhdao").put(issue_url(plan)).status_code == 405


# --- verification page ----------------------------------------------------------------------------


@pytest.fixture
def issued(plan, signing_identity):
    return services.plan_issue(plan=plan, by=SYSTEM)


def upload(client, data: bytes, name="van-ban.pdf"):
    return client.post(VERIFY, {"file": SimpleUploadedFile(name, data, content_type="application/pdf")})


def test_page_lists_issued_documents_with_hashes(client, issued):
    response = client.get(VERIFY)
    assert response.status_code == 200
    body = response.content.decode()
    assert issued.symbol in body and issued.sha256 in body


def test_the_issued_file_verifies_and_matches(client, issued):
    response = upload(client, issued.file.read())
    assert response.status_code == 200
    result = response.context["result"]
    assert result.ok and response.context["match"] == issued
    assert "Vũ Mạnh Huy" in response.content.decode()
    assert "+07:00" in response.content.decode()
    assert re.search(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2} \+07:00", response.content.decode())


def test_an_altered_file_fails_and_does_not_match(client, issued):
    data = bytearray(issued.file.read())
    data[bytes(data).index(b"stream") + 40] ^= 1
    response = upload(client, bytes(data))
    assert response.status_code == 200
    assert not response.context["result"].ok and response.context["match"] is None
    assert "KHÔNG hợp lệ" in response.content.decode()


def test_a_forged_signature_is_answered_not_crashed(client, issued):
    data = bytearray(issued.file.read())
    start = bytes(data).rindex(b"/Contents <") + len(b"/Contents <")
    data[start : start + 400] = b"ab" * 200
    response = upload(client, bytes(data))
    assert response.status_code == 200 and not response.context["result"].ok
    assert "làm giả" in response.content.decode()


def test_an_unsigned_pdf_is_answered(client, demo):
    response = upload(client, sample_pdf())
    assert response.status_code == 200
    assert not response.context["result"].signed
    assert "không có chữ ký số" in response.content.decode()


@pytest.mark.parametrize("payload", [b"GIF89a not a pdf", b"\x00" * 100, b"<html>%PDF</html>"[:5]])
def test_a_non_pdf_is_400(client, demo, payload):
    response = upload(client, payload, name="anh.gif")
    assert response.status_code == 400
    assert response.context["result"] is None


def test_a_broken_pdf_is_400(client, demo):
    response = upload(client, b"%PDF-1.7\nthis is not really a pdf\n%%EOF")
    assert response.status_code == 400
    assert "hỏng" in response.content.decode()


def test_an_empty_upload_or_none_is_400(client, demo):
    assert upload(client, b"").status_code == 400
    assert client.post(VERIFY, {}).status_code == 400


def test_an_oversized_upload_is_413(client, demo, settings):
    settings.SIGNING_MAX_UPLOAD_BYTES = 1000
    response = upload(client, b"%PDF-1.7\n" + b"0" * 2000)
    assert response.status_code == 413
    assert "quá lớn" in response.content.decode()


def test_download_serves_the_signed_file(client, issued):
    response = client.get(issued.get_absolute_url())
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == issued.file.read()


def test_download_of_unknown_document_is_404(client, demo):
    assert client.get(reverse("issuance:download", args=["0" * 64])).status_code == 404
    assert client.get("/xac-thuc/van-ban/khong-phai-ma-bam.pdf").status_code == 404


# --- the plan page links to issuing for leadership only -------------------------------------------


def test_plan_page_offers_issuing_to_leadership_only(client_for, plan):
    url = reverse("issuance:plan_issue", args=[plan.pk])
    assert url in client_for("lanhdao").get(plan.get_absolute_url()).content.decode()
    assert url not in client_for("vanhoaxahoi").get(plan.get_absolute_url()).content.decode()


def test_verification_page_queries_do_not_grow_with_documents(
    client, plan, signing_identity, django_assert_max_num_queries
):
    from plans.tests.factories import PlanFactory

    services.plan_issue(plan=plan, by=SYSTEM)
    with django_assert_max_num_queries(3) as one:
        client.get(VERIFY)
    for _ in range(3):
        services.plan_issue(plan=PlanFactory(commune=plan.commune, year=plan.year), by=SYSTEM)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(VERIFY)
    assert response.content.decode().count("đã được thay thế") == 3


# --- the issued plan's PDF is the signed file -----------------------------------------------------------


def test_an_issued_plans_page_serves_the_signed_file(client_for, issued, plan):
    from camgiang_portal import signing

    client = client_for("lanhdao")
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    signed_url = reverse("issuance:plan_document", args=[plan.pk])
    assert f'href="{signed_url}"' in page and "bản đã ban hành" in page
    assert f'href="{reverse("plans:pdf", args=[plan.pk])}"' not in page
    response = client.get(signed_url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    with issued.file.open("rb") as handle:
        assert body == handle.read()
    assert signing.verify_pdf(body, signing.default_trust_roots()).ok
    # The old address (bookmarks, e-mails) leads to the same file.
    redirect = client.get(reverse("plans:pdf", args=[plan.pk]))
    assert redirect.status_code == 302 and redirect["Location"] == signed_url


def test_the_signed_plan_pdf_is_recognised_by_the_verification_page(client_for, client, issued, plan):
    body = b"".join(client_for("truongthon1").get(reverse("issuance:plan_document", args=[plan.pk])).streaming_content)
    client.logout()
    response = upload(client, body)
    assert response.status_code == 200
    assert issued.symbol in response.content.decode()


def test_a_draft_plan_has_no_signed_file(client_for, plan):
    assert client_for("lanhdao").get(reverse("issuance:plan_document", args=[plan.pk])).status_code == 404


def test_a_plan_issued_before_the_portal_is_rendered_with_its_number(client_for, plan):
    plan.status, plan.number = Plan.Status.ISSUED, "168"
    plan.save(update_fields=["status", "number"])
    response = client_for("lanhdao").get(reverse("issuance:plan_document", args=[plan.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "so-168" in response["Content-Disposition"]
