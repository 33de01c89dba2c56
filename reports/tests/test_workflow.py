"""The progress form's lifecycle table (reports.workflow): every step from every state, who may take it and
when, what it records; the guard that refuses any other writer of a state; and the pages, the XLSX import
and the demo taking their steps through it."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from consolidation import imports
from reports import selectors, workflow
from reports.models import ItemStatus, ProgressReport, ReviewEvent, StateChangeRefused
from reports.rows import ItemData
from reports.tests.test_import import edited

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
EARLY = datetime.datetime(2026, 5, 20, 9, 0, tzinfo=TZ)  # the 6-month period (due 05/06/2026) is open
CLOSED = datetime.datetime(2026, 7, 1, 9, 0, tzinfo=TZ)  # … and closed (no grace)
State = ProgressReport.State
ALL_STATES = list(State)
BODY_STEPS = {"save", "submit"}  # the body's own; the others are the coordinator's


@pytest.fixture(autouse=True)
def _period_open():
    with time_machine.travel(EARLY, tick=False):
        yield


def in_state(report: ProgressReport, state: str) -> ProgressReport:
    """The form brought to `state` through the table (replayed: who and when are not the point here)."""
    report.items.update(status=ItemStatus.ONGOING)
    path = {State.DRAFT: [], State.SUBMITTED: ["submit"], State.RETURNED: ["submit", "return"]}
    for name in path.get(state, ["submit", "accept"]):
        report = workflow.transition(report, name, None, comment="Bổ sung số liệu", replay=True)
    assert report.state == state
    return ProgressReport.objects.get(pk=report.pk)


def take(name: str, report: ProgressReport, by):
    """What each step needs from its caller, as the pages give it."""
    extra = {
        "save": {"version": report.version, "summary": "Đánh giá", "items": {}},
        "return": {"comment": "Bổ sung số liệu"},
        "import": {"items": {}, "comment": "Cập nhật từ tệp"},
    }
    return workflow.transition(report, name, by, **extra.get(name, {}))


def generation_bumps(django_capture_on_commit_callbacks, write) -> int:
    before = selectors.cache_generation()
    with django_capture_on_commit_callbacks(execute=True):
        write()
    return selectors.cache_generation() - before


# --- the table --------------------------------------------------------------------------------------------


def test_the_table_names_every_step_once():
    assert list(workflow.TRANSITIONS) == ["save", "submit", "return", "accept", "reopen", "import"]
    for rule in workflow.TRANSITIONS.values():
        assert set(rule.moves) <= set(State) and set(rule.moves.values()) <= set(State)
        assert not set(rule.done_in) & set(rule.moves)
    # The start page's badge still reads the model's property: it says what the table's "save" says.
    for state in ALL_STATES:
        assert ProgressReport(state=state).is_editable_state == (state in workflow.SAVE.moves)


@pytest.mark.parametrize("state", ALL_STATES)
@pytest.mark.parametrize("name", ["save", "submit", "return", "accept", "reopen", "import"])
def test_each_step_from_each_state(own_report, user_named, django_capture_on_commit_callbacks, name, state):
    rule = workflow.TRANSITIONS[name]
    report = in_state(own_report, state)
    by = user_named("truongthon1" if name in BODY_STEPS else "vanhoaxahoi")
    events = report.events.count()
    if state in rule.done_in:
        again = take(name, report, by)
        assert (again.state, again.version, again.events.count()) == (state, report.version, events)
    elif state not in rule.moves:
        with pytest.raises(workflow.ReportNotEditable):
            take(name, report, by)
        report.refresh_from_db()
        assert (report.state, report.events.count()) == (state, events)
    else:
        bumps = generation_bumps(django_capture_on_commit_callbacks, lambda: take(name, report, by))
        moved = ProgressReport.objects.get(pk=report.pk)
        assert moved.state == rule.moves[state]
        assert moved.version == report.version + 1 and moved.updated_by == by
        assert bumps >= 1
        if rule.event is None:
            assert moved.events.count() == events
        else:
            event = moved.events.latest("at", "pk")
            assert (moved.events.count(), event.kind, event.by) == (events + 1, rule.event, by)


@pytest.mark.parametrize(
    ("name", "others"),
    [
        ("save", ["vanhoaxahoi", "truongthon2", "lanhdao", "mttq"]),
        ("submit", ["vanhoaxahoi", "truongthon2", "lanhdao", "mttq"]),
        ("return", ["truongthon1", "lanhdao", "mttq", "phongkinhte"]),
        ("accept", ["truongthon1", "lanhdao", "mttq", "phongkinhte"]),
        ("reopen", ["truongthon1", "lanhdao", "mttq", "phongkinhte"]),
        ("import", ["truongthon1", "lanhdao", "mttq", "phongkinhte"]),
    ],
)
def test_only_the_steps_owner_takes_it(own_report, user_named, name, others):
    state = next(iter(workflow.TRANSITIONS[name].moves))
    report = in_state(own_report, state)
    for username in [*others, None]:
        with pytest.raises(workflow.ReportNotEditable):
            take(name, report, user_named(username) if username else None)
        assert not workflow.allows(user_named(username) if username else None, report, name)
    stored = ProgressReport.objects.get(pk=report.pk)
    assert (stored.version, stored.state, stored.events.count()) == (report.version, state, report.events.count())


def test_a_closed_period_stops_the_bodys_steps_not_the_coordinators(own_report, report_of, user_named):
    head, coordinator = user_named("truongthon1"), user_named("vanhoaxahoi")
    submitted = in_state(report_of("thon-002"), State.SUBMITTED)
    with time_machine.travel(CLOSED, tick=False):
        for name in ("save", "submit"):
            assert workflow.TRANSITIONS[name].period_open and not workflow.allows(head, own_report, name)
            with pytest.raises(workflow.ReportNotEditable):
                take(name, own_report, head)
        assert take("accept", submitted, coordinator).state == State.ACCEPTED
        reopened = take("reopen", own_report, coordinator)
        assert reopened.reopened and take("save", reopened, head).version == reopened.version + 1


def test_what_a_step_needs_is_checked(own_report, user_named):
    head, coordinator = user_named("truongthon1"), user_named("vanhoaxahoi")
    with pytest.raises(ValidationError):
        workflow.transition(own_report, "submit", head)  # no status chosen yet
    with pytest.raises(workflow.ReportConflict):
        workflow.transition(own_report, "save", head)  # a copy that does not say which version it edits
    submitted = in_state(own_report, State.SUBMITTED)
    with pytest.raises(ValidationError):
        workflow.transition(submitted, "return", coordinator, comment="   ")
    assert ProgressReport.objects.get(pk=own_report.pk).state == State.SUBMITTED


def test_lateness_is_the_first_submissions(own_report, user_named):
    head = user_named("truongthon1")
    own_report.period.grace_days = 10
    own_report.period.save()
    late = datetime.datetime(2026, 6, 8, 9, 0, tzinfo=TZ)
    report = in_state(own_report, State.DRAFT)
    with time_machine.travel(late, tick=False):
        report = workflow.transition(report, "submit", head, at=late)
    assert report.is_late and report.first_submitted_at == late == report.submitted_at
    report = workflow.transition(report, "return", user_named("vanhoaxahoi"), comment="Sửa")
    later = datetime.datetime(2026, 6, 10, 9, 0, tzinfo=TZ)
    with time_machine.travel(later, tick=False):
        report = workflow.transition(report, "submit", head, at=later)
    assert report.is_late and report.first_submitted_at == late and report.submitted_at == later


@pytest.mark.parametrize(
    ("state", "username", "expected"),
    [
        (State.DRAFT, "truongthon1", {"save", "submit"}),
        (State.DRAFT, "truongthon2", set()),
        (State.DRAFT, "vanhoaxahoi", {"reopen", "import"}),
        (State.SUBMITTED, "truongthon1", set()),
        (State.SUBMITTED, "vanhoaxahoi", {"accept", "return", "reopen", "import"}),
        (State.RETURNED, "truongthon1", {"save", "submit"}),
        (State.ACCEPTED, "vanhoaxahoi", {"reopen", "import"}),
        (State.ACCEPTED, "lanhdao", set()),
    ],
)
def test_actions_for(own_report, user_named, state, username, expected):
    report = in_state(own_report, state)
    assert workflow.actions_for(user_named(username), report) == expected
    assert all(workflow.allows(user_named(username), report, name) for name in expected)


def test_actions_follow_the_period(own_report, report_of, user_named):
    returned = in_state(own_report, State.RETURNED)
    with time_machine.travel(CLOSED, tick=False):
        assert workflow.actions_for(user_named("truongthon1"), returned) == {"save", "submit"}  # a correction
        assert workflow.actions_for(user_named("truongthon2"), report_of("thon-002")) == set()  # a closed draft


# --- the guard --------------------------------------------------------------------------------------------


def test_a_state_saved_outside_the_table_is_refused(own_report):
    report = ProgressReport.objects.get(pk=own_report.pk)
    report.state = State.SUBMITTED
    with pytest.raises(StateChangeRefused):
        report.save()
    with pytest.raises(StateChangeRefused):
        report.save(update_fields=["state", "version"])
    report.save(update_fields=["summary"])  # what is not the state is saved as ever …
    with pytest.raises(StateChangeRefused):
        report.save()  # … and the state it did not write is still refused
    report.refresh_from_db()
    assert report.state == State.DRAFT
    report.summary = "x"
    report.save()  # nothing refused once the state is the stored one


def test_a_bulk_state_write_is_refused(own_report):
    reports = ProgressReport.objects.filter(pk=own_report.pk)
    with pytest.raises(StateChangeRefused):
        reports.update(state=State.ACCEPTED)
    report = reports.get()
    report.state = State.ACCEPTED
    with pytest.raises(StateChangeRefused):
        ProgressReport.objects.bulk_update([report], ["state"])
    with pytest.raises(StateChangeRefused):
        own_report.period.progress_reports.update(state=State.ACCEPTED)
    assert reports.get().state == State.DRAFT
    reports.update(summary="x")  # other fields are updated as ever


def test_new_forms_start_as_drafts(own_report):
    kwargs = {"body": own_report.body, "period": own_report.period}
    own_report.delete()
    for make in (
        lambda: ProgressReport.objects.create(state=State.ACCEPTED, **kwargs),
        lambda: ProgressReport.objects.bulk_create([ProgressReport(state=State.SUBMITTED, **kwargs)]),
    ):
        with pytest.raises(StateChangeRefused):
            make()
    assert ProgressReport.objects.create(**kwargs).state == State.DRAFT


# --- every writer goes through the table ----------------------------------------------------------------


@pytest.fixture
def steps(monkeypatch):
    """The names of the steps taken, in order, by whatever path took them."""
    taken: list[str] = []
    real = workflow.transition

    def spy(report, name, by, **kwargs):
        taken.append(name)
        return real(report, name, by, **kwargs)

    monkeypatch.setattr(workflow, "transition", spy)
    return taken


def test_the_pages_take_their_steps_through_the_table(client_for, own_report, steps, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    period = own_report.period
    importing = reverse("consolidation:import", args=[period.pk])
    imported = edited(period, {}, {("thon-002", "*"): "done"})  # thon-002 reports by Excel
    preview = client_for("vanhoaxahoi").post(importing, {"file": SimpleUploadedFile("so-lieu.xlsx", imported)})
    assert (
        client_for("vanhoaxahoi").post(importing, {"confirm": "1", "token": preview.context["token"]}).status_code
        == 302
    )
    data = {"version": own_report.version, "action": "submit", "summary": ""}
    for row in own_report.items.all():
        data[f"p{row.pk}-status"] = ItemStatus.ONGOING
    assert client_for("truongthon1").post(own_report.get_absolute_url(), data).status_code == 302
    review = reverse("reports:review", args=[own_report.pk])
    assert client_for("vanhoaxahoi").post(review, {"action": "return", "comment": "Bổ sung số liệu"}).status_code == 302
    data["version"] = ProgressReport.objects.get(pk=own_report.pk).version
    assert client_for("truongthon1").post(own_report.get_absolute_url(), data).status_code == 302
    assert client_for("vanhoaxahoi").post(review, {"action": "accept"}).status_code == 302
    assert client_for("vanhoaxahoi").post(review, {"action": "reopen"}).status_code == 302
    assert steps == ["import", "save", "submit", "return", "save", "submit", "accept", "reopen"]
    kinds = list(ReviewEvent.objects.filter(report=own_report).values_list("kind", flat=True))
    assert kinds == ["submitted", "returned", "submitted", "accepted", "reopened"]
    assert ProgressReport.objects.get(period=period, body__code="thon-002").state == State.SUBMITTED


def test_the_demo_takes_its_steps_through_the_table(plan, steps):
    from reports import demo

    counts = demo.demo_reports(plan=plan, as_of=datetime.date(2026, 7, 15))
    assert counts and set(steps) >= {"save", "submit", "return", "accept"}
    sent = ProgressReport.objects.filter(period__plan=plan).exclude(first_submitted_at=None).count()
    assert steps.count("submit") >= sent


def test_save_writes_the_rows_through_the_one_writer(own_report, user_named):
    head = user_named("truongthon1")
    row = own_report.items.first()
    report = workflow.transition(
        own_report, "save", head, version=own_report.version, summary="", items={row.pk: ItemData(status="done")}
    )
    row.refresh_from_db()
    assert row.status == "done" and row.history.latest().history_user == head
    # The import's edits leave a row's texts as they are.
    workflow.transition(
        report, "save", head, version=report.version, items={row.pk: ItemData.keeping_words(status="ongoing")}
    )
    row.refresh_from_db()
    assert (row.status, row.done) == ("ongoing", "")


def test_the_form_and_the_import_share_the_row_writer(own_report, user_named, monkeypatch):
    from reports import rows

    written: list[tuple[int, set[int]]] = []
    real = rows.rows_write

    def spy(report, items, by):
        written.append((report.pk, set(items)))
        return real(report, items, by)

    monkeypatch.setattr(rows, "rows_write", spy)
    row = own_report.items.get(item__area__number="2", item__label="c")
    workflow.transition(
        own_report, "save", user_named("truongthon1"), version=own_report.version, items={row.pk: ItemData()}
    )
    content = edited(own_report.period, {("thon-001", "2.c", "don-tiep-nhan"): 7})
    assert imports.figures_import_apply(period=own_report.period, content=content, by=user_named("vanhoaxahoi")).ok
    assert written == [(own_report.pk, {row.pk}), (own_report.pk, {row.pk})]
    assert row.figures.get().value == 7
