"""The city's own register (no commune): the city's papers are numbered from 01 each year whatever the communes
numbered, sealed by the city's People's Committee, hidden from every commune being served, and found by their
hash on the verification page; a commune's paper never falls into it by accident."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from camgiang_portal.signing import sign as signing_sign
from communes.current import use_commune
from communes.models import Commune
from communes.tests.factories import CommuneFactory
from issuance import agency, services
from issuance.models import DocType, DocumentCounter, IssuedDocument
from issuance.tests.papers import SamplePaper
from issuance.tests.test_communes import agency_signature

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _citys_identity(issuer_identity):
    issuer_identity(None)


@pytest.fixture
def an_hai(issuer_identity):
    commune = CommuneFactory(name="Phường An Hải", kind=Commune.Kind.PHUONG, slug="an-hai-thu")
    issuer_identity(commune)
    return commune


def test_the_city_numbers_its_own_papers_from_01_apart_from_a_communes(an_hai, signing_identity):
    commune_first = services.issue(SamplePaper(commune=an_hai, report_key="a1"), by=object())
    commune_second = services.issue(SamplePaper(commune=an_hai, report_key="a2"), by=object())
    city_first = services.issue(SamplePaper(city=True, report_key="city:1"), by=object())
    city_second = services.issue(SamplePaper(city=True, report_key="city:1"), by=object())
    assert [d.symbol for d in (commune_first, commune_second)] == ["01/BC-UBND", "02/BC-UBND"]
    assert [d.symbol for d in (city_first, city_second)] == ["01/BC-UBND", "02/BC-UBND"]
    assert city_first.commune is None and city_first.is_city and not commune_first.is_city
    counters = {(c.commune_id, c.last_number) for c in DocumentCounter.all_communes.filter(doc_type=DocType.REPORT)}
    assert counters == {(an_hai.pk, 2), (None, 2)}
    # The city's plan register is apart from its Báo cáo's, as a commune's is.
    assert services.issue(SamplePaper(city=True, doc_type=DocType.PLAN), by=object()).symbol == "01/KH-UBND"


def test_the_city_register_keeps_one_counter_and_one_number_per_year(signing_identity):
    DocumentCounter.all_communes.create(commune=None, year=2026, doc_type=DocType.REPORT)
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentCounter.all_communes.create(commune=None, year=2026, doc_type=DocType.REPORT)
    document = services.issue(SamplePaper(city=True), by=object())
    clone = IssuedDocument.all_communes.get(pk=document.pk)
    clone.pk, clone.sha256 = None, "0" * 64
    with pytest.raises(IntegrityError), transaction.atomic():
        clone.save()


def test_a_commune_being_served_never_sees_the_citys_papers_nor_its_counter(an_hai, signing_identity):
    city_doc = services.issue(SamplePaper(city=True), by=object())
    own = services.issue(SamplePaper(commune=an_hai), by=object())
    with use_commune(an_hai):
        assert list(IssuedDocument.objects.all()) == [own]
        assert not DocumentCounter.objects.filter(commune__isnull=True).exists()
        assert IssuedDocument.all_communes.filter(pk=city_doc.pk).exists()  # unscoped on purpose only
    assert set(IssuedDocument.objects.all()) == {own, city_doc}  # the platform's root sees both


def test_the_citys_seal_and_signature_name_its_peoples_committee(signing_identity, monkeypatch):
    drawn = []
    real = signing_sign.agency_seal_png
    monkeypatch.setattr(signing_sign, "agency_seal_png", lambda name: drawn.append(name) or real(name))
    document = services.issue(SamplePaper(city=True), by=object())
    assert agency.city_agency_name() == "Ủy ban nhân dân thành phố Hải Phòng"
    assert drawn == ["Ủy ban nhân dân thành phố Hải Phòng"]
    signature = agency_signature(document)
    city = "Ủy ban nhân dân thành phố Hải Phòng"
    assert (str(signature["/Name"]), str(signature["/Location"])) == (city, "Hải Phòng")
    assert document.issuer_name == "Ủy ban nhân dân thành phố Hải Phòng"


def test_a_communes_paper_with_no_commune_is_refused_not_numbered_as_the_citys(settings, signing_identity):
    settings.PLATFORM_COMMUNES = "many"  # the platform's root: no commune is being served
    with pytest.raises(ValidationError) as refused:
        services.issue(SamplePaper(), by=object())
    assert "Không xác định được xã, phường" in " ".join(refused.value.messages)
    assert not DocumentCounter.all_communes.exists() and not IssuedDocument.all_communes.exists()


def test_a_city_paper_that_names_a_commune_is_refused(an_hai, signing_identity):
    with pytest.raises(ValidationError):
        services.issue(SamplePaper(city=True, commune=an_hai), by=object())
    assert not DocumentCounter.all_communes.exists()


def test_the_citys_paper_is_downloaded_and_verified_by_its_hash(an_hai, signing_identity, client, settings):
    document = services.issue(SamplePaper(city=True, title="Báo cáo của thành phố thử"), by=object())
    settings.PLATFORM_COMMUNES = "many"
    with document.file.open("rb") as handle:
        data = handle.read()
    download = client.get(f"/xac-thuc/van-ban/{document.sha256}.pdf")
    assert download.status_code == 200 and b"".join(download.streaming_content) == data
    for prefix in ("", f"/xa/{an_hai.slug}"):
        upload = SimpleUploadedFile("van-ban.pdf", data, content_type="application/pdf")
        page = client.post(f"{prefix}/xac-thuc/", {"file": upload})
        assert page.status_code == 200 and page.context["match"] == document
        assert "Cơ quan ban hành: Ủy ban nhân dân thành phố Hải Phòng." in page.content.decode()
    root = client.get("/xac-thuc/")
    assert root.status_code == 200 and "Báo cáo của thành phố thử" in root.content.decode()
    # The platform's list mixes every issuer's papers (two 01/BC-UBND): each row says whose it is.
    row = root.content.decode().split("Báo cáo của thành phố thử")[1].split("</tr>")[0]
    assert 'data-testid="verify-row-issuer">Ủy ban nhân dân thành phố Hải Phòng<' in row
    assert "Báo cáo của thành phố thử" not in client.get(f"/xa/{an_hai.slug}/xac-thuc/").content.decode()
