"""Feedback workflow rules: codes, clocks, steps, object permissions, erasure, the citizen's verdict."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from camgiang_portal.workdays import add_working_days
from publicity import permissions, selectors, services
from publicity.models import Channel, Feedback, FeedbackAttachment, FeedbackCodeCounter, FeedbackStatus, FeedbackStep

from .conftest import png

pytestmark = pytest.mark.django_db


def test_codes_are_sequential_per_year_and_well_formed():
    assert services.feedback_code_allocate(year=2026) == "PA-2026-000001"
    assert services.feedback_code_allocate(year=2026) == "PA-2026-000002"
    assert services.feedback_code_allocate(year=2027) == "PA-2027-000001"
    assert FeedbackCodeCounter.objects.get(year=2026).last == 2


def test_submit_sets_clocks_and_first_step(make_feedback):
    feedback = make_feedback(received_on=datetime.date(2026, 2, 13))
    assert re.fullmatch(r"PA-2026-\d{6}", feedback.code)
    assert feedback.ack_due == datetime.date(2026, 3, 6)  # 10 working days over Tết
    assert feedback.answer_due is None
    assert list(feedback.steps.values_list("action", flat=True)) == ["received"]
    assert feedback.status == FeedbackStatus.RECEIVED


def test_board_feedback_must_be_answered_within_15_working_days(make_feedback):
    feedback = make_feedback(channel=Channel.TTND, received_on=datetime.date(2026, 4, 27), phone="", email="")
    assert feedback.answer_due == add_working_days(datetime.date(2026, 4, 27), 15)


def test_web_feedback_needs_phone_or_email(make_feedback):
    with pytest.raises(ValidationError):
        make_feedback(phone="", email="")
    assert not Feedback.objects.exists()


def test_bad_attachment_writes_nothing(make_feedback, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError):
        make_feedback(files=[png(), bad])
    assert not Feedback.objects.exists()
    assert not FeedbackAttachment.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_workflow_step_by_step(make_feedback, user_named, village1):
    mttq, head = user_named("mttq"), user_named("truongthon1")
    feedback = make_feedback(files=[png()])
    services.feedback_classify(feedback=feedback, by=mttq, kind="kien_nghi", note="Thuộc thẩm quyền thôn")
    feedback = services.feedback_forward(feedback=feedback, by=mttq, body=village1, due_date=timezone.localdate() + datetime.timedelta(days=10))
    assert permissions.can_answer(head, feedback)
    assert not permissions.can_answer(user_named("truongthon2"), feedback)
    services.feedback_answer(feedback=feedback, by=head, answer="Đã thay bóng đèn ngày 20/11.")
    services.feedback_close(feedback=feedback, by=mttq, note="Đã kiểm tra thực tế")
    feedback = services.feedback_publish(feedback=feedback, by=mttq, public_summary="Đèn đường ngõ 3 hỏng")
    actions = list(feedback.steps.order_by("at", "id").values_list("action", flat=True))
    assert actions == ["received", "classified", "forwarded", "answered", "closed", "published"]
    steps = FeedbackStep.objects.filter(feedback=feedback)
    assert steps.get(action="forwarded").body == village1
    assert steps.get(action="answered").by == head
    assert feedback.acknowledged_on == timezone.localdate()
    assert "den duong" in feedback.search_text


def test_transitions_out_of_order_are_refused(make_feedback, user_named, village1):
    mttq = user_named("mttq")
    feedback = make_feedback()
    with pytest.raises(ValidationError):
        services.feedback_forward(feedback=feedback, by=mttq, body=village1)
    with pytest.raises(ValidationError):
        services.feedback_answer(feedback=feedback, by=mttq, answer="x")
    with pytest.raises(ValidationError):
        services.feedback_publish(feedback=feedback, by=mttq, public_summary="x")
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.RECEIVED
    assert feedback.steps.count() == 1


def test_reforward_moves_the_object_permission(forwarded, user_named, village2):
    services.feedback_forward(feedback=forwarded, by=user_named("mttq"), body=village2)
    head1, head2 = user_named("truongthon1"), user_named("truongthon2")
    assert not permissions.feedback_for_user(head1).filter(pk=forwarded.pk).exists()
    assert permissions.feedback_for_user(head2).filter(pk=forwarded.pk).exists()


def test_return_sends_the_answer_back(forwarded, user_named):
    services.feedback_answer(feedback=forwarded, by=user_named("truongthon1"), answer="Sẽ xử lý")
    feedback = services.feedback_return(feedback=forwarded, by=user_named("mttq"), note="Cần nêu thời hạn cụ thể")
    assert feedback.status == FeedbackStatus.FORWARDED


def test_close_needs_an_answer(make_feedback, user_named):
    mttq = user_named("mttq")
    feedback = make_feedback()
    services.feedback_classify(feedback=feedback, by=mttq, kind="phan_anh")
    with pytest.raises(ValidationError):
        services.feedback_close(feedback=feedback, by=mttq)
    feedback = services.feedback_close(feedback=feedback, by=mttq, answer="MTTQ đã trả lời trực tiếp")
    assert feedback.status == FeedbackStatus.CLOSED


def test_overdue_selector(make_feedback, user_named, village1):
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC), tick=False):
        late_ack = make_feedback()
        answered_late = make_feedback()
        services.feedback_classify(feedback=answered_late, by=user_named("mttq"), kind="phan_anh")
        services.feedback_forward(feedback=answered_late, by=user_named("mttq"), body=village1, due_date=datetime.date(2026, 3, 5))
        fresh = make_feedback()
        services.feedback_classify(feedback=fresh, by=user_named("mttq"), kind="phan_anh")
    today = datetime.date(2026, 3, 20)
    overdue = set(selectors.feedback_overdue(today).values_list("pk", flat=True))
    assert late_ack.pk in overdue  # ack due 16/03
    assert answered_late.pk in overdue
    assert fresh.pk not in overdue
    assert set(selectors.feedback_overdue(today, body=village1).values_list("pk", flat=True)) == {answered_late.pk}


def test_citizen_says_once_with_the_key(forwarded, user_named):
    services.feedback_answer(feedback=forwarded, by=user_named("truongthon1"), answer="Đã sửa")
    services.feedback_close(feedback=forwarded, by=user_named("mttq"))
    with pytest.raises(ValidationError):
        services.feedback_citizen_resolved(feedback=forwarded, key="forged", resolved=True)
    feedback = services.feedback_citizen_resolved(feedback=forwarded, key=forwarded.access_key, resolved=False)
    assert feedback.citizen_resolved is False
    with pytest.raises(ValidationError):
        services.feedback_citizen_resolved(feedback=forwarded, key=forwarded.access_key, resolved=True)


def test_citizen_cannot_rate_an_open_case(forwarded):
    with pytest.raises(ValidationError):
        services.feedback_citizen_resolved(feedback=forwarded, key=forwarded.access_key, resolved=True)


def test_retention_erases_personal_data_but_keeps_the_case(forwarded, user_named, settings):
    settings.FEEDBACK_RETENTION_DAYS = 30
    services.feedback_answer(feedback=forwarded, by=user_named("truongthon1"), answer="Đã sửa")
    services.feedback_close(feedback=forwarded, by=user_named("mttq"))
    assert services.feedback_erase_expired() == 0
    later = timezone.now() + datetime.timedelta(days=31)
    assert services.feedback_erase_expired(now=later, dry_run=True) == 1
    assert services.feedback_erase_expired(now=later) == 1
    assert services.feedback_erase_expired(now=later) == 0
    forwarded.refresh_from_db()
    assert (forwarded.name, forwarded.phone, forwarded.email) == ("", "", "")
    assert forwarded.answer == "Đã sửa"
    assert forwarded.steps.filter(action="erased").count() == 1


def test_erase_command(capsys, settings):
    call_command("feedback_erase_personal_data", "--dry-run")
    assert "0 phản ánh" in capsys.readouterr().out


def test_confirmation_email_after_commit(make_feedback, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        feedback = make_feedback()
    assert len(mailoutbox) == 1
    assert feedback.code in mailoutbox[0].subject
    assert feedback.access_key in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        make_feedback(email="")
    assert len(mailoutbox) == 1


def test_stats_are_anonymous(make_feedback):
    make_feedback()
    make_feedback(kind="kien_nghi")
    stats = selectors.feedback_stats(timezone.localdate().year)
    assert stats["total"] == 2
    assert stats["by_kind"] == {"phan_anh": 1, "kien_nghi": 1}
    assert "Nguyễn" not in str(stats) and "0912" not in str(stats)


def _services_available() -> bool:
    from django.conf import settings

    return "postgresql" in settings.DATABASES["default"]["ENGINE"]


@pytest.mark.skipif(not _services_available(), reason="needs PostgreSQL: SQLite serialises every writer anyway")
@pytest.mark.django_db(transaction=True)
def test_concurrent_allocation_never_collides():
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    def allocate(_):
        try:
            return services.feedback_code_allocate(year=2030)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=6) as pool:
        codes = list(pool.map(allocate, range(30)))
    assert len(set(codes)) == 30
    assert FeedbackCodeCounter.objects.get(year=2030).last == 30


def test_history_keeps_the_cases_moves_but_no_personal_data(forwarded, user_named, client_for):
    from django.urls import reverse

    historical = forwarded.history.model
    kept = {f.name for f in historical._meta.fields}
    assert {"status", "handling_body"} <= kept
    assert not kept & {"name", "phone", "email", "subject", "content", "answer", "access_key"}
    assert list(forwarded.history.order_by("history_date").values_list("status", flat=True))[-2:] == [
        FeedbackStatus.CLASSIFIED,
        FeedbackStatus.FORWARDED,
    ]
    page = client_for("lanhdao").get(reverse("plans:history"), {"model": "publicity.feedback"}).content.decode()
    assert forwarded.code in page and "Đã chuyển cơ quan giải quyết" in page
    assert "0912345678" not in page and "Nguyễn Văn Dân" not in page and "Đèn đường" not in page
