"""Signing and verifying PDFs: two PAdES signatures, trust, tampering, garbage, identities, PKCS#11."""

from __future__ import annotations

import datetime
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image
from pyhanko.pdf_utils.reader import PdfFileReader

from camgiang_portal import signing
from camgiang_portal.signing.identity import load_p12
from camgiang_portal.signing.sign import timestamper
from camgiang_portal.tests.signing_helpers import AGENCY, SIGNER, make_identity, sample_pdf, sign_sample


@pytest.fixture(scope="module")
def signed_sample(tmp_path_factory):
    directory = make_identity(tmp_path_factory.mktemp("identity"))
    identity = signing.SigningIdentity(
        signer=load_p12(directory / signing.DEV_SIGNER, None),
        agency=load_p12(directory / signing.DEV_AGENCY, None),
        source="development",
    )
    return sign_sample(identity=identity), signing.load_certificates(directory / signing.DEV_CA)


def test_signed_pdf_is_intact_valid_and_trusted_against_the_exported_ca(signing_identity, tmp_path):
    ca_file = tmp_path / "ca.pem"
    call_command("create_signing_identity", export_ca=str(ca_file), stdout=io.StringIO())
    result = signing.verify_pdf(sign_sample(), signing.load_certificates(ca_file))
    assert result.ok, result
    assert [s.signer_name for s in result.signatures] == [SIGNER, AGENCY]
    assert all(s.intact and s.valid and s.trusted for s in result.signatures)
    assert result.signatures[-1].covers_whole_file


def test_both_signatures_are_pades(signed_sample):
    data, _roots = signed_sample
    assert data.count(b"/ETSI.CAdES.detached") == 2
    reader = PdfFileReader(io.BytesIO(data))
    fields = [(sig.field_name, sig.sig_object["/SubFilter"]) for sig in reader.embedded_signatures]
    assert fields == [(signing.SIGNER_FIELD, "/ETSI.CAdES.detached"), (signing.AGENCY_FIELD, "/ETSI.CAdES.detached")]


def test_signing_time_is_reported_in_vietnam_time(signed_sample):
    data, roots = signed_sample
    moment = signing.verify_pdf(data, roots).signatures[0].signing_time
    assert moment.utcoffset() == datetime.timedelta(hours=7)
    assert abs(datetime.datetime.now(datetime.UTC) - moment) < datetime.timedelta(hours=1)


def test_iso_vietnam_has_the_offset():
    moment = datetime.datetime(2026, 1, 5, 2, 30, tzinfo=datetime.UTC)
    assert signing.iso_vietnam(moment) == "2026-01-05T09:30:00+07:00"


def test_signing_time_reads_day_first_in_local_time():
    moment = datetime.datetime(2026, 12, 1, 20, 2, 2, 11758, tzinfo=datetime.UTC)
    assert signing.signing_time_text(moment) == "02/12/2026 03:02:02 +07:00"


def test_the_visible_stamp_shows_the_signing_time_day_first(signed_sample):
    from camgiang_portal.tests import pdfcheck

    data, _roots = signed_sample
    stamp = pdfcheck.text(data)
    assert re.search(r"Thời gian ký: \d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2} \+07:00", stamp), stamp
    assert "T" not in stamp.split("Thời gian ký:", 1)[1].split("\n", 1)[0]  # no ISO "2026-12-02T03:00:25"


def test_one_changed_byte_in_the_content_fails(signed_sample):
    data, roots = signed_sample
    changed = bytearray(data)
    index = data.index(b"stream") + 40
    changed[index] ^= 0x01
    result = signing.verify_pdf(bytes(changed), roots)
    assert not result.ok
    assert not any(s.intact for s in result.signatures)
    assert all(s.errors for s in result.signatures)


def test_one_changed_byte_in_a_signature_fails(signed_sample):
    data, roots = signed_sample
    changed = bytearray(data)
    start = data.rindex(b"/Contents <") + len(b"/Contents <") + 600
    changed[start : start + 1] = b"0" if data[start : start + 1] != b"0" else b"1"
    result = signing.verify_pdf(bytes(changed), roots)
    assert not result.ok


