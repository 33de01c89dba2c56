"""Spreadsheet import/export of bodies, officials and assignments: per-row errors, nothing half-imported."""

import pytest
import tablib
from django.contrib.auth import get_user_model
from django.urls import reverse

from plans.models import Assignment, Body, Membership, Role
from plans.resources import AssignmentResource, BodyResource, OfficialResource

User = get_user_model()


def _dataset(headers, rows):
    data = tablib.Dataset(headers=headers)
    for row in rows:
        data.append(row)
    return data


@pytest.mark.django_db
def test_bodies_import_creates_groups_and_updates_by_code(demo):
    data = _dataset(
        ["code", "name", "kind", "email", "order"],
        [
            ["thon-013", "Thôn Mới", "village", "thonmoi@camgiang.gov.vn", 13],
            ["phong-kinh-te", "Phòng Kinh tế", "department", "kinhte@camgiang.gov.vn", 2],
        ],
    )
    result = BodyResource().import_data(data, dry_run=False, raise_errors=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert Body.objects.get(code="thon-013").group is not None
    assert Body.objects.get(code="phong-kinh-te").email == "kinhte@camgiang.gov.vn"


@pytest.mark.django_db
def test_bodies_import_with_a_bad_row_writes_nothing(demo):
    before = Body.objects.count()
    data = _dataset(
        ["code", "name", "kind", "email", "order"],
        [
            ["thon-013", "Thôn Mới", "village", "thonmoi@camgiang.gov.vn", 13],
            ["thon-014", "Thôn Hỏng", "khong-co-loai-nay", "not-an-email", "x"],
        ],
    )
    result = BodyResource().import_data(data, dry_run=False, raise_errors=False, use_transactions=True)
    assert result.has_validation_errors() or result.has_errors()
    assert Body.objects.count() == before


@pytest.mark.django_db
def test_village_heads_in_bulk(demo):
    data = _dataset(
        ["username", "full_name", "email", "body", "role"],
        [
            ["truongthon_moi", "Nguyễn Văn An", "an@camgiang.gov.vn", "thon-003", "village_head"],
        ],
    )
    result = OfficialResource().import_data(data, dry_run=False, raise_errors=False)
    assert not result.has_errors(), [e.error for row in result.row_errors() for e in row[1]]
    user = User.objects.get(username="truongthon_moi")
    assert user.membership.role == Role.VILLAGE_HEAD
    assert user.membership.body.code == "thon-003"
    assert not user.has_usable_password()
    assert "body:thon-003" in set(user.groups.values_list("name", flat=True))


@pytest.mark.django_db
def test_officials_import_rejects_unknown_role_and_body(demo):
    data = _dataset(
        ["username", "full_name", "email", "body", "role"],
        [
            ["a1", "A", "a@x.vn", "thon-003", "village_head"],
            ["a2", "B", "b@x.vn", "khong-co", "village_head"],
            ["a3", "C", "c@x.vn", "thon-003", "vua"],
        ],
    )
    result = OfficialResource().import_data(data, dry_run=False, raise_errors=False, use_transactions=True)
    assert result.has_errors() or result.has_validation_errors()
    assert not User.objects.filter(username__in=["a1", "a2", "a3"]).exists()
    assert not Membership.objects.filter(user__username="a1").exists()


@pytest.mark.django_db
def test_assignments_round_trip_and_bad_rows(demo):
    plan = demo.demo_plan()
    exported = AssignmentResource().export()
    assert exported.headers == ["item", "body", "role"]
    assert len(exported) == 256
    data = _dataset(
        ["item", "body", "role"],
        [
            [f"{plan.pk}:2.a", "ubmttq", "supervise"],
            [f"{plan.pk}:9.z", "ubmttq", "lead"],
        ],
    )
    result = AssignmentResource().import_data(data, dry_run=False, raise_errors=False, use_transactions=True)
    assert result.has_errors() or result.has_validation_errors()
    assert not Assignment.objects.filter(body__code="ubmttq").exists()
    good = _dataset(["item", "body", "role"], [[f"{plan.pk}:2.a", "ubmttq", "supervise"]])
    assert not AssignmentResource().import_data(good, dry_run=False, raise_errors=False).has_errors()
    assert Assignment.objects.get(body__code="ubmttq").role == "supervise"


@pytest.mark.django_db
def test_admin_import_pages_open_for_the_administrator(client_for, demo):
    client = client_for("admin")
    for model in ["body", "membership", "assignment"]:
        assert client.get(reverse(f"admin:plans_{model}_import")).status_code == 200
        assert client.get(reverse(f"admin:plans_{model}_changelist")).status_code == 200


@pytest.mark.django_db
def test_admin_export_of_bodies_is_a_real_file(client_for, demo):
    client = client_for("admin")
    form = client.get(reverse("admin:plans_body_export")).context["form"]
    formats = dict(form.fields["format"].choices)
    xlsx = next(key for key, label in formats.items() if "xlsx" in str(label).lower())
    data = {"format": xlsx, "resource": "0", **{name: "on" for name in form.fields if name.startswith("bodyresource_")}}
    response = client.post(reverse("admin:plans_body_export"), data)
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
