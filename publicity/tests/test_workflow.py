"""The case's transition table: each step from each state, who may take it, the event it records, and the
guard that keeps the state out of reach of anything but workflow.transition()."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from publicity import workflow
from publicity.models import Feedback, FeedbackStatus, FeedbackStep
from publicity.state_guard import CaseStateError

pytestmark = pytest.mark.django_db

S = FeedbackStatus

# The table as ARCHITECTURE.md gives it: step → (from, to, event).
EXPECTED = {
    "classify": ({S.RECEIVED}, S.CLASSIFIED, "classified"),
    "forward": ({S.CLASSIFIED, S.FORWARDED}, S.FORWARDED, "forwarded"),
    "answer": ({S.FORWARDED}, S.ANSWERED, "answered"),
    "return": ({S.ANSWERED}, S.FORWARDED, "returned"),
    "close": ({S.CLASSIFIED, S.FORWARDED, S.ANSWERED}, S.CLOSED, "closed"),
    "publish": ({S.CLOSED}, S.PUBLISHED, "published"),
}
# The path that brings a new case to each state.
PATH = {
    S.RECEIVED: [],
    S.CLASSIFIED: ["classify"],
    S.FORWARDED: ["classify", "forward"],
    S.ANSWERED: ["classify", "forward", "answer"],
    S.CLOSED: ["classify", "forward", "answer", "close"],
    S.PUBLISHED: ["classify", "forward", "answer", "close", "publish"],
}


@pytest.fixture
def take(user_named, village1):
    """Take a step as the one it belongs to (the MTTQ, or the village the case is forwarded to)."""
    params = {
        "classify": {"kind": "kien_nghi"},
        "forward": {"body": village1},
        "answer": {"answer": "Thôn đã sửa."},
        "return": {"note": "Cần nêu thời hạn."},
        "close": {"answer": "Đã giải quyết."},
        "publish": {"public_summary": "Đèn đường hỏng"},
    }

    def run(feedback, name, by=None):
        by = by or user_named("truongthon1" if name == "answer" else "mttq")
        return workflow.transition(feedback, name, by=by, **params[name])

    return run


@pytest.fixture
def case_in(make_feedback, take):
    def build(state):
        feedback = make_feedback()
        for name in PATH[state]:
            feedback = take(feedback, name)
        assert feedback.status == state
        return feedback

    return build


def test_the_table_is_the_documented_one():
    assert {name: (set(s.sources), s.target, s.event) for name, s in workflow.STEPS.items()} == EXPECTED


def test_each_step_from_each_state(case_in, take):
    wrong = []
    for name, (sources, target, event) in EXPECTED.items():
        for state in S.values:
            feedback = case_in(state)
            steps_before = feedback.steps.count()
            try:
                moved = take(feedback, name)
            except ValidationError as exc:
                feedback.refresh_from_db()
                if state in sources or exc.error_list[0].code != "bad_state":
                    wrong.append(f"{name} from {state}: refused ({exc.messages})")
                if feedback.status != state or feedback.steps.count() != steps_before:
                    wrong.append(f"{name} from {state}: refused but the case changed")
                continue
            last = moved.steps.order_by("at", "id").last()
            if state not in sources:
                wrong.append(f"{name} from {state}: allowed")
            elif Feedback.objects.get(pk=feedback.pk).status != target or last.action != event:
                wrong.append(f"{name} from {state}: went to {moved.status}, recorded {last.action}")
            elif moved.steps.count() != steps_before + 1 or last.by is None:
                wrong.append(f"{name} from {state}: recorded {moved.steps.count() - steps_before} events")
    assert wrong == []


@pytest.mark.parametrize(
    ("name", "state", "username"),
    [
        ("classify", S.RECEIVED, "truongthon1"),
        ("classify", S.RECEIVED, "vanhoaxahoi"),
        ("forward", S.CLASSIFIED, "lanhdao"),
        ("answer", S.FORWARDED, "mttq"),  # the MTTQ does not answer for the body
        ("answer", S.FORWARDED, "truongthon2"),  # nor does another village
        ("return", S.ANSWERED, "truongthon1"),
        ("close", S.ANSWERED, "truongthon1"),
        ("publish", S.CLOSED, "phongkinhte"),
    ],
)
def test_a_step_the_user_may_not_take_is_refused(case_in, take, user_named, name, state, username):
    feedback = case_in(state)
    steps_before = feedback.steps.count()
    with pytest.raises(PermissionDenied):
        take(feedback, name, by=user_named(username))
    feedback.refresh_from_db()
    assert feedback.status == state and feedback.steps.count() == steps_before


def test_a_step_without_anyone_taking_it_is_refused(case_in):
    with pytest.raises(PermissionDenied):
        workflow.transition(case_in(S.RECEIVED), "classify", by=None, kind="phan_anh")


def test_actions_for_says_what_each_user_may_do_now(case_in, user_named):
    forwarded = case_in(S.FORWARDED)
    assert workflow.actions_for(user_named("mttq"), forwarded) == ["forward", "close"]
    assert workflow.actions_for(user_named("admin"), forwarded) == ["forward", "answer", "close"]
    assert workflow.actions_for(user_named("truongthon1"), forwarded) == ["answer"]
    for username in ("truongthon2", "lanhdao", "vanhoaxahoi"):
        assert workflow.actions_for(user_named(username), forwarded) == []
    assert workflow.actions_for(user_named("truongthon1"), case_in(S.ANSWERED)) == []
    assert workflow.actions_for(user_named("mttq"), case_in(S.CLOSED)) == ["publish"]


# --------------------------------------------------------------------------- the guard


def test_saving_another_state_outside_transition_raises(make_feedback):
    feedback = make_feedback()
    feedback.status = S.CLOSED
    with pytest.raises(CaseStateError):
        feedback.save()
    with pytest.raises(CaseStateError):
        feedback.save(update_fields=["status"])
    assert Feedback.objects.get(pk=feedback.pk).status == S.RECEIVED


def test_writing_the_state_in_bulk_raises(make_feedback):
    feedback = make_feedback()
    with pytest.raises(CaseStateError):
        Feedback.objects.filter(pk=feedback.pk).update(status=S.PUBLISHED)
    feedback.status = S.PUBLISHED
    with pytest.raises(CaseStateError):
        Feedback.objects.bulk_update([feedback], ["status"])
    assert Feedback.objects.get(pk=feedback.pk).status == S.RECEIVED


def test_a_new_case_starts_received(make_feedback, village1):
    with pytest.raises(CaseStateError):
        Feedback.objects.create(
            code="PA-2026-AAAA-BBBB", subject="x", content="y", ack_due="2026-01-01", status=S.CLOSED
        )
    assert make_feedback().status == S.RECEIVED


def test_what_is_not_the_state_is_written_as_before(make_feedback):
    feedback = make_feedback()
    Feedback.objects.filter(pk=feedback.pk).update(subject="Đèn đường ngõ 5")
    feedback.refresh_from_db()
    feedback.public_summary = "Tóm tắt"
    feedback.save()
    # A case read again after a step is saved as read: the state it was loaded with is the one it has.
    assert Feedback.objects.get(pk=feedback.pk).subject == "Đèn đường ngõ 5"


def test_a_stale_copy_cannot_undo_a_step(make_feedback, take):
    feedback = make_feedback()
    stale = Feedback.objects.get(pk=feedback.pk)
    take(feedback, "classify")
    stale.refresh_from_db()
    stale.status = S.RECEIVED
    with pytest.raises(CaseStateError):
        stale.save()
    assert FeedbackStep.objects.filter(feedback=feedback, action="classified").count() == 1
