"""Each issuer signs with its own identity: a commune's papers carry certificates naming its People's Committee,
the city's the city's; the home commune the configured one. An issuer without its own identity does not sign
(unless the deployment says every issuer shares the configured one, SIGNING_SHARED_IDENTITY)."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from camgiang_portal import signing
from camgiang_portal.signing import identity as signing_identity
from camgiang_portal.tests.signing_helpers import make_identity
from communes.models import Commune
from communes.services import home_commune
from communes.tests.factories import CommuneFactory
from issuance import agency, identities, services
from issuance.models import IssuedDocument
from issuance.tests.papers import SamplePaper

pytestmark = pytest.mark.django_db

HOME_NAMES = ["Vũ Mạnh Huy", "Ủy ban nhân dân xã Cẩm Giang"]


@pytest.fixture
def dev(settings, tmp_path):
    """A home development identity of its own, and an issuers' directory beside it."""
    settings.SIGNING_DIR = make_identity(tmp_path / "signing")
    settings.SIGNING_ISSUERS_DIR = str(tmp_path / "issuers")
    settings.SIGNING_P12 = ""
    settings.SIGNING_PKCS11_MODULE = ""
    settings.SIGNING_TRUST_ROOTS = []
    return tmp_path / "issuers"


@pytest.fixture
def thanh_dong():
    return CommuneFactory(name="Phường Thành Đông", kind=Commune.Kind.PHUONG, slug="thanh-dong-thu")


def verified(document: IssuedDocument):
    with document.file.open("rb") as handle:
        result = signing.verify_pdf(handle.read(), signing.default_trust_roots())
    assert result.ok, result
    return [s.signer_name for s in result.signatures]


def test_the_issuer_keys(thanh_dong):
    assert agency.issuer_key(home_commune()) == ""
    assert agency.issuer_key(None) == "city"
    assert agency.issuer_key(thanh_dong) == thanh_dong.code


def test_a_communes_paper_is_signed_with_its_own_identity_and_trusted(dev, thanh_dong):
    directory, made = identities.ensure_development_identity(thanh_dong)
    assert made and directory == dev / thanh_dong.code
    assert signing.load_identity(issuer=thanh_dong.code).source == "issuer"
    document = services.issue(SamplePaper(commune=thanh_dong, report_key="a"), by=object())
    assert verified(document) == ["Lãnh đạo Ủy ban nhân dân phường Thành Đông", "Ủy ban nhân dân phường Thành Đông"]


def test_the_home_commune_keeps_the_configured_identity(dev, thanh_dong):
    identities.ensure_development_identity(thanh_dong)
    document = services.issue(SamplePaper(commune=home_commune(), report_key="h"), by=object())
    assert verified(document) == HOME_NAMES
    with pytest.raises(ValueError):
        identities.ensure_development_identity(home_commune())


def test_the_citys_paper_is_signed_with_the_citys_identity(dev):
    identities.ensure_development_identity(None, signer_name="Trần Văn Minh")
    document = services.issue(SamplePaper(city=True, report_key="city:1"), by=object())
    assert verified(document) == ["Trần Văn Minh", "Ủy ban nhân dân thành phố Hải Phòng"]


def test_an_issuer_without_its_own_identity_is_refused_not_signed_as_another_agency(dev, thanh_dong):
    from camgiang_portal.signing.errors import SigningError
    from issuance.models import DocumentCounter

    for paper in (SamplePaper(commune=thanh_dong, report_key="a"), SamplePaper(city=True, report_key="city:1")):
        with pytest.raises(SigningError) as refused:
            services.issue(paper, by=object())
        assert "chưa có chứng thư số riêng" in str(refused.value)
    # Nothing half-written: no paper, and the numbers the refusals took were given back.
    assert not IssuedDocument.all_communes.exists()
    assert not DocumentCounter.all_communes.filter(last_number__gt=0).exists()


def test_a_deployment_may_share_the_configured_identity_among_its_issuers(dev, thanh_dong, settings):
    settings.SIGNING_SHARED_IDENTITY = True
    document = services.issue(SamplePaper(commune=thanh_dong, report_key="a"), by=object())
    assert verified(document) == HOME_NAMES
    assert signing.load_identity(issuer=thanh_dong.code).source == "development"


def test_an_identity_passed_explicitly_still_wins(dev, thanh_dong):
    identities.ensure_development_identity(thanh_dong)
    home = signing.load_identity()
    document = services.issue(SamplePaper(commune=thanh_dong, report_key="a"), by=object(), identity=home)
    assert verified(document) == HOME_NAMES


