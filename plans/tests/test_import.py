"""The importer end to end: seed text → database, through the service and the command."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from camgiang_portal.actors import SYSTEM
from plans import services
from plans.demo import SEED_PLAN
from plans.models import Assignment, Body, ContentArea, Duty, Item, LegalBasis, Plan, Recipient, ReportingPeriod, Task

SEED = SEED_PLAN.read_bytes()


def _import_json(*args) -> tuple[dict, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_plan", str(SEED_PLAN), "--json", *args, stdout=out, stderr=err)
    return json.loads(out.getvalue()), err.getvalue()


@pytest.mark.django_db
def test_seed_imports_with_exact_structure(demo):
    summary, _err = _import_json()
    assert summary == {
        "plan_id": Plan.objects.get().pk,
        "year": 2026,
        "title": "Thực hiện dân chủ ở cơ sở trên địa bàn xã năm 2026",
        "areas": 3,
        "items": 16,
        "items_per_area": [5, 5, 6],
        "bodies": summary["bodies"],
        "assignments": 256,
        "deadlines": ["2026-06-05", "2026-09-10", "2026-11-10"],
        "legal_bases": summary["legal_bases"],
        "recipients": 8,
        "signer": "Vũ Mạnh Huy",
    }
    assert all(
        isinstance(summary[k], int)
        for k in ["plan_id", "year", "areas", "items", "bodies", "assignments", "legal_bases", "recipients"]
    )
    assert summary["legal_bases"] >= 6
    # 4 departments and 12 villages on every item, plus the MTTQ named in section III.
    assert summary["bodies"] == 17
    plan = Plan.objects.get()
    assert (plan.year, plan.date_month, plan.date_year, plan.date_day, plan.number) == (2026, 12, 2025, None, "")
    assert plan.status == Plan.Status.DRAFT
    assert (plan.sign_authority, plan.sign_delegation, plan.sign_position) == (
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    )
    assert plan.reporting_via.name == "Phòng Văn hóa – Xã hội"
    labels = list(Item.objects.filter(area__number="3").order_by("order").values_list("label", flat=True))
    assert labels == ["a", "b", "c", "d", "đ", "e"]
    assert list(Recipient.objects.order_by("order").values_list("text", flat=True))[0] == "Thường trực Đảng ủy"
    assert Recipient.objects.count() == 8
    periods = list(ReportingPeriod.objects.order_by("order").values_list("code", "due_date"))
    assert [code for code, _ in periods] == ["6thang", "9thang", "canam"]
    assert Task.objects.count() == 256 * 3
    duty_bodies = list(Duty.objects.order_by("order").values_list("body__name", flat=True))
    assert duty_bodies[0] == "Phòng Văn hóa – Xã hội"
    assert duty_bodies[2] == "Ủy ban MTTQ Việt Nam xã"
    assert not Body.objects.filter(needs_confirmation=True).exists()
    # The MTTQ has duties, not items: it reports only where the plan assigns it items.
    assert not Assignment.objects.filter(body__is_front=True).exists()
    numbers = set(LegalBasis.objects.values_list("number", flat=True))
    assert {"59/2023/NĐ-CP", "347/KH-UBND", "82/NQ-HĐND", "05/QĐ-UBND", "26/CT-TTg"} <= numbers


@pytest.mark.django_db
def test_second_import_refuses_and_never_duplicates(demo):
    _import_json()
    with pytest.raises(CommandError, match="Đã có kế hoạch năm 2026"):
        _import_json()
    assert Plan.objects.count() == 1
    assert ContentArea.objects.count() == 3


@pytest.mark.django_db
def test_replace_rebuilds_a_draft_in_place(demo):
    first, _ = _import_json()
    second, _ = _import_json("--replace")
    assert second["plan_id"] == first["plan_id"]
    assert Plan.objects.count() == 1
    assert Item.objects.count() == 16
    assert Task.objects.count() == 768


@pytest.mark.django_db
def test_dry_run_writes_nothing(demo):
    summary, _ = _import_json("--dry-run")
    assert summary["items"] == 16
    assert summary["plan_id"] == 0
    assert not Plan.objects.exists()
    assert not Assignment.objects.exists()


@pytest.mark.django_db
def test_import_on_an_empty_database_creates_flagged_bodies():
    summary, err = _import_json()
    assert summary["items"] == 16
    flagged = set(Body.objects.filter(needs_confirmation=True).values_list("name", flat=True))
    assert "Phòng Văn hóa – Xã hội" in flagged
    assert any("MTTQ" in name or "Mặt trận" in name for name in flagged)
    assert "chờ cán bộ đầu mối xác nhận" in err
    assert "chưa được phân công" in err  # no villages yet: said, not silently dropped


@pytest.mark.django_db
def test_year_option_overrides(demo):
    summary, _ = _import_json("--year", "2027")
    assert summary["year"] == 2027


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "trống"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, ""),
        ("Kế hoạch".encode("cp1258", errors="replace") + "\n\nđây là văn bản".encode("utf-16-le"), ""),
        ("Bài thơ\n\nTrăng sáng vằng vặc\nGió thổi hiu hiu.\n".encode(), ""),
        (SEED.split("## **II. NỘI DUNG THỰC HIỆN**".encode())[0] + "## **II. NỘI DUNG THỰC HIỆN**\n".encode(), ""),
        (
            SEED.replace(
                b"d) Ng\xc6\xb0\xe1\xbb\x9di \xc4\x91\xe1\xbb\xa9ng",
                b"b) Ng\xc6\xb0\xe1\xbb\x9di \xc4\x91\xe1\xbb\xa9ng",
            ),
            "b",
        ),
    ],
    ids=["empty", "binary", "wrong-encoding", "no-structure", "cut-off", "duplicate-letter"],
)
def test_bad_input_fails_cleanly_and_writes_nothing(demo, tmp_path, content, fragment):
    path = tmp_path / "bad.md"
    path.write_bytes(content)
    with pytest.raises(CommandError) as excinfo:
        call_command("import_plan", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert fragment in str(excinfo.value)
    assert not Plan.objects.exists()


@pytest.mark.django_db
def test_missing_file_is_a_clear_error(db):
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        call_command("import_plan", "/nonexistent/plan.md")


@pytest.mark.django_db
def test_demo_plan_is_idempotent(demo):
    first = demo.demo_plan()
    second = demo.demo_plan()
    assert first.pk == second.pk
    assert Plan.objects.count() == 1


@pytest.mark.django_db
def test_copy_to_next_year_shifts_dates_and_keeps_structure(demo):
    plan = demo.demo_plan()
    copy = services.plan_copy_to_year(plan=plan, by=SYSTEM)
    assert copy.year == 2027
    assert copy.status == Plan.Status.DRAFT
    assert "2027" in copy.title
    assert copy.areas.count() == 3
    assert Item.objects.filter(area__plan=copy).count() == 16
    assert Assignment.objects.filter(item__area__plan=copy).count() == 256
    assert [str(d) for d in copy.periods.order_by("order").values_list("due_date", flat=True)] == [
        "2027-06-05",
        "2027-09-10",
        "2027-11-10",
    ]
    assert Task.objects.filter(period__plan=copy).count() == 768
    with pytest.raises(ValueError):
        services.plan_copy_to_year(plan=plan, by=SYSTEM)


@pytest.mark.django_db
def test_assignments_set_adds_removes_and_regenerates_tasks(demo):
    plan = demo.demo_plan()
    item = Item.objects.filter(area__plan=plan).first()
    mttq = Body.objects.get(code="ubmttq")
    village = Body.objects.get(code="thon-001")
    matrix = {(a.item_id, a.body_id): a.role for a in Assignment.objects.filter(item__area__plan=plan)}
    matrix[(item.pk, mttq.pk)] = Assignment.Role.SUPERVISE
    del matrix[(item.pk, village.pk)]
    counts = services.assignments_set(plan=plan, matrix=matrix, by=SYSTEM)
    assert counts == {"added": 1, "removed": 1, "changed": 0}
    assert Task.objects.filter(assignment__body=mttq).count() == 3
    assert not Assignment.objects.filter(item=item, body=village).exists()


@pytest.mark.django_db
def test_replace_refuses_once_another_app_holds_data_on_the_plan(demo):
    from reports import services as report_services

    first, _ = _import_json()
    report_services.report_expected_generate(plan=Plan.objects.get(pk=first["plan_id"]), by=SYSTEM)
    with pytest.raises(CommandError, match="đã có báo cáo"):
        _import_json("--replace")
    assert Item.objects.count() == 16


@pytest.mark.django_db
def test_abbreviated_front_resolves_and_new_bodies_stay_out_of_groups(demo):
    """ "UBMTTQ xã" is the commune's Ủy ban MTTQ Việt Nam xã; a body first met in this plan is assigned where
    it is named, not swept into "các phòng chuyên môn" on a guess of its kind."""
    from plans.importer import BodyResolver

    resolver = BodyResolver(dry_run=False)
    front = Body.objects.get(is_front=True)
    assert resolver.resolve("UBMTTQ xã") == [front]
    assert resolver.resolve("Ủy ban Mặt trận Tổ quốc Việt Nam xã") == [front]
    departments = set(Body.objects.filter(kind=Body.Kind.DEPARTMENT).values_list("pk", flat=True))
    police = resolver.resolve("Công an xã")[0]
    assert police.needs_confirmation
    assert {b.pk for b in resolver.resolve("các phòng chuyên môn")} == departments
    assert Body.objects.filter(is_front=True).count() == 1


@pytest.mark.django_db
def test_in_a_many_commune_deployment_the_command_imports_for_the_commune_named(demo, settings, tmp_path):
    from communes.services import home_commune
    from plans.demo import DemoSite, plan_text
    from plans.onboarding import commune_onboard

    settings.PLATFORM_COMMUNES = "many"
    with pytest.raises(CommandError, match="Chưa chọn xã, phường"):
        _import_json()
    with pytest.raises(CommandError, match="commune_add 11617"):
        _import_json("--commune", "11617")
    an_hai = commune_onboard(code="11617", by=SYSTEM, password="camgiang2026").commune
    path = tmp_path / "ke-hoach-an-hai.md"
    path.write_bytes(plan_text(DemoSite(an_hai, 2)))
    out = io.StringIO()
    call_command("import_plan", str(path), "--json", "--commune", "11617", stdout=out, stderr=io.StringIO())
    plan = Plan.objects.get(pk=json.loads(out.getvalue())["plan_id"])
    assert (plan.commune, plan.commune_name) == (an_hai, "An Hải")
    assert not Body.objects.filter(commune=home_commune(), needs_confirmation=True).exists()
    assert set(plan.areas.values_list("items__assignments__body__commune", flat=True)) == {an_hai.pk}
