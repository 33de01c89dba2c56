"""Writes of the plans app: roles and memberships, bodies, plan import, copying a plan.

Every write done for someone takes `by` (a user, or `camgiang_portal.actors.SYSTEM` for commands and the
demo seed) and authorises it first through `permissions.require`, so a task or a command is held to the
same rule as a view. The group and permission plumbing (`role_*`, `body_group_sync`, `body_create`,
`body_ensure`, `membership_set`, `account_*`) acts for nobody: migrations, the admin's imports and the seed call it.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm
from simple_history.utils import bulk_create_with_history

from camgiang_portal.actors import history_user

from . import importer, permissions
from .importer import ImportResult, PlanImportError
from .models import Assignment, Body, Item, Membership, Plan, ReportingPeriod, Role, Task
from .parsing.dates import find_spans
from .signals import assignments_removed

__all__ = ["ImportResult", "PlanImportError", "plan_import"]

User = get_user_model()


def role_group(role: str) -> Group:
    group, _ = Group.objects.get_or_create(name=f"role:{role}")
    return group


def role_permissions_sync(*, app_label: str, table: dict[str, list[str]]) -> None:
    """Make each role group hold exactly the listed permissions of one app (other apps' are left alone)."""
    perms = {p.codename: p for p in Permission.objects.filter(content_type__app_label=app_label)}
    for role in Role:
        group = role_group(role)
        wanted = [perms[c] for c in table.get(role, []) if c in perms]
        current = set(group.permissions.filter(content_type__app_label=app_label))
        group.permissions.remove(*(current - set(wanted)))
        group.permissions.add(*wanted)


@transaction.atomic
def body_group_sync(*, body: Body) -> Group:
    """Give the body its own group and grant that group the body's object permissions.

    Object permissions go to the group, never to a user, so a new village head is one membership change.
    """
    if body.group_id is None:
        group, _ = Group.objects.get_or_create(name=body.group_name)
        body.group = group
        body.save(update_fields=["group"])
    assign_perm("plans.view_body", body.group, body)
    return body.group


@transaction.atomic
def body_create(*, commune, name: str, code: str, kind: str, email: str = "", order: int = 0, **extra) -> Body:
    body = Body.objects.create(commune=commune, name=name, code=code, kind=kind, email=email, order=order, **extra)
    body_group_sync(body=body)
    return body


@transaction.atomic
def body_ensure(*, commune, code: str, name: str, kind: str, order: int = 0, email: str = "", **flags) -> Body:
    """The body of that code, created or brought back to these values, with its group: safe to run again."""
    body, _ = Body.objects.update_or_create(
        code=code, defaults={"commune": commune, "name": name, "kind": kind, "order": order, "email": email, **flags}
    )
    body_group_sync(body=body)
    return body


def _account_fill(
    user, *, password: str, password_hash: str, role: str, body: Body | None, email, first_name, last_name, superuser
):
    user.email = email
    user.first_name, user.last_name = first_name, last_name
    user.is_active = True
    user.is_superuser = superuser
    user.is_staff = superuser or user.is_staff
    if password_hash:
        user.password = password_hash
    else:
        user.set_password(password)
    user.save()
    membership_set(user=user, body=body, role=role)
    return user


@transaction.atomic
def account_ensure(
    *,
    username: str,
    password: str,
    role: str,
    body: Body | None,
    email="",
    first_name="",
    last_name="",
    superuser=False,
    password_hash: str = "",
):
    """The account of that name, created or brought back to these values (password, role, body): the demo's.
    `password_hash`, when given, is stored instead of hashing `password` again (the demo hashes its one password
    once: make_password costs a quarter of a second, minutes over a city's accounts)."""
    user, _ = User.objects.get_or_create(username=username)
    return _account_fill(
        user,
        password=password,
        password_hash=password_hash,
        role=role,
        body=body,
        email=email,
        first_name=first_name,
        last_name=last_name,
        superuser=superuser,
    )


@transaction.atomic
def account_create(*, username: str, password: str, role: str, body: Body, email="", first_name="", last_name=""):
    """A new account in one body with one role; an existing or malformed username is refused (ValidationError),
    so an account is never taken over by giving its name again."""
    try:
        User.username_validator(username)
        if not 0 < len(username) <= User._meta.get_field("username").max_length:
            raise ValidationError("length")
    except ValidationError:
        raise ValidationError(
            {"username": _("Tên đăng nhập “%(username)s” không hợp lệ.") % {"username": username}}
        ) from None
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(
            {"username": _("Tên đăng nhập “%(username)s” đã có người dùng.") % {"username": username}}
        )
    return _account_fill(
        User(username=username),
        password=password,
        password_hash="",
        role=role,
        body=body,
        email=email,
        first_name=first_name,
        last_name=last_name,
        superuser=False,
    )


@transaction.atomic
def membership_set(*, user, body: Body | None, role: str) -> Membership:
    """Put a user in one body with one role: the role's group and the body's group, and no others."""
    if body is not None:
        body_group_sync(body=body)
    membership, _ = Membership.all_communes.update_or_create(user=user, defaults={"body": body, "role": role})
    stale = user.groups.filter(name__regex=r"^(role|body):")
    user.groups.remove(*stale)
    user.groups.add(role_group(role))
    if body is not None:
        user.groups.add(body.group)
    if role == Role.ADMIN and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return membership


@transaction.atomic
def plan_tasks_generate(*, plan: Plan) -> int:
    """Give every assignment its tasks: one per reporting period for a continuous item, one for a dated item.

    Idempotent: existing tasks are kept, missing ones created. Returns the number created.
    """
    periods = list(plan.periods.order_by("order", "due_date"))
    if not periods:
        return 0
    existing = set(Task.objects.filter(period__plan=plan).values_list("assignment_id", "period_id"))
    new: list[Task] = []
    for assignment in Assignment.objects.filter(item__area__plan=plan).select_related("item"):
        deadline = assignment.item.deadline
        if deadline is None:
            targets = [(period, period.due_date) for period in periods]
        else:
            # A dated task is reported in the first period whose report is due on or after its deadline.
            period = next((p for p in periods if p.due_date >= deadline), periods[-1])
            targets = [(period, deadline)]
        new.extend(
            Task(assignment=assignment, period=period, due_date=due)
            for period, due in targets
            if (assignment.pk, period.pk) not in existing
        )
    Task.objects.bulk_create(new)
    return len(new)


def plan_import(
    *, source: bytes, filename: str = "", year: int | None = None, dry_run: bool = False, replace: bool = False, by
) -> ImportResult:
    """Build a whole plan from its text or .docx in one transaction; nothing is written on any error.

    A dry run builds it and rolls back: the preview shows exactly what the import would write. Importing a
    plan that exists already refuses, unless ``replace`` is given and it is an unreported draft (see
    importer.plan_build). Raises PermissionDenied, PlanParseError (bad document) or PlanImportError (refused).
    """
    permissions.require(by, permissions.can_manage_plans)
    parsed = importer.plan_parse(source, filename, year=year)
    with transaction.atomic():
        result = importer.plan_build(parsed, source=source, filename=filename, replace=replace, dry_run=dry_run)
        for body in result.created_bodies:
            body_group_sync(body=body)
        plan_tasks_generate(plan=result.plan)
        if dry_run:
            transaction.set_rollback(True)
    return result


def period_grace_set(*, period: ReportingPeriod, grace_days: int) -> ReportingPeriod:
    """The days after the due date a period stays open for late reports: the row write behind
    reports.services.period_grace_set, its one caller, which authorises (who may set grace is a rule of the
    reports' review, `reports.permissions.can_review`; checking it here too would check it twice)."""
    if not 0 <= grace_days <= 90:
        raise ValidationError({"grace_days": _("Số ngày gia hạn phải từ 0 đến 90.")})
    period.grace_days = grace_days
    period.save(update_fields=["grace_days"])
    return period


@transaction.atomic
def period_span_set(*, period: ReportingPeriod, start: datetime.date, end: datetime.date, by) -> ReportingPeriod:
    """The dates the period's figures are counted between ("số liệu tính từ ngày … đến ngày …").

    The span lies in the plan's year, or within the span the plan itself states for the period (Decree
    09/2019's cut-off counts the annual report from 15/12 of the year before), and ends by the due date: a
    report cannot count days after it is sent. Raises PermissionDenied or ValidationError (nothing written).
    """
    permissions.require(by, permissions.can_change_periods)
    plan = period.plan
    if end < start:
        raise ValidationError({"end": _("Ngày kết thúc không được trước ngày bắt đầu.")})
    first, last = datetime.date(plan.year, 1, 1), datetime.date(plan.year, 12, 31)
    stated = find_spans(plan.reporting_text, plan.year).get(period.code)
    if stated:
        first, last = min(first, stated[0]), max(last, stated[1])
    if start < first or end > last:
        raise ValidationError(
            {
                "start": _("Khoảng số liệu phải nằm trong khoảng từ ngày %(first)s đến ngày %(last)s.")
                % {"first": first.strftime("%d/%m/%Y"), "last": last.strftime("%d/%m/%Y")}
            }
        )
    if end > period.due_date:
        raise ValidationError(
            {
                "end": _("Số liệu không được tính đến sau hạn nộp báo cáo (%(due)s).")
                % {"due": period.due_date.strftime("%d/%m/%Y")}
            }
        )
    period.start, period.end = start, end
    period.save(update_fields=["start", "end"])
    return period


@transaction.atomic
def assignments_set(*, plan: Plan, matrix: dict[tuple[int, int], str], by) -> dict[str, int]:
    """Make the plan's assignments equal the matrix {(item_id, body_id): role}; missing keys mean none.

    Raises ProtectedError (nothing changed) when a removed assignment already has reports against it.
    """
    permissions.require(by, permissions.can_manage_plans)
    valid_roles = set(Assignment.Role.values)
    item_ids = set(Item.objects.filter(area__plan=plan).values_list("pk", flat=True))
    body_ids = set(Body.objects.values_list("pk", flat=True))
    wanted = {
        key: role for key, role in matrix.items() if role in valid_roles and key[0] in item_ids and key[1] in body_ids
    }
    current = {(a.item_id, a.body_id): a for a in Assignment.objects.filter(item__area__plan=plan)}
    removed = [a.pk for key, a in current.items() if key not in wanted]
    Assignment.objects.filter(pk__in=removed).delete()
    _removed_notify(plan, [key for key in current if key not in wanted])
    changed = 0
    for key, role in wanted.items():
        assignment = current.get(key)
        if assignment is None:
            Assignment.objects.create(item_id=key[0], body_id=key[1], role=role)
        elif assignment.role != role:
            assignment.role = role
            assignment.save(update_fields=["role"])
            changed += 1
    added = len(set(wanted) - set(current))
    plan_tasks_generate(plan=plan)
    return {"added": added, "removed": len(removed), "changed": changed}


def _removed_notify(plan: Plan, pairs: list[tuple[int, int]]) -> int:
    """Let the apps above follow a removal (reports drops the item from the bodies' unsent drafts)."""
    if not pairs:
        return 0
    responses = assignments_removed.send(sender=Assignment, plan=plan, pairs=pairs)
    return sum(result for _receiver, result in responses if isinstance(result, int))


KINDS_REMOVABLE = (Body.Kind.DEPARTMENT, Body.Kind.VILLAGE, Body.Kind.ORGANISATION)


@transaction.atomic
def assignments_remove_kind(*, plan: Plan, item: Item, kind: str, by) -> dict[str, int]:
    """Take one item away from every body of one kind (e.g. every village), in one action of the coordinator.

    For items that do not concern that kind of body (an agency's own conference, asked of every village).
    Each removed assignment is deleted on its own, so its history names who removed it, as the matrix's
    changes do; the forms follow as after any removal (see reports.services.progress_unassigned).
    Returns {"removed": assignments, "forms": forms the item left}.
    """
    permissions.require(by, permissions.can_manage_plans)
    if kind not in KINDS_REMOVABLE:
        raise ValidationError(_("Loại đơn vị không hợp lệ."))
    if item.area.plan_id != plan.pk:
        raise ValidationError(_("Nhiệm vụ không thuộc kế hoạch này."))
    assignments = list(Assignment.objects.select_for_update().filter(item=item, body__kind=kind).order_by("pk"))
    for assignment in assignments:
        assignment._history_user = history_user(by)
        assignment.delete()
    forms = _removed_notify(plan, [(a.item_id, a.body_id) for a in assignments])
    return {"removed": len(assignments), "forms": forms}


def _shift_year(value, years: int):
    if value is None:
        return None
    try:
        return value.replace(year=value.year + years)
    except ValueError:  # 29 February
        return value.replace(year=value.year + years, day=28)


@transaction.atomic
def plan_copy_to_year(*, plan: Plan, year: int | None = None, by) -> Plan:
    """A new draft for the next year with the same structure, assignments and periods, dates shifted."""
    permissions.require(by, permissions.can_manage_plans)
    year = year or plan.year + 1
    if Plan.objects.filter(commune_id=plan.commune_id, year=year).exclude(status=Plan.Status.SUPERSEDED).exists():
        raise ValueError(_("Đã có kế hoạch năm %(year)s.") % {"year": year})
    return _plan_copy(plan, year=year)


@transaction.atomic
def plan_new_version(*, plan: Plan, by) -> Plan:
    """A draft to change an issued plan: same year, same structure, marked as superseding it once issued.

    The issued plan and its signed file stay untouched (a signed paper is never rewritten); issuing the new
    version gives it its own number and marks the old one superseded."""
    permissions.require(by, permissions.can_manage_plans)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != Plan.Status.ISSUED:
        raise ValueError(_("Chỉ tạo phiên bản mới cho kế hoạch đã ban hành; bản dự thảo thì sửa trực tiếp."))
    draft = Plan.objects.filter(commune_id=plan.commune_id, year=plan.year, status=Plan.Status.DRAFT).first()
    if draft is not None:
        raise ValueError(
            _("Đã có bản dự thảo phiên bản mới của kế hoạch năm %(year)s (mã %(id)s).")
            % {"year": plan.year, "id": draft.pk}
        )
    return _plan_copy(plan, year=plan.year, supersedes=plan)


def _plan_copy(plan: Plan, *, year: int, supersedes: Plan | None = None) -> Plan:
    shift = year - plan.year
    old_year = str(plan.year)
    copy = Plan.objects.get(pk=plan.pk)
    copy.pk = None
    copy.id = None
    copy.year = year
    copy.title = plan.title.replace(old_year, str(year))
    copy.status = Plan.Status.DRAFT
    copy.number = ""
    copy.date_day = None
    copy.date_month = None
    copy.date_year = None
    copy.supersedes = supersedes
    copy.source_name = plan.source_name if supersedes else ""
    copy.source_text = plan.source_text if supersedes else ""
    copy.save()
    for relation in (plan.legal_bases, plan.recipients, plan.duties):
        for row in relation.all():
            row.pk = None
            row.plan = copy
            row.save()
    for period in plan.periods.all():
        period.pk = None
        period.plan = copy
        period.start, period.end, period.due_date = (
            _shift_year(d, shift) for d in (period.start, period.end, period.due_date)
        )
        period.save()
    for area in plan.areas.prefetch_related("items__assignments"):
        items = list(area.items.all())
        area.pk = None
        area.plan = copy
        area.timing = area.timing.replace(old_year, str(year))
        area.save()
        for item in items:
            assignments = list(item.assignments.all())
            item.pk = None
            item.area = area
            item.timing = item.timing.replace(old_year, str(year))
            item.deadline = _shift_year(item.deadline, shift)
            item.save()
            bulk_create_with_history(
                [Assignment(item=item, body_id=a.body_id, role=a.role) for a in assignments], Assignment
            )
    plan_tasks_generate(plan=copy)
    return copy


@transaction.atomic
def body_confirm(*, body: Body, by) -> Body:
    """A body the importer created from an unknown name, accepted by the coordinator."""
    permissions.require(by, permissions.can_manage_plans)
    body.needs_confirmation = False
    body.save(update_fields=["needs_confirmation"])
    return body
