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
from publicity import codes, permissions, selectors, services
from publicity.models import Channel, Feedback, FeedbackAttachment, FeedbackStatus, FeedbackStep

from .conftest import png

pytestmark = pytest.mark.django_db


CODE = re.compile(r"PA-10888-\d{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}")


def test_codes_are_random_readable_and_tell_nothing(make_feedback):
    """Issue 13: PA-2026-000001, …02 told a stranger how many cases came before and which one is next."""
    first, second = make_feedback(), make_feedback()
    assert CODE.fullmatch(first.code) and CODE.fullmatch(second.code)
    assert first.code != second.code
    drawn = {services.feedback_code_allocate(year=2026) for _ in range(200)}
    assert len(drawn) == 200 and all(CODE.fullmatch(code) for code in drawn)
    random_parts = "".join(code[len("PA-10888-2026-") :] for code in drawn)
    assert not any(ch in random_parts for ch in "01OIL")  # no look-alikes to misread on the phone


def test_a_drawn_code_already_in_use_is_drawn_again(make_feedback, monkeypatch):
    taken = make_feedback()
    draws = iter([taken.code, "PA-10888-2026-ABCD-EFGH"])
    monkeypatch.setattr(codes, "new_code", lambda year, commune_code: next(draws))
    assert services.feedback_code_allocate(year=2026) == "PA-10888-2026-ABCD-EFGH"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("pa-10888-2026-7kq4-m9xd", "PA-10888-2026-7KQ4-M9XD"),
        (" PA 10888 2026 7KQ4 M9XD ", "PA-10888-2026-7KQ4-M9XD"),
        ("PA1088820267KQ4M9XD", "PA-10888-2026-7KQ4-M9XD"),
        ("pa-2026-7kq4-m9xd", "PA-2026-7KQ4-M9XD"),  # the codes handed out before the commune's code
        (" PA 2026 7KQ4 M9XD ", "PA-2026-7KQ4-M9XD"),
        ("PA20267KQ4M9XD", "PA-2026-7KQ4-M9XD"),
        ("pa-2026-000123", "PA-2026-000123"),  # the codes handed out before keep working
        ("PA-2026-7KQ4-M9X0", None),  # 0 is not in the alphabet
        ("PA-2026-7KQ4", None),
        ("PA-1088-2026-7KQ4-M9XD", None),  # a commune's code has five digits
        ("../../etc/passwd", None),
    ],
)
def test_codes_are_read_whatever_the_case_and_spacing(typed, stored):
    assert codes.normalise_code(typed) == stored


def test_keys_are_short_readable_and_case_insensitive(make_feedback, user_named):
    feedback = make_feedback()
    assert re.fullmatch(r"[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}", feedback.access_key)
    key = feedback.access_key
    assert codes.key_display(key) == f"{key[:4]} {key[4:]}"
    for typed in (key.lower(), f" {key[:4]}-{key[4:]} ", f"{key[:4]} {key[4:].lower()}"):
        assert codes.key_matches(key, typed)
    assert not codes.key_matches(key, key[:7]) and not codes.key_matches(key, "")
    mttq = user_named("mttq")
    services.feedback_classify(feedback=feedback, by=mttq, kind="phan_anh")
    services.feedback_close(feedback=feedback, by=mttq, answer="Đã sửa")
    rated = services.feedback_citizen_resolved(feedback=feedback, key=f"{key[:4].lower()} - {key[4:]}", resolved=True)
    assert rated.citizen_resolved is True


def test_old_keys_still_work_exactly_as_sent(make_feedback, user_named):
    feedback = make_feedback()
    Feedback.objects.filter(pk=feedback.pk).update(access_key="rFPzdPDjaiKD0ooV")  # handed out before issue 11
    feedback.refresh_from_db()
    mttq = user_named("mttq")
    services.feedback_classify(feedback=feedback, by=mttq, kind="phan_anh")
    services.feedback_close(feedback=feedback, by=mttq, answer="Đã sửa")
    assert codes.key_display(feedback.access_key) == "rFPzdPDjaiKD0ooV"
    with pytest.raises(ValidationError):
        services.feedback_citizen_resolved(feedback=feedback, key="RFPZDPDJAIKD0OOV", resolved=True)
    assert services.feedback_citizen_resolved(
        feedback=feedback, key=" rFPzdPDjaiKD0ooV ", resolved=True
    ).citizen_resolved


def test_submit_sets_clocks_and_first_step(make_feedback):
    feedback = make_feedback(received_on=datetime.date(2026, 2, 13))
    assert CODE.fullmatch(feedback.code)
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
    feedback = services.feedback_forward(
        feedback=feedback, by=mttq, body=village1, due_date=timezone.localdate() + datetime.timedelta(days=10)
    )
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
        services.feedback_forward(
            feedback=answered_late, by=user_named("mttq"), body=village1, due_date=datetime.date(2026, 3, 5)
        )
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
def test_concurrent_submissions_never_share_a_code(demo):
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    def submit(index):
        try:
            return services.feedback_submit(
                kind="phan_anh", subject=f"Thư {index}", content="Nội dung", village=None, channel=Channel.LETTER
            ).code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=6) as pool:
        made = list(pool.map(submit, range(30)))
    assert len(set(made)) == 30 and all(CODE.fullmatch(code) for code in made)


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
