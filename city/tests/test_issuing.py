"""A city leader issues the city's own Báo cáo: numbered in the city's register (01, 02 … whatever the communes
numbered), signed with the leader's name and the city's seal, a new version superseding the old one; refused,
with no number used, for a draft never saved, for nothing changed since, and for anybody but a city leader."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from camgiang_portal.actors import SYSTEM
from camgiang_portal.signing import sign as signing_sign
from camgiang_portal.tests import pdfcheck
from city import issuing, report
from city.models import CityIssue, CityMember, CityRole
from communes.current import use_commune
from issuance import services as issuance_services
from issuance.models import DocType, DocumentCounter, IssuedDocument
from issuance.tests.papers import SamplePaper
from issuance.tests.test_communes import agency_signature
from plans.models import Body, Membership, Role
from plans.tests.factories import BodyFactory

from .world import at, city_period, commune_with_period, issue_row

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _many(settings, tmp_path, issuer_identity):
    settings.PLATFORM_COMMUNES = "many"
    settings.MEDIA_ROOT = tmp_path / "media"
    issuer_identity(None)  # the city's own certificate


@pytest.fixture
def world():
    """The city's period, two communes (one sent its Báo cáo), the draft not yet saved; now is after the
    city's deadline."""
    with time_machine.travel(datetime.datetime(2026, 6, 20, 3, 0, tzinfo=datetime.UTC), tick=False):
        cp = city_period()
        a, pa = commune_with_period(name="Xã Sớm", figures={"hoi-nghi": 4})
        b, _pb = commune_with_period(name="Xã Chưa Gửi")
        issue_row(a, pa, at(12))
    return cp, a, b


def _member(django_user_model, username, role, position="Phó Chủ tịch", **names):
    user = django_user_model.objects.create_user(username=username, password="x", **names)
    CityMember.objects.create(user=user, role=role, position=position)
    return user


@pytest.fixture
def leader(django_user_model):
    return _member(django_user_model, "lanhdaotp", CityRole.LEADER, first_name="Minh", last_name="Trần Văn")


@pytest.fixture
def officer(django_user_model):
    return _member(django_user_model, "thanhpho", CityRole.OFFICER, position="")


def _save(cp, version=0, text="Các xã thực hiện nghiêm túc."):
    return report.draft_save(city_period=cp, basis="", texts={"danh-gia": text}, version=version, by=None)


def _city_counter() -> int:
    counter = DocumentCounter.all_communes.filter(commune__isnull=True, doc_type=DocType.REPORT).first()
    return counter.last_number if counter else 0


# --- the paper and its register ----------------------------------------------------------------------------


def test_the_leader_issues_01_then_02_after_a_change_which_supersedes_it(world, leader, officer, issuer_identity):
    cp, _a, b = world
    issuer_identity(b)
    # The commune has its own numbers: the city's register starts at 01 all the same.
    for key in ("x1", "x2", "x3"):
        issuance_services.issue(SamplePaper(commune=b, report_key=key), by=object())
    _save(cp)
    first = issuing.city_report_issue(city_period=cp, by=leader)
    assert (first.symbol, first.number, first.commune_id) == ("01/BC-UBND", 1, None)
    assert first.title == "Báo cáo kết quả thực hiện dân chủ ở cơ sở 6 tháng năm 2026 của thành phố"
    assert (first.signer_name, first.signer_position, first.issued_by) == ("Trần Văn Minh", "Phó Chủ tịch", leader)
    assert first.report_key == f"city:{cp.pk}" and first.year == datetime.date.today().year
    assert CityIssue.objects.get().draft_version == 1

    with pytest.raises(ValidationError) as again:
        issuing.city_report_issue(city_period=cp, by=leader)  # a second click: nothing changed
    assert "đã được ban hành (số 01/BC-UBND)" in " ".join(again.value.messages)
    assert _city_counter() == 1 and IssuedDocument.all_communes.filter(commune__isnull=True).count() == 1

    _save(cp, version=1, text="Đánh giá đã sửa.")
    second = issuing.city_report_issue(city_period=cp, by=leader)
    assert second.symbol == "02/BC-UBND" and second.supersedes == first
    first.refresh_from_db()
    assert not first.is_current and second.is_current
    assert [d.symbol for d in issuing.city_documents(cp)] == ["02/BC-UBND", "01/BC-UBND"]
    assert DocumentCounter.all_communes.get(commune=b, doc_type=DocType.REPORT).last_number == 3


