"""Operator commands: `render_plan_pdf --sign` signs from the command line."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from camgiang_portal import signing

pytestmark = pytest.mark.django_db


def test_render_plan_pdf_sign_writes_a_signed_pdf(plan, signing_identity, tmp_path):
    out = tmp_path / "ke-hoach.pdf"
    err = io.StringIO()
    call_command("render_plan_pdf", str(plan.pk), out=str(out), sign=True, stdout=io.StringIO(), stderr=err)
    result = signing.verify_pdf(out.read_bytes(), signing.default_trust_roots())
    assert result.ok, result
    assert [s.signer_name for s in result.signatures] == ["Vũ Mạnh Huy", "Ủy ban nhân dân xã Cẩm Giang"]
    assert "chưa ban hành" in err.getvalue()


def test_render_plan_pdf_without_sign_is_unsigned(plan, tmp_path):
    out = tmp_path / "ke-hoach.pdf"
    call_command("render_plan_pdf", str(plan.pk), out=str(out), stdout=io.StringIO())
    assert not signing.verify_pdf(out.read_bytes(), []).signed


def test_render_plan_pdf_sign_without_identity_fails_cleanly(plan, settings, tmp_path):
    settings.SIGNING_DIR = tmp_path / "none"
    settings.SIGNING_P12 = ""
    settings.SIGNING_PKCS11_MODULE = ""
    out = tmp_path / "ke-hoach.pdf"
    with pytest.raises(CommandError, match="create_signing_identity"):
        call_command(
            "render_plan_pdf", str(plan.pk), out=str(out), sign=True, stdout=io.StringIO(), stderr=io.StringIO()
        )
    assert not out.exists()


def test_render_plan_pdf_sign_seals_with_the_plans_communes_agency(plan, issuer_identity, tmp_path, settings):
    from pyhanko.pdf_utils.reader import PdfFileReader

    from communes.models import Commune
    from communes.tests.factories import CommuneFactory
    from plans.models import Plan

    settings.PLATFORM_COMMUNES = "many"
    an_hai = CommuneFactory(name="Phường An Hải", kind=Commune.Kind.PHUONG, slug="an-hai-thu", on_platform=True)
    Plan.objects.filter(pk=plan.pk).update(commune=an_hai)
    issuer_identity(an_hai)
    out = tmp_path / "ke-hoach.pdf"
    call_command("render_plan_pdf", str(plan.pk), out=str(out), sign=True, stdout=io.StringIO(), stderr=io.StringIO())
    result = signing.verify_pdf(out.read_bytes(), signing.default_trust_roots())
    assert result.ok, result
    assert [s.signer_name for s in result.signatures][1] == "Ủy ban nhân dân phường An Hải"  # its own certificate
    seal = PdfFileReader(io.BytesIO(out.read_bytes())).embedded_signatures[1].sig_object
    assert (str(seal["/Name"]), str(seal["/Location"])) == ("Ủy ban nhân dân phường An Hải", "An Hải")


def test_render_plan_pdf_sign_of_the_home_commune_signs_as_configured(plan, signing_identity, tmp_path):
    from pyhanko.pdf_utils.reader import PdfFileReader

    out = tmp_path / "ke-hoach.pdf"
    call_command("render_plan_pdf", str(plan.pk), out=str(out), sign=True, stdout=io.StringIO(), stderr=io.StringIO())
    seal = PdfFileReader(io.BytesIO(out.read_bytes())).embedded_signatures[1].sig_object
    assert (str(seal["/Name"]), str(seal["/Location"])) == ("Ủy ban nhân dân xã Cẩm Giang", "Cẩm Giang")
