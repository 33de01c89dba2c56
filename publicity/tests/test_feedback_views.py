"""Feedback pages: the public form and its abuse cases, the public status page, the officials' pages per role."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from publicity import services
from publicity.models import Feedback, FeedbackStatus, PersonalDataAccess

from .conftest import PNG, pdf, png

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def form_data(village_body, **extra):
    data = {
        "kind": "phan_anh",
        "subject": "Đường thôn ngập nước",
        "content": "Sau mưa, đường trục thôn ngập sâu.",
        "village": village_body.pk,
        "name": "Trần Thị Bình",
        "phone": "0987654321",
        "email": "binh@example.com",
        "consent": "on",
        "website": "",
    }
    data.update(extra)
    return data


# --------------------------------------------------------------------------- public form


def test_form_renders_with_phone_friendly_inputs(client, demo):
    html = client.get("/phan-anh/").content.decode()
    assert 'type="tel"' in html and 'type="email"' in html and 'name="website"' in html
    assert "<textarea" in html


def test_submit_gives_a_code_and_the_confirmation_page(
    client, village1, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/phan-anh/", form_data(village1, attachments=[png(), pdf()]))
    feedback = Feedback.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("publicity:feedback_sent", args=[feedback.code])
    page = client.get(response.url).content.decode()
    assert feedback.code in page and feedback.access_key in page
    assert feedback.attachments.count() == 2
    assert len(mailoutbox) == 1


def test_confirmation_page_of_another_code_shows_no_key(client, make_feedback):
    feedback = make_feedback()
    response = client.get(reverse("publicity:feedback_sent", args=[feedback.code]))
    assert response.status_code == 302  # to the public status page, without the key


def test_phone_or_email_required(client, village1):
    response = client.post("/phan-anh/", form_data(village1, phone="", email=""))
    assert response.status_code == 400
    assert "ít nhất một trong hai" in response.content.decode()
    assert not Feedback.objects.exists()


def test_honeypot_stores_nothing(client, village1):
    response = client.post("/phan-anh/", form_data(village1, website="http://spam.example"))
    assert response.status_code == 400
    assert not Feedback.objects.exists()


def test_rate_limit_per_ip(client, village1, settings):
    settings.FEEDBACK_RATE_LIMIT = 2
    assert client.post("/phan-anh/", form_data(village1)).status_code == 302
    assert client.post("/phan-anh/", form_data(village1)).status_code == 302
    response = client.post("/phan-anh/", form_data(village1))
    assert response.status_code == 429
    assert Feedback.objects.count() == 2
    other = client.post("/phan-anh/", form_data(village1), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_attachment_type_is_read_from_content(client, village1):
    fake = SimpleUploadedFile("anh.png", b"<html><script>alert(1)</script></html>", content_type="image/png")
    response = client.post("/phan-anh/", form_data(village1, attachments=[fake]))
    assert response.status_code == 400
    assert "không được chấp nhận" in response.content.decode()
    assert not Feedback.objects.exists()


def test_oversized_attachment_is_refused(client, village1, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    big = SimpleUploadedFile("anh.png", PNG + b"\0" * 2048, content_type="image/png")
    response = client.post("/phan-anh/", form_data(village1, attachments=[big]))
    assert response.status_code == 400
    assert "quá lớn" in response.content.decode()
    assert not Feedback.objects.exists()


def test_village_must_be_a_village(client, village1, demo):
    from plans.models import Body

    department = Body.objects.get(code="phong-kinh-te")
    response = client.post("/phan-anh/", form_data(village1, village=department.pk))
    assert response.status_code == 400
    assert not Feedback.objects.exists()


def test_html_in_every_field_is_escaped_everywhere(client, client_for, village1, user_named):
    data = form_data(village1, subject=XSS[:200], content=XSS, name=XSS[:120])
    assert client.post("/phan-anh/", data).status_code == 302
    feedback = Feedback.objects.get()
    mttq = user_named("mttq")
    services.feedback_classify(feedback=feedback, by=mttq, kind="phan_anh", note=XSS)
    services.feedback_forward(feedback=feedback, by=mttq, body=village1, note=XSS)
    services.feedback_answer(feedback=feedback, by=user_named("truongthon1"), answer=XSS)
    services.feedback_close(feedback=feedback, by=mttq, note=XSS)
    services.feedback_publish(feedback=feedback, by=mttq, public_summary=XSS)
    public = client.get(feedback.get_absolute_url()).content.decode()
    official = client_for("mttq").get(reverse("publicity:officials_feedback", args=[feedback.pk])).content.decode()
    for html in (public, official):
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;" in html


# --------------------------------------------------------------------------- public status page


def test_lookup_box_leads_to_the_status_page(client, make_feedback):
    feedback = make_feedback()
    response = client.get("/phan-anh/", {"code": feedback.code.lower()})
    assert response.status_code == 302 and response.url == feedback.get_absolute_url()
    bad = client.get("/phan-anh/", {"code": "PA-xx"})
    assert bad.status_code == 200 and "PA-10888-2026-7KQ4-M9XD" in bad.content.decode()
    spaced = client.get("/phan-anh/", {"code": feedback.code.replace("-", " ").lower()})
    assert spaced.status_code == 302 and spaced.url == feedback.get_absolute_url()


def test_status_page_of_a_code_typed_in_lower_case_redirects_to_the_case(client, make_feedback):
    feedback = make_feedback()
    response = client.get(f"/phan-anh/{feedback.code.lower()}/")
    assert response.status_code == 302 and response.url == feedback.get_absolute_url()


def test_old_sequential_codes_still_open(client, make_feedback):
    feedback = make_feedback()
    Feedback.objects.filter(pk=feedback.pk).update(code="PA-2026-000042")
    assert client.get("/phan-anh/PA-2026-000042/").status_code == 200
    assert client.get("/phan-anh/", {"code": "pa-2026-000042"}).url == "/phan-anh/PA-2026-000042/"


@pytest.mark.parametrize(
    "code",
    [
        "PA-2026-999999",
        "PA-2026-00000%27",
        "../../etc/passwd",
        "PA-2026-000001%00",
        "PA-2026-7KQ4-M9XD",
        "PA-10888-2026-7KQ4-M9XD",
    ],
)
def test_forged_codes_are_404(client, make_feedback, code):
    make_feedback()
    assert client.get(f"/phan-anh/{code}/").status_code == 404


def test_status_page_never_shows_personal_data_or_unpublished_text(client, forwarded, user_named):
    html = client.get(forwarded.get_absolute_url()).content.decode()
    for secret in ("Nguyễn Văn Dân", "0912345678", "dan@example.com", "Đèn đường hỏng", "ngõ 3"):
        assert secret not in html
    services.feedback_answer(feedback=forwarded, by=user_named("truongthon1"), answer="Đã thay bóng đèn.")
    services.feedback_close(feedback=forwarded, by=user_named("mttq"))
    html = client.get(forwarded.get_absolute_url()).content.decode()
    assert "Đã thay bóng đèn." not in html  # closed but not yet published
    services.feedback_publish(feedback=forwarded, by=user_named("mttq"), public_summary="Đèn đường hỏng")
    html = client.get(forwarded.get_absolute_url()).content.decode()
    assert "Đã thay bóng đèn." in html
    for secret in ("Nguyễn Văn Dân", "0912345678", "dan@example.com"):
        assert secret not in html


def test_citizen_says_resolved_from_the_public_page(client, forwarded, user_named):
    services.feedback_answer(feedback=forwarded, by=user_named("truongthon1"), answer="Đã sửa")
    services.feedback_close(feedback=forwarded, by=user_named("mttq"))
    url = reverse("publicity:feedback_resolved", args=[forwarded.code])
    assert "Đã được giải quyết chưa?" in client.get(forwarded.get_absolute_url()).content.decode()
    assert client.post(url, {"key": "nope", "resolved": "yes"}).status_code == 400
    assert client.post(url, {"key": forwarded.access_key, "resolved": "yes"}).status_code == 302
    forwarded.refresh_from_db()
    assert forwarded.citizen_resolved is True
    assert client.get(url).status_code == 405


def test_unpublished_case_tells_a_stranger_only_code_state_and_dates(client, forwarded):
    """Issue 13: in a small village, kind + date + village + handling body points to a person."""
    html = client.get(forwarded.get_absolute_url()).content.decode()
    assert forwarded.code in html and "Đã chuyển cơ quan giải quyết" in html  # its state
    assert "Tiếp nhận" in html and forwarded.received_on.strftime("%d/%m/%Y") in html  # its steps and their dates
    for detail in ("Thôn Đông Giao", "Phản ánh</dd>", "Cơ quan giải quyết", "hạn trả lời", 'data-testid="kind"'):
        assert detail not in html, detail
    wrong = client.get(forwarded.get_absolute_url(), {"k": "AAAA2222"}).content.decode()
    assert "Thôn Đông Giao" not in wrong and "Mã xác nhận không đúng." in wrong


def test_the_citizens_key_shows_the_details(client, forwarded):
    key = forwarded.access_key
    html = client.get(forwarded.get_absolute_url(), {"k": f"{key[:4].lower()}-{key[4:]}"}).content.decode()
    assert "Thôn Đông Giao" in html and 'data-testid="kind"' in html and "hạn trả lời" in html
    for secret in ("Nguyễn Văn Dân", "0912345678", "dan@example.com", "ngõ 3"):
        assert secret not in html  # the key shows the case's facts, never the personal data


def test_published_case_shows_its_details_to_all(client, forwarded, user_named):
    services.feedback_answer(feedback=forwarded, by=user_named("truongthon1"), answer="Đã thay bóng đèn.")
    services.feedback_close(feedback=forwarded, by=user_named("mttq"))
    services.feedback_publish(feedback=forwarded, by=user_named("mttq"), public_summary="Đèn đường hỏng")
    html = client.get(forwarded.get_absolute_url()).content.decode()
    assert "Thôn Đông Giao" in html and "Đã thay bóng đèn." in html


def test_lookups_are_limited_per_address(client, make_feedback, settings):
    settings.FEEDBACK_LOOKUP_RATE_LIMIT = 3
    feedback = make_feedback()
    for _ in range(3):
        assert client.get(feedback.get_absolute_url()).status_code == 200
    refused = client.get(feedback.get_absolute_url())
    assert refused.status_code == 429 and "tra cứu quá nhiều lần" in refused.content.decode()
    # Guessing codes counts as much as looking one up.
    assert client.get("/phan-anh/PA-2026-ABCD-EFGH/").status_code == 429
    assert client.get(feedback.get_absolute_url(), REMOTE_ADDR="10.0.0.9").status_code == 200


def test_confirmation_page_prints_the_short_key_with_the_code(client, village1):
    response = client.post("/phan-anh/", form_data(village1))
    feedback = Feedback.objects.get()
    html = client.get(response.url).content.decode()
    key = feedback.access_key
    assert re.fullmatch(r"[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}", key)
    assert f"{key[:4]} {key[4:]}" in html and feedback.code in html


# --------------------------------------------------------------------------- officials


OFFICIAL_URLS = ["officials_inbox", "officials_dashboard", "officials_feedback_record"]


@pytest.mark.parametrize("name", OFFICIAL_URLS)
def test_anonymous_reaches_no_officials_page(client, demo, name):
    response = client.get(reverse(name if ":" in name else f"publicity:{name}"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_anonymous_cannot_open_a_case_or_its_file(client, make_feedback):
    feedback = make_feedback(files=[png()])
    attachment = feedback.attachments.get()
    for url in (
        reverse("publicity:officials_feedback", args=[feedback.pk]),
        reverse("publicity:officials_feedback_attachment", args=[feedback.pk, attachment.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url
    response = client.post(reverse("publicity:officials_feedback_classify", args=[feedback.pk]), {"kind": "phan_anh"})
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.RECEIVED


def test_mttq_sees_everything_and_views_are_logged(client_for, forwarded):
    client = client_for("mttq")
    inbox = client.get(reverse("publicity:officials_inbox")).content.decode()
    assert forwarded.code in inbox
    html = client.get(reverse("publicity:officials_feedback", args=[forwarded.pk])).content.decode()
    assert "0912345678" in html
    assert PersonalDataAccess.objects.filter(feedback=forwarded, user__username="mttq").count() == 1


def test_handling_village_head_sees_only_its_cases(client_for, forwarded, make_feedback):
    other = make_feedback()
    client = client_for("truongthon1")
    inbox = client.get(reverse("publicity:officials_inbox")).content.decode()
    assert forwarded.code in inbox and other.code not in inbox
    html = client.get(reverse("publicity:officials_feedback", args=[forwarded.pk])).content.decode()
    assert "0912345678" in html
    assert PersonalDataAccess.objects.filter(user__username="truongthon1").count() == 1
    assert client.get(reverse("publicity:officials_feedback", args=[other.pk])).status_code == 404


@pytest.mark.parametrize("username", ["truongthon2", "phongkinhte", "vanhoaxahoi", "lanhdao"])
def test_other_officials_cannot_open_the_case(client_for, forwarded, username):
    client = client_for(username)
    assert client.get(reverse("publicity:officials_feedback", args=[forwarded.pk])).status_code == 404
    attachment_url = reverse("publicity:officials_feedback_attachment", args=[forwarded.pk, 1])
    assert client.get(attachment_url).status_code == 404
    assert not PersonalDataAccess.objects.exists()


def test_village_head_cannot_moderate(client_for, forwarded):
    client = client_for("truongthon1")
    response = client.post(reverse("publicity:officials_feedback_close", args=[forwarded.pk]), {"answer": "x"})
    assert response.status_code == 403


def test_mttq_cannot_answer_for_the_body(client_for, forwarded):
    response = client_for("mttq").post(
        reverse("publicity:officials_feedback_answer", args=[forwarded.pk]), {"answer": "x"}
    )
    assert response.status_code == 403


def test_full_workflow_through_the_views(client, user_named, forwarded, village1):
    client.force_login(user_named("truongthon1"))
    response = client.post(
        reverse("publicity:officials_feedback_answer", args=[forwarded.pk]), {"answer": "Thôn đã sửa đèn."}
    )
    assert response.status_code == 302
    client.force_login(user_named("mttq"))
    assert (
        client.post(reverse("publicity:officials_feedback_close", args=[forwarded.pk]), {"note": "ok"}).status_code
        == 302
    )
    bad = client.post(reverse("publicity:officials_feedback_close", args=[forwarded.pk]), {"note": "again"})
    assert bad.status_code == 400 and "không thực hiện được" in bad.content.decode()
    assert (
        client.post(
            reverse("publicity:officials_feedback_publish", args=[forwarded.pk]), {"public_summary": "Đèn hỏng"}
        ).status_code
        == 302
    )
    forwarded.refresh_from_db()
    assert forwarded.status == FeedbackStatus.PUBLISHED


def test_forward_with_a_past_due_date_is_refused(client_for, make_feedback, user_named, village1):
    feedback = make_feedback()
    services.feedback_classify(feedback=feedback, by=user_named("mttq"), kind="phan_anh")
    response = client_for("mttq").post(
        reverse("publicity:officials_feedback_forward", args=[feedback.pk]),
        {"body": village1.pk, "due_date": "2020-01-01"},
    )
    assert response.status_code == 400
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.CLASSIFIED


def test_handling_body_downloads_the_attachment(client_for, make_feedback, user_named, village1):
    feedback = make_feedback(files=[png("ảnh hiện trường.png")])
    services.feedback_classify(feedback=feedback, by=user_named("mttq"), kind="phan_anh")
    services.feedback_forward(feedback=feedback, by=user_named("mttq"), body=village1)
    attachment = feedback.attachments.get()
    response = client_for("truongthon1").get(
        reverse("publicity:officials_feedback_attachment", args=[feedback.pk, attachment.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG


@pytest.mark.parametrize("username", ["mttq", "phongkinhte", "truongthon1"])
def test_officials_record_feedback_from_other_channels(client_for, village1, username):
    client = client_for(username)
    assert client.get(reverse("publicity:officials_feedback_record")).status_code == 200
    response = client.post(
        reverse("publicity:officials_feedback_record"),
        {
            "channel": "don_thu",
            "received_on": "2026-11-02",
            "kind": "kien_nghi",
            "subject": "Đơn thư",
            "content": "Nội dung",
            "village": village1.pk,
        },
    )
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.channel == "don_thu" and feedback.created_by.username == username


def test_recording_in_the_future_is_refused(client_for, village1):
    response = client_for("mttq").post(
        reverse("publicity:officials_feedback_record"),
        {"channel": "don_thu", "received_on": "2099-01-01", "kind": "kien_nghi", "subject": "x", "content": "y"},
    )
    assert response.status_code == 400
    assert not Feedback.objects.exists()


def test_inbox_query_count_is_bounded(client_for, make_feedback, django_assert_max_num_queries):
    client = client_for("mttq")
    client.get(reverse("publicity:officials_inbox"))
    for _ in range(30):
        make_feedback()
    with django_assert_max_num_queries(15):
        assert client.get(reverse("publicity:officials_inbox")).status_code == 200
