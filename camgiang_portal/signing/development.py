"""The development identity (`manage.py create_signing_identity`): a throw-away CA, the signer's and the agency's
certificates as PKCS#12 files, and the seal PNG, for a machine without a real certificate."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from django.utils.translation import gettext as _

from .identity import DEV_AGENCY, DEV_CA, DEV_SEAL, DEV_SIGNER
from .seal import seal_png

# X.509 names allow 64 bytes of UTF-8 here (cryptography checks bytes; Vietnamese letters take two or three).
NAME_BYTES = 64


def _fit(value: str) -> str:
    """`value` cut on a letter's boundary to what a certificate name holds ("CA thử nghiệm – Ủy ban nhân dân
    phường …" is longer); the signers' own names are far shorter and stay whole."""
    return value.encode()[:NAME_BYTES].decode(errors="ignore").strip()


def _name(common_name: str, organisation: str):
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, _fit(organisation)),
            x509.NameAttribute(NameOID.COMMON_NAME, _fit(common_name)),
        ]
    )


def make_certificate(
    *, common_name: str, organisation: str, issuer=None, issuer_key=None, ca: bool = False, days: int = 3650
):
    """A key and certificate: a self-signed CA, or an end-entity signing certificate issued by `issuer`."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = _name(common_name, organisation)
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.subject if issuer is not None else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=days))
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    signing_key = issuer_key or key
    builder = builder.add_extension(
        x509.AuthorityKeyIdentifier.from_issuer_public_key(signing_key.public_key()), critical=False
    )
    if ca:
        builder = builder.add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True).add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    else:
        builder = builder.add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True).add_extension(
            # digitalSignature + nonRepudiation (content_commitment): what a document signature needs.
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    cert = builder.sign(signing_key, hashes.SHA256())
    return key, cert


def pkcs12_bytes(key, cert, ca_cert, *, name: str, password: bytes | None = None) -> bytes:
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, NoEncryption, pkcs12

    encryption = BestAvailableEncryption(password) if password else NoEncryption()
    return pkcs12.serialize_key_and_certificates(name.encode(), key, cert, [ca_cert], encryption)


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def create_development_identity(directory: Path, *, agency_name: str, signer_name: str) -> dict[str, Path]:
    """A development CA, the signer's and the agency's certificates (PKCS#12) and the seal PNG."""
    from cryptography.hazmat.primitives.serialization import Encoding

    directory.mkdir(parents=True, exist_ok=True)
    organisation = agency_name
    ca_key, ca_cert = make_certificate(
        common_name=_("CA thử nghiệm – %(agency)s") % {"agency": agency_name}, organisation=organisation, ca=True
    )
    signer_key, signer_cert = make_certificate(
        common_name=signer_name, organisation=organisation, issuer=ca_cert, issuer_key=ca_key
    )
    agency_key, agency_cert = make_certificate(
        common_name=agency_name, organisation=organisation, issuer=ca_cert, issuer_key=ca_key
    )
    paths = {
        "ca": directory / DEV_CA,
        "signer": directory / DEV_SIGNER,
        "agency": directory / DEV_AGENCY,
        "seal": directory / DEV_SEAL,
    }
    paths["ca"].write_bytes(ca_cert.public_bytes(Encoding.PEM))
    # The CA key is not kept: a new identity is a new CA, so nothing can mint more certificates later.
    _write_private(paths["signer"], pkcs12_bytes(signer_key, signer_cert, ca_cert, name=signer_name))
    _write_private(paths["agency"], pkcs12_bytes(agency_key, agency_cert, ca_cert, name=agency_name))
    paths["seal"].write_bytes(seal_png(agency_name))
    return paths
