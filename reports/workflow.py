"""A progress form's lifecycle in one table: each step names the states it leaves and where each goes, who may
take it (reports.permissions: who, never when), whether the form's period must still be open
(permissions.report_openness, the one owner of that date rule) and the event it records.

`transition` is the one writer of a form's state (the model refuses any other, see ProgressReport.save): it
locks the row, authorises once, checks the state and the period, applies the step, bumps the version, names
who changed it, saves, records the event and has the cached pages rebuilt after commit. Pages ask
`actions_for` which steps a user has on a form instead of testing states themselves.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import permissions, rows, selectors
from .models import ProgressReport, ReviewEvent, state_moving

State = ProgressReport.State
Kind = ReviewEvent.Kind


class ReportConflict(Exception):
    """Someone else saved the form since this copy was loaded."""


class ReportNotEditable(Exception):
    """The step is not the user's, or not possible from the form's state, or its period is closed."""


@dataclass
class Step:
    """One transition being applied: the locked form and what the caller gave."""

    report: ProgressReport
    source: str  # the state it leaves
    by: object
    at: datetime.datetime
    comment: str
    version: int | None
    summary: str | None
    items: dict[int, rows.ItemData] | None
    replay: bool


@dataclass(frozen=True)
class Transition:
    name: str
    moves: Mapping[str, str]  # state it leaves → state it goes to; a state not named refuses the step
    permission: Callable[[object, ProgressReport], bool]
    period_open: bool  # the period must still be open for the body (permissions.report_openness)
    event: str | None  # the ReviewEvent kind recorded; None: a draft save records none
    done_in: frozenset[str] = frozenset()  # asking again from here finds the work done and changes nothing
    needs_version: bool = False  # the step edits a copy: it must say which version (else: a conflict)
    apply: Callable[[Step], None] | None = None  # what the step writes besides state, version and who

    def moves_on(self, state: str) -> bool:
        """Whether the step takes a form in `state` to another state (an import of a draft submits it)."""
        return self.moves[state] != state


def _stamp_submitted(report: ProgressReport, at: datetime.datetime) -> None:
    """Sent at `at`. Timeliness is judged on the first submission: a correction asked for later is not lateness."""
    if report.first_submitted_at is None:
        report.first_submitted_at = at
        report.is_late = report.late_at(at)
    report.submitted_at = at


def _apply_save(step: Step) -> None:
    rows.rows_write(step.report, step.items or {}, step.by)
    if step.summary is not None:
        step.report.summary = step.summary


def _apply_submit(step: Step) -> None:
    # A replayed submission (the demo's past, a paper form) is taken as it was sent, statuses or not.
    missing = [] if step.replay else rows.missing_statuses(step.report)
    if missing:
        raise ValidationError({f"p{p.pk}-status": _("Hãy chọn tình hình thực hiện trước khi nộp.") for p in missing})
    _stamp_submitted(step.report, step.at)


def _apply_return(step: Step) -> None:
    if not step.comment:
        raise ValidationError({"comment": _("Hãy ghi rõ lý do trả lại để đơn vị sửa.")})


def _apply_reopen(step: Step) -> None:
    step.report.reopened = True


def _apply_import(step: Step) -> None:
    """The coordinator's XLSX import (consolidation.imports) reports for a body that sends its figures by Excel.

    A form that body never submitted is recorded as SUBMITTED on its behalf, not ACCEPTED: the import makes
    the body count as reported (completeness, timeliness, consolidated totals all read submitted forms), while
    accepting stays a separate, deliberate review of what the file put in, and it is acceptance that publishes
    the form's statuses on the public site (selectors.plan_progress). It also leaves the coordinator the usual
    way back: return the form to the body, which can then correct it in the portal. Unlike a submission,
    items left without a status do not stop it: the body's paper gave figures only, and refusing would keep
    it on the "not reported" list (the preview warns of them). The version is bumped either way, so a copy
    open in an editor gets the conflict message instead of overwriting the imported figures.
    """
    rows.rows_write(step.report, step.items or {}, step.by)
    if IMPORT.moves_on(step.source):  # a draft or returned form: recorded as submitted on the body's behalf
        _stamp_submitted(step.report, step.at)


def _moves(**moves: str) -> Mapping[str, str]:
    return MappingProxyType({State[source.upper()]: target for source, target in moves.items()})


# --- the table ------------------------------------------------------------------------------------------------

SAVE = Transition(
    name="save",  # the body's draft: words, figures, summary
    moves=_moves(draft=State.DRAFT, returned=State.RETURNED),
    permission=permissions.can_write_report,
    period_open=True,
    event=None,
    needs_version=True,
    apply=_apply_save,
)
SUBMIT = Transition(
    name="submit",
    moves=_moves(draft=State.SUBMITTED, returned=State.SUBMITTED),
    permission=permissions.can_write_report,
    period_open=True,
    event=Kind.SUBMITTED,
    done_in=frozenset({State.SUBMITTED, State.ACCEPTED}),  # a second click, a resent request
    apply=_apply_submit,
)
RETURN = Transition(
    name="return",
    moves=_moves(submitted=State.RETURNED),
    permission=permissions.can_review_report,
    period_open=False,  # a return asks for a correction whatever the date (report_openness keeps it open)
    event=Kind.RETURNED,
    apply=_apply_return,
)
ACCEPT = Transition(
    name="accept",
    moves=_moves(submitted=State.ACCEPTED),
    permission=permissions.can_review_report,
    period_open=False,
    event=Kind.ACCEPTED,
)
REOPEN = Transition(
    name="reopen",  # lets one body write after its period closed; an accepted form goes back for a correction
    moves=_moves(draft=State.DRAFT, submitted=State.SUBMITTED, returned=State.RETURNED, accepted=State.RETURNED),
    permission=permissions.can_review_report,
    period_open=False,
    event=Kind.REOPENED,
    apply=_apply_reopen,
)
IMPORT = Transition(
    name="import",  # the coordinator's XLSX import, on the body's behalf (see _apply_import)
    moves=_moves(draft=State.SUBMITTED, returned=State.SUBMITTED, submitted=State.SUBMITTED, accepted=State.ACCEPTED),
    permission=permissions.can_review_report,
    period_open=False,
    event=Kind.IMPORTED,
    apply=_apply_import,
)

TRANSITIONS: Mapping[str, Transition] = MappingProxyType(
    {t.name: t for t in (SAVE, SUBMIT, RETURN, ACCEPT, REOPEN, IMPORT)}
)


def _permitted(rule: Transition, user, report: ProgressReport) -> bool:
    return user is not None and rule.permission(user, report)


def _in_time(rule: Transition, report: ProgressReport) -> bool:
    return not rule.period_open or permissions.report_openness(report).open


@transaction.atomic
def transition(
    report: ProgressReport,
    name: str,
    by,
    *,
    version: int | None = None,
    comment: str = "",
    at: datetime.datetime | None = None,
    summary: str | None = None,
    items: dict[int, rows.ItemData] | None = None,
    replay: bool = False,
) -> ProgressReport:
    """Take step `name` of the table on `report` as `by`; returns the form as saved.

    Raises ReportNotEditable when the step is not `by`'s, not possible from the form's state or its period is
    closed; ReportConflict when someone changed the form since `version` (a draft save must give it);
    ValidationError when what the step needs is missing (a return's reason, a status before submitting, a
    bad figure). `at`: when it happened (now by default; lateness and the event are dated by it).

    `replay`: writing a past that happened elsewhere (the demo seeder's history, a test's starting point):
    the moves, version, event and caches are as always, but `by`'s permission, the period's openness and the
    submission's statuses are not judged again. No page passes it.
    """
    rule = TRANSITIONS[name]
    locked = ProgressReport.objects.select_for_update().select_related("period").get(pk=report.pk)
    if not replay and not _permitted(rule, by, locked):
        raise ReportNotEditable
    if (version is None and rule.needs_version) or (version is not None and locked.version != version):
        # A copy loaded before someone else's change (or one that does not say which version it edits,
        # which cannot be trusted): told so, whatever the change was.
        raise ReportConflict
    if locked.state in rule.done_in:
        return locked
    if locked.state not in rule.moves:
        raise ReportNotEditable
    if not replay and not _in_time(rule, locked):
        raise ReportNotEditable
    at = at or timezone.now()
    step = Step(locked, locked.state, by, at, comment.strip(), version, summary, items, replay)
    if rule.apply is not None:
        rule.apply(step)
    with state_moving(locked):
        locked.state = rule.moves[step.source]
        locked.version += 1
        locked.updated_by = by
        locked.save()
    if rule.event is not None:
        ReviewEvent.objects.create(report=locked, kind=rule.event, by=by, comment=step.comment, at=at)
    # The dashboard's and consolidated pages' cached fragments are stale once this commits.
    transaction.on_commit(selectors.cache_invalidate)
    return locked


def is_done(report: ProgressReport, name: str) -> bool:
    """Whether asking for step `name` again finds it done (a second "submit" of a form already sent)."""
    return report.state in TRANSITIONS[name].done_in


def allows(user, report: ProgressReport, name: str) -> bool:
    """Whether `user` may take step `name` on `report` now, as `transition` would judge it."""
    rule = TRANSITIONS[name]
    return report.state in rule.moves and _permitted(rule, user, report) and _in_time(rule, report)


def actions_for(user, report: ProgressReport) -> frozenset[str]:
    """The steps `user` may take on `report` now, by name: what the form and review pages offer.

    Each permission and the period's openness are asked once (several steps share them)."""
    permitted: dict[Callable, bool] = {}
    open_now: bool | None = None
    names = []
    for name, rule in TRANSITIONS.items():
        if report.state not in rule.moves:
            continue
        if rule.permission not in permitted:
            permitted[rule.permission] = _permitted(rule, user, report)
        if not permitted[rule.permission]:
            continue
        if rule.period_open:
            if open_now is None:
                open_now = permissions.report_openness(report).open
            if not open_now:
                continue
        names.append(name)
    return frozenset(names)