def test_the_signed_paper_says_its_number_its_signer_and_the_citys_seal(world, leader, monkeypatch):
    cp, _a, _b = world
    drawn = []
    real = signing_sign.agency_seal_png
    monkeypatch.setattr(signing_sign, "agency_seal_png", lambda name: drawn.append(name) or real(name))
    _save(cp)
    document = issuing.city_report_issue(city_period=cp, by=leader)
    assert drawn == ["Ủy ban nhân dân thành phố Hải Phòng"]
    assert str(agency_signature(document)["/Name"]) == "Ủy ban nhân dân thành phố Hải Phòng"
    with document.file.open("rb") as handle:
        text = pdfcheck.flat(pdfcheck.text(handle.read()))
    for words in ("01/BC-UBND", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Minh", "Các xã thực hiện nghiêm túc."):
        assert pdfcheck.flat(words) in text, words


def test_the_chairman_signs_for_the_committee_without_kt(world, django_user_model):
    cp, _a, _b = world
    chairman = _member(django_user_model, "chutich", CityRole.LEADER, position="CHỦ TỊCH")
    _save(cp)
    document = issuing.city_report_issue(city_period=cp, by=chairman)
    assert (document.signer_name, document.signer_position) == ("chutich", "Chủ tịch")
    assert report.sign_lines("Chủ tịch") == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")


def test_a_draft_never_saved_is_refused_and_uses_no_number(world, leader):
    cp, _a, _b = world
    with pytest.raises(ValidationError) as refused:
        issuing.city_report_issue(city_period=cp, by=leader)
    assert "chưa được lưu" in " ".join(refused.value.messages)
    assert _city_counter() == 0 and not CityIssue.objects.exists()


def test_only_a_city_leader_issues(world, officer, django_user_model):
    cp, a, _b = world
    _save(cp)
    body = BodyFactory(commune=a, code=f"{a.slug}--lanh-dao", kind=Body.Kind.LEADERSHIP)
    commune_leader = django_user_model.objects.create_user(username="lanhdao-a", password="x")
    Membership.objects.create(user=commune_leader, body=body, role=Role.LEADERSHIP)
    for by in (officer, commune_leader, SYSTEM, None):
        with pytest.raises(PermissionDenied):
            issuing.city_report_issue(city_period=cp, by=by)
    assert _city_counter() == 0 and not IssuedDocument.all_communes.filter(commune__isnull=True).exists()


def test_a_commune_being_served_does_not_see_the_citys_paper(world, leader):
    cp, a, _b = world
    _save(cp)
    document = issuing.city_report_issue(city_period=cp, by=leader)
    with use_commune(a):
        assert not IssuedDocument.objects.filter(pk=document.pk).exists()
        assert not IssuedDocument.objects.filter(report_key=f"city:{cp.pk}").exists()
    assert IssuedDocument.objects.filter(pk=document.pk).exists()


# --- the page and its button ------------------------------------------------------------------------------


def test_the_leader_issues_from_the_report_page(world, leader, officer, client):
    cp, _a, _b = world
    _save(cp)
    url = f"/thanh-pho/ky/{cp.pk}/bao-cao/"
    client.force_login(leader)
    page = client.get(url).content.decode()
    assert 'data-testid="city-report-issue"' in page and "chưa được ban hành" in page
    response = client.post(f"{url}ban-hanh/")
    assert response.status_code == 302 and response["Location"] == url
    document = IssuedDocument.all_communes.get(commune__isnull=True)
    shown = client.get(url).content.decode()
    assert "Đã ban hành báo cáo của thành phố số 01/BC-UBND và ký số." in shown
    assert "Số 01/BC-UBND" in shown and "Trần Văn Minh" in shown and document.get_absolute_url() in shown
    again = client.post(f"{url}ban-hanh/")  # a second click
    assert again.status_code == 409 and "không cần ban hành lại" in again.content.decode()
    assert _city_counter() == 1
    download = client.get(document.get_absolute_url())
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    client.logout()
    assert client.get(document.get_absolute_url()).status_code == 200  # a public record
    client.force_login(officer)
    officer_page = client.get(url).content.decode()
    assert "Số 01/BC-UBND" in officer_page and 'data-testid="city-report-issue"' not in officer_page
    assert "Lãnh đạo UBND thành phố ban hành" in officer_page


def test_without_the_citys_own_certificate_the_leader_is_told_why_and_nothing_is_issued(world, leader, client):
    import shutil

    from issuance import identities

    cp, _a, _b = world
    _save(cp)
    shutil.rmtree(identities.issuer_directory(None))  # the city's certificate was never installed
    client.force_login(leader)
    response = client.post(f"/thanh-pho/ky/{cp.pk}/bao-cao/ban-hanh/")
    assert response.status_code == 503
    assert "chưa có chứng thư số riêng" in response.content.decode()
    assert _city_counter() == 0 and not IssuedDocument.all_communes.filter(commune__isnull=True).exists()
    assert not CityIssue.objects.exists()


def test_who_may_press_the_button(world, leader, officer, client, django_user_model):
    cp, a, _b = world
    _save(cp)
    url = f"/thanh-pho/ky/{cp.pk}/bao-cao/ban-hanh/"
    anonymous = client.post(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))
    client.force_login(officer)
    assert client.post(url).status_code == 403
    body = BodyFactory(commune=a, code=f"{a.slug}--vhxh", kind=Body.Kind.DEPARTMENT)
    official = django_user_model.objects.create_user(username="vhxh-a", password="x")
    Membership.objects.create(user=official, body=body, role=Role.COORDINATOR)
    client.force_login(official)
    assert client.post(url).status_code == 403
    assert client.post(f"/xa/{a.slug}{url}").status_code == 404  # no city under a commune's address
    client.force_login(leader)
    assert client.get(url).status_code == 405
    assert client.post("/thanh-pho/ky/99999/bao-cao/ban-hanh/").status_code == 404
    assert _city_counter() == 0


