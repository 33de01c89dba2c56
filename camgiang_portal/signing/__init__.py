"""Digital signatures on official papers (PAdES, Nghị định 30/2020 Art. 5): sign, verify, keys.

Shared infrastructure: it imports no app. A paper is signed twice, as Decree 30 describes for a
digitally signed document: first by the signer (a visible stamp in the signature block with name,
position and the signing time as dd/mm/yyyy HH:MM:SS with the Vietnam offset +07:00), then by the agency (the commune's
red seal, a transparent PNG overlapping the left third of the signer's stamp). Both signatures are
`/ETSI.CAdES.detached`.

Where the keys come from, first match wins:
1. `SIGNING_P12` + `SIGNING_P12_PASSWORD` (a PKCS#12 file, e.g. from a Vietnamese CA);
   `SIGNING_AGENCY_P12` + `SIGNING_AGENCY_P12_PASSWORD` for the agency, else the same file signs twice;
2. a PKCS#11 token (`SIGNING_PKCS11_MODULE`, `SIGNING_PKCS11_TOKEN_LABEL`, `SIGNING_PKCS11_PIN`,
   `SIGNING_PKCS11_KEY_LABEL`/`_CERT_LABEL` and the agency's `SIGNING_PKCS11_AGENCY_KEY_LABEL`/`_CERT_LABEL`);
3. the development identity made by `manage.py create_signing_identity` in `SIGNING_DIR`.
Before those, an issuer other than the home commune (a commune's code, or "city") with its own
`<SIGNING_ISSUERS_DIR>/<key>/signer.p12` (+ `agency.p12`) signs with it (identity.py).
Private keys stay in those files or on the token: never in the repository or the database.

Callers use this package's names (`from camgiang_portal import signing; signing.sign_paper(...)`); its modules
are `identity` (keys, trust roots), `development` (the development identity), `seal`, `stamp_box` (where the
stamp goes), `sign` and `verify`.
"""

from __future__ import annotations

from .development import create_development_identity, make_certificate, pkcs12_bytes
from .errors import SigningError
from .identity import (
    DEV_AGENCY,
    DEV_CA,
    DEV_SEAL,
    DEV_SIGNER,
    SigningIdentity,
    default_trust_roots,
    load_certificates,
    load_identity,
)
from .seal import agency_seal_png, seal_png
from .sign import AGENCY_FIELD, SIGNER_FIELD, sign_paper, sign_pdf
from .stamp_box import STAMP_HEIGHT, STAMP_WIDTH, StampBox, find_stamp_box, stamp_box_in
from .texts import iso_vietnam, position_title, signing_time_text
from .verify import SignatureReport, VerificationResult, verify_pdf

__all__ = [
    "AGENCY_FIELD",
    "DEV_AGENCY",
    "DEV_CA",
    "DEV_SEAL",
    "DEV_SIGNER",
    "SIGNER_FIELD",
    "STAMP_HEIGHT",
    "STAMP_WIDTH",
    "SignatureReport",
    "SigningError",
    "SigningIdentity",
    "StampBox",
    "VerificationResult",
    "agency_seal_png",
    "create_development_identity",
    "default_trust_roots",
    "find_stamp_box",
    "iso_vietnam",
    "load_certificates",
    "load_identity",
    "make_certificate",
    "pkcs12_bytes",
    "position_title",
    "seal_png",
    "sign_paper",
    "sign_pdf",
    "signing_time_text",
    "stamp_box_in",
    "verify_pdf",
]
