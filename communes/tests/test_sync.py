"""Loading the official list into Commune rows: idempotent, never deleting, keeping the platform's own fields."""

import pytest
from django.core.management import CommandError, call_command

from communes.models import Commune
from communes.services import home_commune, official_sync

pytestmark = pytest.mark.django_db


def test_the_home_commune_is_cam_giang_on_the_platform():
    cam_giang = home_commune()  # made by plans' migration 0005, or again here after a flush
    assert (cam_giang.code, cam_giang.name, cam_giang.kind, cam_giang.slug, cam_giang.on_platform) == (
        "10888",
        "Xã Cẩm Giang",
        Commune.Kind.XA,
        "cam-giang",
        True,
    )


def test_sync_loads_the_province_once_and_a_second_run_changes_nothing():
    first = official_sync()
    assert Commune.objects.filter(province_code="31").count() == 114
    assert first.created + first.unchanged == 114
    second = official_sync()
    assert (second.created, second.updated, second.unlisted, second.unchanged) == (0, 0, 0, 114)
    assert Commune.objects.get(code="11948").kind == Commune.Kind.DAC_KHU


def test_sync_restores_official_fields_and_keeps_the_platforms_own():
    official_sync()
    an_hai = Commune.objects.get(code="11617")
    an_hai.name, an_hai.host, an_hai.slug = "Tên sai", "anhai.example.vn", "an-hai-cu"
    an_hai.save()
    assert official_sync().updated == 1
    an_hai.refresh_from_db()
    assert (an_hai.name, an_hai.host, an_hai.slug) == ("Phường An Hải", "anhai.example.vn", "an-hai-cu")
    assert an_hai.history.count() == 3  # created, edited, restored by the sync


def test_a_unit_that_left_the_list_is_kept_and_marked():
    official_sync()
    gone = Commune.objects.create(
        code="99999", name="Xã Đã Sáp Nhập", kind="xa", slug="da-sap-nhap", province_code="31", province_name="x"
    )
    assert official_sync().unlisted == 1
    gone.refresh_from_db()
    assert gone.in_official_list is False
    assert official_sync().unlisted == 0


def test_a_slug_taken_already_gets_the_code_added():
    Commune.objects.create(code="00001", name="Khác", kind="xa", slug="an-hai", province_code="01", province_name="x")
    official_sync()
    assert Commune.objects.get(code="11617").slug == "an-hai-11617"


def test_command_reports_counts_dry_run_writes_nothing_and_unknown_province_is_refused(capsys):
    before = Commune.objects.count()
    call_command("communes_sync", "--dry-run")
    assert Commune.objects.count() == before
    call_command("communes_sync")
    # Hải Phòng's 114 units, the home commune among them (there before unless a transactional test emptied it).
    assert Commune.objects.count() == 114
    assert "không đổi 114" in _run("communes_sync")
    with pytest.raises(CommandError, match="Không có tỉnh"):
        call_command("communes_sync", "--province", "99")


def _run(*args) -> str:
    import io

    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()