def test_a_refusal_on_the_page_is_a_409_with_its_reason(world, leader, client):
    cp, _a, _b = world
    client.force_login(leader)
    response = client.post(f"/thanh-pho/ky/{cp.pk}/bao-cao/ban-hanh/")
    assert response.status_code == 409 and "chưa được lưu lần nào" in response.content.decode()
    assert _city_counter() == 0


def test_the_leaders_preview_names_them_as_the_signer(world, leader, client):
    cp, _a, _b = world
    client.force_login(leader)
    pdf = client.get(f"/thanh-pho/ky/{cp.pk}/bao-cao/xem-truoc.pdf")
    assert pdf.status_code == 200 and pdfcheck.flat("Trần Văn Minh") in pdfcheck.flat(pdfcheck.text(pdf.content))


def test_the_page_says_why_instead_of_the_button(world, leader, client):
    """Before the draft is saved, and once it is issued unchanged, the leader reads why there is no button; a
    new save brings the button back."""
    cp, _a, _b = world
    url = f"/thanh-pho/ky/{cp.pk}/bao-cao/"
    client.force_login(leader)
    page = client.get(url).content.decode()
    assert "chưa được lưu lần nào" in page and 'data-testid="city-report-issue"' not in page
    draft = _save(cp)
    assert 'data-testid="city-report-issue"' in client.get(url).content.decode()
    issuing.city_report_issue(city_period=cp, by=leader)
    page = client.get(url).content.decode()
    assert "không cần ban hành lại" in page and 'data-testid="city-report-issue"' not in page
    _save(cp, version=draft.version, text="Đánh giá mới.")
    assert 'data-testid="city-report-issue"' in client.get(url).content.decode()
