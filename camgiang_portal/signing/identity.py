"""Where the signing keys come from (a PKCS#12 file, a PKCS#11 token, the development identity) and what the
verification page trusts. Private keys stay in those files or on the token: never in the repository or the
database.

On a platform of many communes each issuer signs with its own identity: the issuer key is a commune's official
code ("10888") or "city" for the city's own papers, and `<SIGNING_ISSUERS_DIR>/<key>/` holds its `signer.p12`
and `agency.p12` (PKCS#12, password SIGNING_P12_PASSWORD, none for a development identity, which also has
`ca.pem` and `seal.png`). The home commune has no key (`issuance.agency.issuer_key` gives ""): it keeps the
configured identity, so a one-commune deployment is unchanged. An issuer without a `signer.p12` there does not
sign at all: its paper would carry another agency's certificate and so say that agency issued it. A deployment
that means every issuer to share the configured identity says so (SIGNING_SHARED_IDENTITY)."""

from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import pem as asn1_pem
from asn1crypto import x509 as asn1_x509
from django.conf import settings
from django.utils.translation import gettext as _

from .errors import SigningError

logger = logging.getLogger(__name__)

# The development identity's files in SIGNING_DIR (manage.py create_signing_identity).
DEV_CA = "ca.pem"
DEV_SIGNER = "signer.p12"
DEV_AGENCY = "agency.p12"
DEV_SEAL = "seal.png"


@dataclass
class SigningIdentity:
    """The two signers of a paper and where they came from ("p12", "pkcs11", "development")."""

    signer: object
    agency: object
    source: str
    closers: list = field(default_factory=list)

    def close(self) -> None:
        for close in self.closers:
            try:
                close()
            except Exception:  # noqa: BLE001 - closing a token session must never hide the real outcome
                logger.warning("Could not close a PKCS#11 session", exc_info=True)


# An issuer key names a directory: only a commune code or "city", never a path.
ISSUER_KEY = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


def signing_dir() -> Path:
    return Path(getattr(settings, "SIGNING_DIR", Path(settings.BASE_DIR) / "var" / "signing"))


def issuers_dir() -> Path:
    """Where each issuer's own identity lives (SIGNING_ISSUERS_DIR, default `<SIGNING_DIR>/issuers`)."""
    configured = getattr(settings, "SIGNING_ISSUERS_DIR", None)
    return Path(configured) if configured else signing_dir() / "issuers"


def issuer_dir(issuer: str) -> Path:
    """The directory of one issuer's identity (`issuer`: a commune's code or "city")."""
    if not ISSUER_KEY.match(issuer or ""):
        raise SigningError(_("Mã cơ quan ban hành không hợp lệ: %(key)s") % {"key": issuer})
    return issuers_dir() / issuer


def has_issuer_identity(issuer: str) -> bool:
    return bool(issuer) and (issuer_dir(issuer) / DEV_SIGNER).is_file()


def _password(value: str | bytes | None) -> bytes | None:
    if value in (None, ""):
        return None
    return value.encode() if isinstance(value, str) else value


def load_p12(path: str | Path, password: str | bytes | None):
    from pyhanko.sign import signers

    if not Path(path).is_file():
        raise SigningError(_("Không tìm thấy tệp chứng thư số %(path)s.") % {"path": path})
    try:
        signer = signers.SimpleSigner.load_pkcs12(str(path), passphrase=_password(password))
    except Exception as exc:  # noqa: BLE001 - pyHanko raises many kinds for a wrong password or file
        raise SigningError(
            _("Không mở được tệp chứng thư số %(path)s (sai mật khẩu hoặc tệp hỏng).") % {"path": path}
        ) from exc
    if signer is None:
        raise SigningError(_("Không mở được tệp chứng thư số %(path)s (sai mật khẩu hoặc tệp hỏng).") % {"path": path})
    return signer


def _pkcs11_identity(conf) -> SigningIdentity:
    try:
        from pyhanko.config.pkcs11 import TokenCriteria
        from pyhanko.sign import pkcs11
    except ImportError as exc:  # python-pkcs11 missing
        raise SigningError(_("Thiếu thư viện python-pkcs11 để ký bằng thiết bị ký số (token).")) from exc
    try:
        session = pkcs11.open_pkcs11_session(
            conf.SIGNING_PKCS11_MODULE,
            token_criteria=TokenCriteria(label=conf.SIGNING_PKCS11_TOKEN_LABEL or None),
            user_pin=conf.SIGNING_PKCS11_PIN or None,
        )
    except Exception as exc:  # noqa: BLE001 - a missing module, token or a wrong PIN
        raise SigningError(
            _("Không mở được thiết bị ký số (token): %(error)s") % {"error": str(exc) or type(exc).__name__}
        ) from exc
    key_label = conf.SIGNING_PKCS11_KEY_LABEL or None
    cert_label = conf.SIGNING_PKCS11_CERT_LABEL or key_label
    agency_key = getattr(conf, "SIGNING_PKCS11_AGENCY_KEY_LABEL", "") or key_label
    agency_cert = getattr(conf, "SIGNING_PKCS11_AGENCY_CERT_LABEL", "") or agency_key
    signer = pkcs11.PKCS11Signer(session, key_label=key_label, cert_label=cert_label)
    agency = pkcs11.PKCS11Signer(session, key_label=agency_key, cert_label=agency_cert)
    return SigningIdentity(signer=signer, agency=agency, source="pkcs11", closers=[session.close])


