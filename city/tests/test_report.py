"""The city's own Báo cáo: pre-filled from what the communes sent, saved with versions (a second editor is told,
a second click is no new version), read-only for the city's leaders, rendered as PDF and .docx."""

from __future__ import annotations

import datetime
import io

import pytest
import time_machine
from docx import Document

from camgiang_portal.tests import pdfcheck
from city import report
from city.models import CityMember, CityPeriod, CityReportDraft, CityRole

from .world import at, city_period, commune_with_period, issue_row

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _many(settings, tmp_path):
    settings.PLATFORM_COMMUNES = "many"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world():
    with time_machine.travel(datetime.datetime(2026, 6, 20, 3, 0, tzinfo=datetime.UTC), tick=False):
        cp = city_period()
        a, pa = commune_with_period(name="Xã Sớm", figures={"hoi-nghi": 4})
        b, pb = commune_with_period(name="Xã Muộn", figures={"hoi-nghi": 9})
        issue_row(a, pa, at(12))
        issue_row(b, pb, at(17))
        yield cp


def _client(client, django_user_model, role=CityRole.OFFICER):
    user = django_user_model.objects.create_user(username=f"tp-{role}", password="x")
    CityMember.objects.create(user=user, role=role)
    client.force_login(user)
    return client


def test_the_sections_are_pre_filled_from_the_communes_reports(world):
    _basis, texts, version = report.current_texts(world)
    assert version == 0
    assert "2/3 đơn vị hành chính cấp xã đã gửi báo cáo 6 tháng năm 2026" in texts["tiep-nhan"]
    assert "1 đơn vị gửi đúng hạn" in texts["tiep-nhan"] and "Gửi muộn: Xã Muộn." in texts["tiep-nhan"]
    assert "Chỉ tiêu hoi-nghi: 13 cuộc (2 đơn vị có số liệu)." in texts["ket-qua"]
    assert texts["danh-gia"] == ""


def test_save_conflict_and_second_click(world, client, django_user_model):
    officer = _client(client, django_user_model)
    url = f"/thanh-pho/ky/{world.pk}/bao-cao/"
    page = officer.get(url)
    assert page.status_code == 200 and "Xã Muộn" in page.content.decode()
    form = {"version": "0", "basis": "Căn cứ.", "danh-gia": "Các xã <b>thực hiện</b> tốt.\n=SUM(A1)", "tiep-nhan": "I."}
    assert officer.post(url, form).status_code == 302
    assert officer.post(url, form).status_code == 302  # the same save again: no new version
    draft = CityReportDraft.objects.get()
    assert draft.version == 1 and draft.texts["danh-gia"] == "Các xã <b>thực hiện</b> tốt.\n=SUM(A1)"
    stale = officer.post(url, {**form, "danh-gia": "Bản khác."})
    assert stale.status_code == 409 and "Người khác vừa lưu dự thảo này" in stale.content.decode()
    assert "Bản khác." in stale.content.decode()  # what was typed is kept on the page
    assert CityReportDraft.objects.get().texts["danh-gia"].startswith("Các xã")
    assert officer.post(url, {**form, "version": "abc"}).status_code == 409
    too_long = officer.post(url, {**form, "version": "1", "danh-gia": "x" * 20_001})
    assert too_long.status_code == 400 and "tối đa" in too_long.content.decode()
    shown = officer.get(url).content.decode()
    assert "&lt;b&gt;thực hiện&lt;/b&gt;" in shown


def test_a_city_leader_reads_it_and_may_not_save(world, client, django_user_model):
    leader = _client(client, django_user_model, CityRole.LEADER)
    url = f"/thanh-pho/ky/{world.pk}/bao-cao/"
    assert "readonly" in leader.get(url).content.decode()
    assert leader.post(url, {"version": "0", "danh-gia": "x"}).status_code == 403
    assert not CityReportDraft.objects.exists()


def test_the_pdf_and_the_docx_say_what_was_written(world, client, django_user_model):
    officer = _client(client, django_user_model)
    report.draft_save(
        city_period=world, basis="", texts={"danh-gia": "Các xã thực hiện nghiêm túc."}, version=0, by=None
    )
    pdf = officer.get(f"/thanh-pho/ky/{world.pk}/bao-cao/xem-truoc.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = pdfcheck.flat(pdfcheck.text(pdf.content))
    for words in ("ỦY BAN NHÂN DÂN", "THÀNH PHỐ HẢI PHÒNG", "BÁO CÁO", "Các xã thực hiện nghiêm túc.", "Xã Muộn"):
        assert pdfcheck.flat(words) in text, words
    docx = officer.get(f"/thanh-pho/ky/{world.pk}/bao-cao/docx/")
    paragraphs = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "Các xã thực hiện nghiêm túc." in paragraphs


def test_forged_period_is_404(client, django_user_model):
    officer = _client(client, django_user_model)
    assert officer.get("/thanh-pho/ky/99999/bao-cao/").status_code == 404
    assert officer.get("/thanh-pho/ky/99999/bao-cao/xem-truoc.pdf").status_code == 404


def test_the_annual_report_says_its_year_once(db):
    from city.report import period_words, title

    annual = CityPeriod.objects.create(year=2026, code="canam", due_date=datetime.date(2026, 11, 20))
    assert period_words(annual) == "năm 2026"
    assert title(annual) == "Báo cáo kết quả thực hiện dân chủ ở cơ sở năm 2026 của thành phố"
