"""Several communes on one deployment: each numbers its own papers, seals them with its own name, and a paper of
any commune is found by its hash on the public verification page."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pyhanko.pdf_utils.reader import PdfFileReader

from camgiang_portal.signing import sign as signing_sign
from communes.current import use_commune
from communes.models import Commune
from communes.tests.factories import CommuneFactory
from issuance import agency, permissions, selectors, services
from issuance.models import DocType, DocumentCounter, IssuedDocument
from issuance.tests.papers import SamplePaper

pytestmark = pytest.mark.django_db


@pytest.fixture
def two():
    return (
        CommuneFactory(name="Phường An Hải", kind=Commune.Kind.PHUONG, slug="an-hai-thu"),
        CommuneFactory(name="Đặc khu Bạch Long Vĩ", kind=Commune.Kind.DAC_KHU, slug="bach-long-vi-thu"),
    )


@pytest.fixture
def own_identities(two, issuer_identity):
    """Each of the two communes with its own certificate, as the platform's administrator installs them."""
    for commune in two:
        issuer_identity(commune)


def agency_signature(document: IssuedDocument):
    """The second signature of a stored paper (the agency's, with the seal): its dictionary."""
    with document.file.open("rb") as handle:
        reader = PdfFileReader(io.BytesIO(handle.read()))
    return reader.embedded_signatures[1].sig_object


def test_each_commune_numbers_its_own_papers_from_one(two, own_identities):
    an_hai, bach_long_vi = two
    first_a = services.issue(SamplePaper(commune=an_hai, report_key="a1"), by=object())
    first_b = services.issue(SamplePaper(commune=bach_long_vi, report_key="b1"), by=object())
    second_a = services.issue(SamplePaper(commune=an_hai, report_key="a2"), by=object())
    assert (first_a.symbol, first_b.symbol, second_a.symbol) == ("01/BC-UBND", "01/BC-UBND", "02/BC-UBND")
    assert (first_a.commune, first_b.commune, second_a.commune) == (an_hai, bach_long_vi, an_hai)
    counters = {
        (c.commune_id, c.doc_type): c.last_number for c in DocumentCounter.all_communes.filter(year=first_a.year)
    }
    assert counters == {(an_hai.pk, DocType.REPORT): 2, (bach_long_vi.pk, DocType.REPORT): 1}


def test_a_paper_without_its_own_commune_is_the_served_communes(two, own_identities):
    an_hai, bach_long_vi = two
    with use_commune(bach_long_vi):
        document = services.issue(SamplePaper(report_key="b"), by=object())
        assert list(IssuedDocument.objects.all()) == [document]
    assert document.commune == bach_long_vi
    with use_commune(an_hai):
        assert not IssuedDocument.objects.exists() and not DocumentCounter.objects.exists()


def test_the_plans_paper_is_the_plans_communes(plan):
    from issuance.papers import PlanPaper

    assert PlanPaper(plan).commune == plan.commune


def test_the_seal_and_the_signature_name_the_communes_peoples_committee(two, own_identities, monkeypatch, settings):
    an_hai, _bach_long_vi = two
    drawn = []
    real = signing_sign.agency_seal_png
    monkeypatch.setattr(signing_sign, "agency_seal_png", lambda name: drawn.append(name) or real(name))
    document = services.issue(SamplePaper(commune=an_hai, report_key="a"), by=object())
    assert drawn == ["Ủy ban nhân dân phường An Hải"]
    signature = agency_signature(document)
    assert (str(signature["/Name"]), str(signature["/Location"])) == ("Ủy ban nhân dân phường An Hải", "An Hải")


def test_the_agency_of_each_kind_of_commune_and_the_home_communes_configured_one(two, settings):
    an_hai, bach_long_vi = two
    assert agency.agency_name(an_hai) == "Ủy ban nhân dân phường An Hải"
    assert agency.agency_name(bach_long_vi) == "Ủy ban nhân dân đặc khu Bạch Long Vĩ"
    assert agency.signing_location(bach_long_vi) == "Bạch Long Vĩ"
    settings.SIGNING_AGENCY_NAME, settings.SIGNING_LOCATION = "UBND xã Cẩm Giang (cấu hình)", "Cẩm Giang, Hải Phòng"
    home = CommuneFactory(code=settings.PLATFORM_HOME_COMMUNE, name="Xã Cẩm Giang", slug="cam-giang-thu")
    # A one-commune deployment signs as it is configured, as before.
    assert (agency.agency_name(home), agency.signing_location(home)) == (
        "UBND xã Cẩm Giang (cấu hình)",
        "Cẩm Giang, Hải Phòng",
    )


def test_a_communes_seal_differs_from_anothers_and_the_configured_one_is_the_identitys(two, signing_identity, settings):
    from camgiang_portal import signing

    an_hai, bach_long_vi = two
    a, b = (signing.agency_seal_png(agency.agency_name(c)) for c in two)
    assert a != b and a == signing.seal_png("Ủy ban nhân dân phường An Hải")
    identity_seal = (signing_identity / signing.DEV_SEAL).read_bytes()
    assert signing.agency_seal_png(settings.SIGNING_AGENCY_NAME) == identity_seal


def test_the_hash_finds_a_paper_of_another_commune(two, own_identities, client, settings):
    an_hai, bach_long_vi = two
    document = services.issue(SamplePaper(commune=bach_long_vi, report_key="b"), by=object())
    with use_commune(an_hai):
        assert not IssuedDocument.objects.filter(pk=document.pk).exists()  # An Hải's own lists stay its own
        assert selectors.document_by_hash(document.sha256) == document
        assert permissions.get_issued_document(document.sha256) == document
    settings.PLATFORM_COMMUNES = "many"
    with document.file.open("rb") as handle:
        data = handle.read()
    upload = SimpleUploadedFile("van-ban.pdf", data, content_type="application/pdf")
    response = client.post(f"/xa/{an_hai.slug}/xac-thuc/", {"file": upload})
    assert response.status_code == 200 and response.context["match"] == document
    download = client.get(f"/xa/{an_hai.slug}/xac-thuc/van-ban/{document.sha256}.pdf")
    assert download.status_code == 200 and b"".join(download.streaming_content) == data
