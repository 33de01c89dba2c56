"""The city's pages through the client: who may open them, where they exist, bad ids and input, the XLSX, and
the same queries at two sizes."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from city import fragments
from city.models import CityMember, CityPeriod, CityRole
from plans.models import Body, Membership, Role
from plans.tests.factories import BodyFactory

from .world import at, city_period, commune_with_period, issue_row

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _many(settings):
    settings.PLATFORM_COMMUNES = "many"


@pytest.fixture
def frozen():
    with time_machine.travel(datetime.datetime(2026, 6, 20, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


def _city_user(django_user_model, username="thanhpho", role=CityRole.OFFICER):
    user = django_user_model.objects.create_user(username=username, password="x", email=f"{username}@hp.gov.vn")
    CityMember.objects.create(user=user, role=role)
    return user


@pytest.fixture
def officer(client, django_user_model):
    client.force_login(_city_user(django_user_model))
    return client


@pytest.fixture
def world(frozen):
    cp = city_period()
    a, pa = commune_with_period(name='Xã =HYPERLINK("x")', figures={"hoi-nghi": 4})
    b, _pb = commune_with_period(figures={"hoi-nghi": 9})
    issue_row(a, pa, at(12))
    return cp, a, b


def test_the_dashboard_shows_each_communes_state(officer, world):
    cp, a, b = world
    page = officer.get("/thanh-pho/", {"ky": cp.pk})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Đã gửi đúng hạn" in text and "Quá hạn chưa gửi" in text
    assert a.name.replace('"', "&quot;") in text and b.name in text
    assert "Nhắc 2 đơn vị chưa gửi" in text  # b, and Cẩm Giang (the home commune) with no plan here


def test_a_city_official_lands_on_the_city_after_login(client, django_user_model, world):
    _city_user(django_user_model)
    response = client.post("/accounts/login/", {"username": "thanhpho", "password": "x"}, follow=True)
    assert response.redirect_chain[-1][0] == "/thanh-pho/"
    assert response.status_code == 200


def test_who_may_open_the_city(client, django_user_model, world):
    cp, a, _b = world
    assert client.get("/thanh-pho/").status_code == 302  # to the login
    body = BodyFactory(commune=a, code=f"{a.slug}--vhxh", kind=Body.Kind.DEPARTMENT)
    official = django_user_model.objects.create_user(username="vhxh-a", password="x")
    Membership.objects.create(user=official, body=body, role=Role.COORDINATOR)
    client.force_login(official)
    assert client.get("/thanh-pho/").status_code == 403
    assert client.get(f"/xa/{a.slug}/thanh-pho/").status_code == 404  # no city under a commune's address
    leader = _city_user(django_user_model, "lanhdaotp", CityRole.LEADER)
    client.force_login(leader)
    assert client.get("/thanh-pho/").status_code == 200
    assert client.post(f"/thanh-pho/ky/{cp.pk}/nhac/").status_code == 403  # reminding is the Sở Nội vụ's
    assert client.post("/thanh-pho/ky/", {"year": 2027, "code": "6thang", "due_date": "15/06/2027"}).status_code == 403


def test_one_commune_deployment_has_no_city(officer, settings, world):
    settings.PLATFORM_COMMUNES = "one"
    assert officer.get("/thanh-pho/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/thanh-pho/?ky=abc",
        "/thanh-pho/?ky=99999",
        "/thanh-pho/ky/99999/so-lieu/",
        "/thanh-pho/ky/{cp}/xa/00000/",
        "/thanh-pho/ky/{cp}/so-lieu/?chi-tieu=khong-co",
        "/thanh-pho/ky/99999/xlsx/",
    ],
)
def test_forged_ids_are_404(officer, world, url):
    cp, _a, _b = world
    assert officer.get(url.format(cp=cp.pk)).status_code == 404


def test_figures_and_drill_down(officer, world):
    cp, a, b = world
    page = officer.get(f"/thanh-pho/ky/{cp.pk}/so-lieu/").content.decode()
    assert "Chỉ tiêu hoi-nghi" in page and "1/3 đơn vị" in page
    drill = officer.get(f"/thanh-pho/ky/{cp.pk}/so-lieu/", {"chi-tieu": "hoi-nghi"}).content.decode()
    assert f"/thanh-pho/ky/{cp.pk}/xa/{a.code}/" in drill and b.name not in drill  # b has not sent
    commune = officer.get(f"/thanh-pho/ky/{cp.pk}/xa/{a.code}/").content.decode()
    assert "Đã gửi đúng hạn" in commune and "/BC-UBND" in commune


def test_the_kind_filter(officer, world):
    cp, _a, _b = world
    page = officer.get("/thanh-pho/", {"ky": cp.pk, "loai": "phuong"}).content.decode()
    assert "Chưa có xã, phường nào dùng cổng." in page
    assert officer.get("/thanh-pho/", {"ky": cp.pk, "loai": "<script>"}).status_code == 200  # ignored


def test_the_xlsx_keeps_a_formula_like_name_as_text(officer, world):
    cp, a, _b = world
    response = officer.get(f"/thanh-pho/ky/{cp.pk}/xlsx/")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    receipts, figures = book.worksheets
    names = [row[1].value for row in receipts.iter_rows(min_row=3)]
    assert a.name in names
    cell = next(row[1] for row in receipts.iter_rows(min_row=3) if row[1].value == a.name)
    assert cell.data_type == "s"
    assert [c.value for c in figures[figures.max_row]][1:] == ["Tổng cộng", 4]


def test_the_officer_adds_a_period_and_bad_input_is_told(officer, frozen):
    ok = officer.post("/thanh-pho/ky/", {"year": 2026, "code": "9thang", "due_date": "20/09/2026"})
    assert ok.status_code == 302 and CityPeriod.objects.filter(code="9thang").count() == 1
    again = officer.post("/thanh-pho/ky/", {"year": 2026, "code": "9thang", "due_date": "21/09/2026"})
    assert again.status_code == 400 and "Thành phố đã có kỳ báo cáo này" in again.content.decode()
    bad_date = officer.post("/thanh-pho/ky/", {"year": 2026, "code": "canam", "due_date": "2026-11-20"})
    assert bad_date.status_code == 400 and "ngày/tháng/năm" in bad_date.content.decode()
    forged = officer.post("/thanh-pho/ky/", {"year": 2026, "code": "quy9", "due_date": "20/11/2026"})
    assert forged.status_code == 400 and "Chọn một kỳ báo cáo" in forged.content.decode()
    far = officer.post("/thanh-pho/ky/", {"year": 2026, "code": "canam", "due_date": "20/11/2030"})
    assert far.status_code == 400 and CityPeriod.objects.count() == 1


def _home_queries(client, count: int) -> tuple[int, int]:
    """(queries of the start page and the figures page as built, the same pages served from the cache)."""
    cp = CityPeriod.objects.get()
    for index in range(count):
        commune, period = commune_with_period(figures={"hoi-nghi": index})
        issue_row(commune, period, at(10))
    fragments.invalidate()  # the test's rows are never committed: say what a commit would
    counts = []
    for _visit in range(2):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/thanh-pho/", {"ky": cp.pk}).status_code == 200
            assert client.get(f"/thanh-pho/ky/{cp.pk}/so-lieu/").status_code == 200
        counts.append(len(ctx.captured_queries))
    return counts[0], counts[1]


def test_the_same_queries_for_three_communes_and_for_nine(officer, world):
    built, cached = _home_queries(officer, 1)
    assert _home_queries(officer, 6) == (built, cached)
    assert cached < built


def test_an_issued_report_shows_on_the_cached_pages_once_committed(officer, world, django_capture_on_commit_callbacks):
    cp, _first, _second = world
    commune, period = commune_with_period(figures={"hoi-nghi": 7})
    page = officer.get("/thanh-pho/", {"ky": cp.pk}).content.decode()
    assert f'data-commune="{commune.code}"' in page
    with django_capture_on_commit_callbacks(execute=True):
        issue_row(commune, period, at(10))
    row = officer.get("/thanh-pho/", {"ky": cp.pk}).content.decode().split(f'data-commune="{commune.code}"')[1]
    assert "Đã gửi đúng hạn" in row.split("</tr>")[0]
    figures = officer.get(f"/thanh-pho/ky/{cp.pk}/so-lieu/", {"chi-tieu": "hoi-nghi"}).content.decode()
    assert commune.name in figures


def _city_plan(tmp_path) -> Path:
    """The city's plan, as a commune's is written (the seed plan), with the city's own deadlines."""
    from django.conf import settings

    text = (Path(settings.BASE_DIR) / "plans/fixtures/ke-hoach-dan-chu-co-so-2026.md").read_text(encoding="utf-8")
    text = text.replace("trước ngày 05/6", "trước ngày 15/6").replace("trước 10/9", "trước 20/9")
    path = tmp_path / "ke-hoach-thanh-pho.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_periods_come_from_the_citys_own_plan(officer, tmp_path, frozen):
    CityPeriod.objects.create(year=2026, code="canam", due_date=datetime.date(2026, 11, 25))
    with _city_plan(tmp_path).open("rb") as plan:
        response = officer.post("/thanh-pho/ky/", {"plan_file": plan}, follow=True)
    assert "thêm 2 kỳ, cập nhật hạn 1 kỳ" in response.content.decode()
    assert {p.code: p.due_date for p in CityPeriod.objects.all()} == {
        "6thang": datetime.date(2026, 6, 15),
        "9thang": datetime.date(2026, 9, 20),
        "canam": datetime.date(2026, 11, 10),
    }
    with _city_plan(tmp_path).open("rb") as plan:  # the same plan again: nothing new
        again = officer.post("/thanh-pho/ky/", {"plan_file": plan}, follow=True)
    assert "thêm 0 kỳ, cập nhật hạn 0 kỳ" in again.content.decode()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("ke-hoach.docx", b"PK\x03\x04 not really a zip"),
        ("ke-hoach.md", "Kế hoạch không có hạn báo cáo nào.\n".encode()),
        ("ke-hoach.md", b"\xff\xfe\x00garbage"),
    ],
)
def test_a_plan_it_cannot_read_is_told_and_nothing_changes(officer, name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = officer.post("/thanh-pho/ky/", {"plan_file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert 'data-testid="plan-file-error"' in response.content.decode()
    assert not CityPeriod.objects.exists()


def test_an_oversized_plan_is_refused(officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("ke-hoach.md", b"a" * (5 * 1024 * 1024 + 1))
    response = officer.post("/thanh-pho/ky/", {"plan_file": big})
    assert response.status_code == 400 and "Tệp quá lớn" in response.content.decode()