def test_signed_by_an_unknown_certificate_is_untrusted(signed_sample, tmp_path, settings):
    _data, roots = signed_sample
    stranger = make_identity(tmp_path / "stranger", agency="Kẻ giả mạo", signer="Người lạ")
    settings.SIGNING_DIR = stranger
    settings.SIGNING_P12 = ""
    settings.SIGNING_PKCS11_MODULE = ""
    result = signing.verify_pdf(sign_sample(), roots)
    assert not result.ok
    assert all(s.intact and s.valid and not s.trusted for s in result.signatures)
    assert result.signatures[0].signer_name == "Người lạ"


def test_no_trust_roots_means_untrusted(signed_sample):
    data, _roots = signed_sample
    result = signing.verify_pdf(data, [])
    assert not result.ok and all(s.intact and not s.trusted for s in result.signatures)


def test_bytes_added_after_the_last_signature_are_flagged(signed_sample):
    data, roots = signed_sample
    result = signing.verify_pdf(data + b"\n% appended\n", roots)
    assert not result.ok
    assert not result.signatures[-1].covers_whole_file


@pytest.mark.parametrize(
    "payload",
    [
        b"",
        b"garbage",
        b"%PDF-1.7\n",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF",
        bytes(range(256)) * 40,
        "text",
    ],
)
def test_garbage_never_raises(payload):
    result = signing.verify_pdf(payload, [])
    assert not result.ok and result.errors


