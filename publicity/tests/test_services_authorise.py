"""Services check the official they act for, whoever calls them (a view, a task, a command); and the
permissions that replaced role names and body codes are held by the groups that should hold them."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from plans.models import Body, Role
from plans.services import membership_set
from publicity import permissions, services
from publicity.models import DisclosureItem, DisclosureStatus, ReceptionSession

pytestmark = pytest.mark.django_db

SESSION = {"date": datetime.date(2026, 5, 25), "start_time": "07:30", "end_time": "11:00", "receiver": "Chủ tịch"}


def _draft(by, body):
    return services.disclosure_save(
        by=by, data={"category": 7, "title": "Danh sách hộ nghèo", "text": "Kết quả.", "body": body, "forms": ["a"]}
    )


def test_only_those_who_disclose_write_disclosures(user_named, village1):
    with pytest.raises(PermissionDenied):
        _draft(user_named("mttq"), village1)
    with pytest.raises(PermissionDenied):
        _draft(user_named("truongthon1"), village1)
    own = Body.objects.get(code="phong-kinh-te")
    with pytest.raises(PermissionDenied):  # a department writes for its own body only
        _draft(user_named("phongkinhte"), village1)
    assert _draft(user_named("phongkinhte"), own).body == own
    assert not DisclosureItem.objects.filter(body=village1).exists()


def test_publishing_ending_and_loudspeaker_check_the_item_is_the_users(user_named, village1):
    item = _draft(user_named("vanhoaxahoi"), village1)
    with pytest.raises(PermissionDenied):
        services.disclosure_publish(item=item, by=user_named("phongkinhte"))
    with pytest.raises(PermissionDenied):
        services.disclosure_save(item=item, by=user_named("phongkinhte"), data={"title": "Khác"})
    item = services.disclosure_publish(item=item, by=user_named("lanhdao"))
    with pytest.raises(PermissionDenied):
        services.disclosure_loudspeaker_record(item=item, by=user_named("mttq"), days=3)
    with pytest.raises(PermissionDenied):
        services.disclosure_archive(item=item, by=user_named("truongthon1"), reason="x")
    item.refresh_from_db()
    assert item.status == DisclosureStatus.PUBLISHED and item.loudspeaker_days == 0 and item.title != "Khác"


def test_the_reception_schedule_is_the_offices_and_the_coordinators(user_named, django_user_model, demo):
    for username in ("truongthon1", "mttq", "phongkinhte"):
        with pytest.raises(PermissionDenied):
            services.reception_session_save(data=SESSION, by=user_named(username))
    assert not ReceptionSession.objects.exists()
    services.reception_session_save(data=SESSION, by=user_named("vanhoaxahoi"))
    services.reception_session_save(data=SESSION, by=user_named("vanphongubnd"))  # the office, a department
    assert ReceptionSession.objects.count() == 2


def test_the_office_holds_the_schedule_through_its_body_not_its_code(django_user_model, demo):
    """The office's members hold the permission through the body's group: moving out takes it away."""
    office = Body.objects.get(code="vp-hdnd-ubnd")
    clerk = django_user_model.objects.create_user("vanphong2")
    membership_set(user=clerk, body=office, role=Role.DEPARTMENT)
    assert permissions.can_manage_reception(django_user_model.objects.get(pk=clerk.pk))
    membership_set(user=clerk, body=Body.objects.get(code="phong-kinh-te"), role=Role.DEPARTMENT)
    assert not permissions.can_manage_reception(django_user_model.objects.get(pk=clerk.pk))
    assert office.group.permissions.filter(codename="change_receptionsession").exists()


def test_moderating_is_a_permission_of_the_mttq_and_the_administrator(user_named):
    moderators = {u for u in ("mttq", "admin", "lanhdao", "vanhoaxahoi", "phongkinhte", "truongthon1")}
    held = {u for u in moderators if permissions.is_moderator(user_named(u))}
    assert held == {"mttq", "admin"}
    assert user_named("mttq").has_perm("publicity.moderate_feedback")


def test_recording_a_case_needs_an_official(django_user_model, demo, village1):
    stranger = django_user_model.objects.create_user("nguoila")
    with pytest.raises(PermissionDenied):
        services.feedback_submit(
            kind="phan_anh", subject="Đơn", content="Nội dung", village=village1, channel="don_thu", by=stranger
        )
    case = services.feedback_submit(
        kind="phan_anh",
        subject="Đơn",
        content="Nội dung",
        village=village1,
        channel="don_thu",
        by=django_user_model.objects.get(username="truongthon1"),
        received_on=timezone.localdate(),
    )
    assert case.created_by.username == "truongthon1"