def test_the_commune_leaderships_name_signs_when_it_has_one(dev, thanh_dong, django_user_model):
    from plans.models import Body, Membership, Role

    body = Body.objects.create(commune=thanh_dong, name="Lãnh đạo", code="thanh-dong--ld", kind=Body.Kind.LEADERSHIP)
    user = django_user_model.objects.create(username="ld-td", first_name="Lan", last_name="Phạm Thị")
    Membership.objects.create(user=user, body=body, role=Role.LEADERSHIP)
    assert identities.leader_name(thanh_dong) == "Phạm Thị Lan"


def test_an_issuer_key_is_never_a_path(dev):
    with pytest.raises(signing.SigningError):
        signing_identity.issuer_dir("../etc")


def test_the_command_makes_one_per_platform_issuer_and_keeps_them(dev, thanh_dong, settings):
    settings.PLATFORM_COMMUNES = "many"
    home_commune()
    other = CommuneFactory(on_platform=False)
    out = io.StringIO()
    call_command("create_signing_identity", platform=True, stdout=out)
    made = sorted(path.name for path in dev.iterdir())
    assert made == sorted([thanh_dong.code, "city"])
    assert other.code not in made
    before = (dev / "city" / signing.DEV_SIGNER).read_bytes()
    call_command("create_signing_identity", platform=True, stdout=out)
    assert (dev / "city" / signing.DEV_SIGNER).read_bytes() == before
    assert "giữ nguyên" in out.getvalue()
    call_command("create_signing_identity", city=True, force=True, stdout=out)
    assert (dev / "city" / signing.DEV_SIGNER).read_bytes() != before
    # Every issuer's CA is trusted by the verification page, the home one too.
    assert len(signing.default_trust_roots()) == 3


def test_the_command_refuses_the_home_commune_an_unknown_code_and_a_real_identity(dev, settings):
    with pytest.raises(CommandError):
        call_command("create_signing_identity", commune=[home_commune().code], stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("create_signing_identity", commune=["99999x"], stdout=io.StringIO())
    settings.SIGNING_P12 = str(dev.parent / "signing" / signing.DEV_SIGNER)
    with pytest.raises(CommandError, match="SIGNING_ISSUERS_DIR"):
        call_command("create_signing_identity", city=True, stdout=io.StringIO())
    assert not dev.exists()


def test_the_demo_step_makes_them_only_with_the_development_identity(dev, thanh_dong, settings):
    assert identities.ensure_development_identities([home_commune(), thanh_dong, None]) == [
        dev / thanh_dong.code,
        dev / "city",
    ]
    assert identities.ensure_development_identities([thanh_dong, None]) == []
    settings.SIGNING_PKCS11_MODULE = "/usr/lib/some-token.so"
    other = CommuneFactory()
    assert identities.ensure_development_identities([other]) == []


def test_the_demo_of_two_communes_makes_the_second_ones_and_the_citys_before_issuing(dev, settings):
    settings.DEMO_PASSWORD = "camgiang2026"
    settings.PLATFORM_COMMUNES = "many"
    call_command("seed_demo", communes=2, stdout=io.StringIO())
    second = Commune.objects.filter(on_platform=True).exclude(code=home_commune().code).get()
    assert sorted(path.name for path in dev.iterdir()) == sorted([second.code, "city"])
    names = [
        s.signer_name
        for s in signing.verify_pdf(
            services.signing.sign_paper(
                _sample(), signer_name="x", position="Chủ tịch", issuer="city", agency_name="Ủy ban"
            ),
            signing.default_trust_roots(),
        ).signatures
    ]
    # The city's certificate names its first leader (city.demo), its People's Committee the agency.
    assert names == ["Trần Văn Minh", "Ủy ban nhân dân thành phố Hải Phòng"]
    assert signing.load_identity(issuer=second.code).source == "issuer"


def _sample() -> bytes:
    from camgiang_portal.tests.signing_helpers import sample_pdf

    return sample_pdf()


def test_in_the_demo_each_communes_bao_cao_and_the_citys_verify_with_their_own_names(dev, settings):
    """The defect's case: Phường Thành Đông's Báo cáo named Cẩm Giang's chairman and People's Committee."""
    settings.DEMO_PASSWORD = "camgiang2026"
    settings.PLATFORM_COMMUNES = "many"
    call_command("seed_demo", "--reports", "--communes", "2", "--as-of", "2026-06-30", stdout=io.StringIO())
    agencies = {}
    for document in IssuedDocument.all_communes.filter(doc_type="BC"):
        agencies[document.commune.code if document.commune else "city"] = verified(document)[1]
    home = home_commune()
    assert agencies["city"] == "Ủy ban nhân dân thành phố Hải Phòng"
    others = {code: name for code, name in agencies.items() if code not in (home.code, "city")}
    assert others and all(name.startswith("Ủy ban nhân dân ") and "Cẩm Giang" not in name for name in others.values())