def test_truncated_signed_pdf_never_raises(signed_sample):
    data, roots = signed_sample
    for cut in (len(data) // 3, len(data) // 2, len(data) - 200):
        assert not signing.verify_pdf(data[:cut], roots).ok


def test_unsigned_pdf_says_so():
    result = signing.verify_pdf(sample_pdf(), [])
    assert result.is_pdf and not result.signed and not result.ok
    assert result.errors == ["Tệp không có chữ ký số."]


def test_signing_refuses_a_non_pdf(signing_identity):
    with pytest.raises(signing.SigningError):
        sign_sample(b"not a pdf at all")


def test_stamp_box_comes_from_the_layouts_anchor():
    box = signing.find_stamp_box(sample_pdf())
    assert box.page == 0
    assert round(box.width) == round(signing.STAMP_WIDTH) and round(box.height) == round(signing.STAMP_HEIGHT)
    # Right half of an A4 page, below the middle: the signature block.
    assert box.x1 > 595 / 2 - 20 and box.y2 < 842


def test_stamp_box_without_anchor_is_low_right_on_the_last_page():
    from weasyprint import HTML

    pdf = HTML(string="<p>một</p><p style='break-before: page'>hai</p>").write_pdf()
    box = signing.find_stamp_box(pdf)
    assert box.page == 1 and box.x1 > 595 / 2


def test_seal_overlaps_the_left_third_of_the_stamp():
    box = signing.StampBox(0, 300, 100, 510, 170)
    seal = box.seal_box()
    assert seal.x2 == pytest.approx(box.x1 + box.width / 3)
    assert seal.x1 < box.x1 < seal.x2
    assert (seal.y1 + seal.y2) / 2 == pytest.approx((box.y1 + box.y2) / 2)


def test_seal_png_is_red_on_transparent():
    image = Image.open(io.BytesIO(signing.seal_png(AGENCY))).convert("RGBA")
    assert image.getpixel((2, 2))[3] == 0
    reds = sum(1 for r, g, b, a in image.get_flattened_data() if a > 200 and r > 180 and g < 90 and b < 90)
    assert reds > image.width * image.height * 0.05


def test_missing_identity_is_a_clear_error(settings, tmp_path):
    settings.SIGNING_DIR = tmp_path / "none"
    settings.SIGNING_P12 = ""
    settings.SIGNING_PKCS11_MODULE = ""
    with pytest.raises(signing.SigningError, match="create_signing_identity"):
        signing.load_identity()


def test_p12_from_the_environment_wins_over_the_development_identity(signing_identity, settings, tmp_path):
    other = make_identity(tmp_path / "ca-vn", agency="UBND xã Cẩm Giang (CA)", signer="Chủ tịch Thật")
    settings.SIGNING_P12 = str(other / signing.DEV_SIGNER)
    settings.SIGNING_P12_PASSWORD = ""
    identity = signing.load_identity()
    assert identity.source == "p12"
    result = signing.verify_pdf(sign_sample(), signing.load_certificates(other / signing.DEV_CA))
    assert result.ok
    assert [s.signer_name for s in result.signatures] == ["Chủ tịch Thật", "Chủ tịch Thật"]


def test_encrypted_p12_needs_its_password(settings, tmp_path):
    key, cert = signing.make_certificate(common_name="Ca", organisation="Thử")
    path = tmp_path / "locked.p12"
    path.write_bytes(signing.pkcs12_bytes(key, cert, cert, name="Ca", password=b"dung-mat-khau"))
    settings.SIGNING_P12 = str(path)
    settings.SIGNING_P12_PASSWORD = "sai"
    with pytest.raises(signing.SigningError):
        signing.load_identity()
    settings.SIGNING_P12_PASSWORD = "dung-mat-khau"
    assert signing.load_identity().source == "p12"


def test_development_certificates_have_the_key_usages_of_a_document_signature(signing_identity):
    from cryptography.hazmat.primitives.serialization import pkcs12

    for name in (signing.DEV_SIGNER, signing.DEV_AGENCY):
        _key, cert, chain = pkcs12.load_key_and_certificates((signing_identity / name).read_bytes(), None)
        usage = cert.extensions.get_extension_for_class(__import__("cryptography").x509.KeyUsage).value
        assert usage.digital_signature and usage.content_commitment
        assert chain and chain[0].subject == cert.issuer


def test_create_signing_identity_keeps_an_existing_one(settings, tmp_path):
    settings.SIGNING_DIR = tmp_path / "signing"
    out = io.StringIO()
    call_command("create_signing_identity", "--dry-run", stdout=out)
    assert "Chạy thử" in out.getvalue() and not (tmp_path / "signing").exists()
    call_command("create_signing_identity", stdout=io.StringIO())
    first = (tmp_path / "signing" / signing.DEV_CA).read_bytes()
    call_command("create_signing_identity", stdout=io.StringIO())
    assert (tmp_path / "signing" / signing.DEV_CA).read_bytes() == first
    call_command("create_signing_identity", "--force", stdout=io.StringIO())
    assert (tmp_path / "signing" / signing.DEV_CA).read_bytes() != first
    assert (tmp_path / "signing" / signing.DEV_SEAL).is_file()
    assert oct((tmp_path / "signing" / signing.DEV_SIGNER).stat().st_mode & 0o777) == "0o600"


def test_create_signing_identity_works_without_debug(settings, tmp_path):
    settings.DEBUG = False
    settings.SIGNING_DIR = tmp_path / "prod-like"
    call_command("create_signing_identity", export_ca=str(tmp_path / "ca.pem"), stdout=io.StringIO())
    assert (tmp_path / "ca.pem").read_bytes().startswith(b"-----BEGIN CERTIFICATE-----")


# --- PKCS#11 against SoftHSM2 ---------------------------------------------------------------------

SOFTHSM_MODULES = ["/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"]
SOFTHSM_MODULE = next((path for path in SOFTHSM_MODULES if Path(path).is_file()), None)


def _softhsm_token(tmp_path: Path, identity_dir: Path, monkeypatch) -> dict:
    """A fresh SoftHSM2 token holding the signer's and the agency's keys and certificates."""
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, pkcs12

    tokens = tmp_path / "tokens"
    tokens.mkdir()
    conf = tmp_path / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\n")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    env = {**os.environ, "SOFTHSM2_CONF": str(conf)}
    run = lambda *args: subprocess.run(args, check=True, capture_output=True, env=env)  # noqa: E731
    run("softhsm2-util", "--init-token", "--free", "--label", "camgiang", "--pin", "123456", "--so-pin", "654321")
    for index, (name, label) in enumerate([(signing.DEV_SIGNER, "nguoi-ky"), (signing.DEV_AGENCY, "co-quan")], start=1):
        key, cert, _chain = pkcs12.load_key_and_certificates((identity_dir / name).read_bytes(), None)
        key_file, cert_file = tmp_path / f"{label}.key", tmp_path / f"{label}.der"
        key_file.write_bytes(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
        cert_file.write_bytes(cert.public_bytes(Encoding.DER))
        object_id = f"{index:02x}"
        run(
            "softhsm2-util",
            "--import",
            str(key_file),
            "--token",
            "camgiang",
            "--label",
            label,
            "--id",
            object_id,
            "--pin",
            "123456",
        )
        run(
            "pkcs11-tool",
            "--module",
            SOFTHSM_MODULE,
            "--token-label",
            "camgiang",
            "--login",
            "--pin",
            "123456",
            "--write-object",
            str(cert_file),
            "--type",
            "cert",
            "--label",
            label,
            "--id",
            object_id,
        )
        key_file.unlink()  # the key now lives only on the token
    return {"module": SOFTHSM_MODULE, "token": "camgiang", "pin": "123456"}


@pytest.mark.skipif(SOFTHSM_MODULE is None, reason="SoftHSM2 is not installed (Debian package softhsm2)")
@pytest.mark.skipif(shutil.which("pkcs11-tool") is None, reason="pkcs11-tool is not installed (Debian package opensc)")
@pytest.mark.skipif(
    shutil.which("softhsm2-util") is None, reason="softhsm2-util is not installed (Debian package softhsm2)"
)
def test_signing_with_a_pkcs11_token(signing_identity, settings, tmp_path, monkeypatch):
    pytest.importorskip("pkcs11", reason="python-pkcs11 is not installed")
    token = _softhsm_token(tmp_path, signing_identity, monkeypatch)
    settings.SIGNING_PKCS11_MODULE = token["module"]
    settings.SIGNING_PKCS11_TOKEN_LABEL = token["token"]
    settings.SIGNING_PKCS11_PIN = token["pin"]
    settings.SIGNING_PKCS11_KEY_LABEL = "nguoi-ky"
    settings.SIGNING_PKCS11_CERT_LABEL = "nguoi-ky"
    settings.SIGNING_PKCS11_AGENCY_KEY_LABEL = "co-quan"
    settings.SIGNING_PKCS11_AGENCY_CERT_LABEL = "co-quan"
    identity = signing.load_identity()
    assert identity.source == "pkcs11"
    identity.close()
    data = sign_sample()
    result = signing.verify_pdf(data, signing.load_certificates(signing_identity / signing.DEV_CA))
    assert result.ok, result
    assert [s.signer_name for s in result.signatures] == [SIGNER, AGENCY]
    assert data.count(b"/ETSI.CAdES.detached") == 2

    settings.SIGNING_PKCS11_PIN = "000000"
    with pytest.raises(signing.SigningError):
        signing.load_identity()


def test_export_ca_to_an_unwritable_place_is_a_clear_error(signing_identity, tmp_path):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="Không ghi được"):
        call_command("create_signing_identity", export_ca=str(tmp_path / "missing" / "ca.pem"), stdout=io.StringIO())


def test_timestamp_server_is_used_when_configured(settings):
    from pyhanko.sign.timestamps import HTTPTimeStamper

    settings.SIGNING_TIMESTAMP_URL = ""
    assert timestamper() is None
    settings.SIGNING_TIMESTAMP_URL = "http://tsa.example.vn/tsr"
    assert isinstance(timestamper(), HTTPTimeStamper)


def test_position_title():
    assert signing.position_title("PHÓ CHỦ TỊCH") == "Phó Chủ tịch"
    assert signing.position_title("CHỦ TỊCH") == "Chủ tịch"
    assert signing.position_title("Phó Chủ tịch UBND") == "Phó Chủ tịch UBND"


def test_stamp_box_is_centred_in_the_signature_space():
    box = signing.stamp_box_in(2, (300.0, 100.0, 534.0, 180.0))
    assert box.page == 2
    assert (box.x1 + box.x2) / 2 == pytest.approx(417.0) and (box.y1 + box.y2) / 2 == pytest.approx(140.0)
    assert box.width == pytest.approx(signing.STAMP_WIDTH) and box.height == pytest.approx(signing.STAMP_HEIGHT)


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="pdfsig (Debian package poppler-utils) is not installed")
def test_an_independent_validator_agrees(signed_sample, tmp_path):
    """poppler's pdfsig (NSS, not pyHanko) sees two valid ETSI.CAdES.detached signatures, and the tampering."""
    data, _roots = signed_sample
    good, bad = tmp_path / "good.pdf", tmp_path / "bad.pdf"
    good.write_bytes(data)
    changed = bytearray(data)
    changed[data.index(b"stream") + 40] ^= 0x01
    bad.write_bytes(bytes(changed))
    report = subprocess.run(["pdfsig", str(good)], capture_output=True, text=True).stdout
    assert report.count("Signature Type: ETSI.CAdES.detached") == 2
    assert report.count("Signature Validation: Signature is Valid.") == 2
    assert "Signer Certificate Common Name: Vũ Mạnh Huy" in report
    tampered = subprocess.run(["pdfsig", str(bad)], capture_output=True, text=True).stdout
    assert "Signature is Valid." not in tampered