def _issuer_identity(issuer: str, conf) -> SigningIdentity:
    directory = issuer_dir(issuer)
    password = getattr(conf, "SIGNING_P12_PASSWORD", "")

    def load(path: Path):
        try:
            return load_p12(path, password)
        except SigningError:
            if not password:
                raise
            # A development identity has no password, whatever the real ones have.
            return load_p12(path, None)

    signer = load(directory / DEV_SIGNER)
    agency = load(directory / DEV_AGENCY) if (directory / DEV_AGENCY).is_file() else signer
    return SigningIdentity(signer=signer, agency=agency, source="issuer")


def load_identity(conf=None, issuer: str = "") -> SigningIdentity:
    """The identity `issuer` signs with: its own (`<SIGNING_ISSUERS_DIR>/<issuer>/`) if it has one, else the one
    this machine is configured with (see the module docstring for the order)."""
    conf = conf or settings
    if has_issuer_identity(issuer):
        return _issuer_identity(issuer, conf)
    if issuer and not getattr(conf, "SIGNING_SHARED_IDENTITY", False):
        # A paper signed with another agency's certificate would say that agency issued it.
        raise SigningError(
            _(
                "Cơ quan ban hành chưa có chứng thư số riêng nên chưa thể ký: Cổng không ký văn bản của cơ quan "
                "này bằng chứng thư của cơ quan khác. Quản trị viên cần cài chứng thư số của cơ quan vào thư mục "
                "SIGNING_ISSUERS_DIR/%(issuer)s, rồi ban hành lại."
            )
            % {"issuer": issuer}
        )
    p12 = getattr(conf, "SIGNING_P12", "")
    if p12:
        password = getattr(conf, "SIGNING_P12_PASSWORD", "")
        signer = load_p12(p12, password)
        agency_p12 = getattr(conf, "SIGNING_AGENCY_P12", "")
        agency = load_p12(agency_p12, getattr(conf, "SIGNING_AGENCY_P12_PASSWORD", "")) if agency_p12 else signer
        return SigningIdentity(signer=signer, agency=agency, source="p12")
    if getattr(conf, "SIGNING_PKCS11_MODULE", ""):
        return _pkcs11_identity(conf)
    directory = signing_dir()
    if not (directory / DEV_SIGNER).is_file():
        raise SigningError(
            _(
                "Chưa có chứng thư số để ký. Quản trị viên cần cấu hình SIGNING_P12 hoặc chạy lệnh "
                "create_signing_identity."
            )
        )
    return SigningIdentity(
        signer=load_p12(directory / DEV_SIGNER, None),
        agency=load_p12(directory / DEV_AGENCY, None),
        source="development",
    )


@contextmanager
def identity_in_use(identity: SigningIdentity | None = None, issuer: str = ""):
    """The identity given, else `issuer`'s (or the configured one), closed afterwards when this opened it."""
    if identity is not None:
        yield identity
        return
    loaded = load_identity(issuer=issuer)
    try:
        yield loaded
    finally:
        loaded.close()


def load_certificates(path: str | Path) -> list[asn1_x509.Certificate]:
    """Every certificate of a PEM or DER file."""
    data = Path(path).read_bytes()
    if asn1_pem.detect(data):
        return [asn1_x509.Certificate.load(der) for _type, _headers, der in asn1_pem.unarmor(data, multiple=True)]
    return [asn1_x509.Certificate.load(data)]


def default_trust_roots() -> list[asn1_x509.Certificate]:
    """What the public verification page trusts: `SIGNING_TRUST_ROOTS` files, else the development CAs (the
    home one in SIGNING_DIR and every issuer's `<SIGNING_ISSUERS_DIR>/*/ca.pem`)."""
    paths = list(getattr(settings, "SIGNING_TRUST_ROOTS", []) or [])
    if not paths:
        if (signing_dir() / DEV_CA).is_file():
            paths.append(signing_dir() / DEV_CA)
        if issuers_dir().is_dir():
            paths.extend(sorted(issuers_dir().glob(f"*/{DEV_CA}")))
    roots: list[asn1_x509.Certificate] = []
    for path in paths:
        try:
            roots.extend(load_certificates(path))
        except (OSError, ValueError):
            logger.warning("Could not read trust root %s", path)
    return roots
