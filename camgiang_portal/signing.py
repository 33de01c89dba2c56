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
Private keys stay in those files or on the token: never in the repository or the database.
"""

from __future__ import annotations

import asyncio
import datetime
import io
import logging
import math
import os
import zoneinfo
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import pem as asn1_pem
from asn1crypto import x509 as asn1_x509
from django.conf import settings
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

VIETNAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
MM = 72 / 25.4
# Noto Serif has 1000 units per em: pyHanko 0.38 writes glyph widths unscaled, so a 2048-unit font
# (Liberation, DejaVu) would come out letter-spaced twice too wide.
STAMP_FONT_CANDIDATES = (
    Path(settings.BASE_DIR) / "static" / "fonts" / "NotoSerif-Regular.ttf",
    Path("/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf"),
)
SEAL_FONT_CANDIDATES = (
    Path(settings.BASE_DIR) / "static" / "fonts" / "NotoSerif-Bold.ttf",
    Path("/usr/share/fonts/truetype/noto/NotoSerif-Bold.ttf"),
    Path(settings.BASE_DIR) / "static" / "fonts" / "LiberationSerif-Bold.ttf",
)
STAMP_FONT_SIZE = 10
SIGNER_FIELD = "ChuKyNguoiKy"
AGENCY_FIELD = "ChuKyCoQuan"
# Where the paper's layout leaves room for the signer's stamp: an element with this id (WeasyPrint
# writes every id as a named destination at its top-left corner).
STAMP_ANCHOR = "vung-ky-so"
STAMP_WIDTH = 70 * MM
STAMP_HEIGHT = 24 * MM
SEAL_DIAMETER = 34 * MM
SEAL_RED = (218, 37, 29)
MAX_PDF_BYTES = 20 * 1024 * 1024

DEV_CA = "ca.pem"
DEV_SIGNER = "signer.p12"
DEV_AGENCY = "agency.p12"
DEV_SEAL = "seal.png"


class SigningError(Exception):
    """The paper cannot be signed (no identity, a locked token, a broken PDF); the message is for people."""


@dataclass(frozen=True)
class StampBox:
    """Where the signer's stamp goes: a page index (-1 = last) and a rectangle in PDF points."""

    page: int
    x1: float
    y1: float
    x2: float
    y2: float

    @property
    def width(self) -> float:
        return self.x2 - self.x1

    @property
    def height(self) -> float:
        return self.y2 - self.y1

    def seal_box(self, diameter: float = SEAL_DIAMETER) -> StampBox:
        """The seal: its right part over the left third of the stamp, vertically centred on it."""
        right = self.x1 + self.width / 3
        middle = (self.y1 + self.y2) / 2
        return StampBox(self.page, right - diameter, middle - diameter / 2, right, middle + diameter / 2)

    def rect(self) -> tuple[int, int, int, int]:
        return (round(self.x1), round(self.y1), round(self.x2), round(self.y2))


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


# --- identity -------------------------------------------------------------------------------------


def signing_dir() -> Path:
    return Path(getattr(settings, "SIGNING_DIR", Path(settings.BASE_DIR) / "var" / "signing"))


def _password(value: str | bytes | None) -> bytes | None:
    if value in (None, ""):
        return None
    return value.encode() if isinstance(value, str) else value


def _load_p12(path: str | Path, password: str | bytes | None):
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


def load_identity(conf=None) -> SigningIdentity:
    """The signing identity this machine is configured with (see the module docstring for the order)."""
    conf = conf or settings
    p12 = getattr(conf, "SIGNING_P12", "")
    if p12:
        password = getattr(conf, "SIGNING_P12_PASSWORD", "")
        signer = _load_p12(p12, password)
        agency_p12 = getattr(conf, "SIGNING_AGENCY_P12", "")
        agency = _load_p12(agency_p12, getattr(conf, "SIGNING_AGENCY_P12_PASSWORD", "")) if agency_p12 else signer
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
        signer=_load_p12(directory / DEV_SIGNER, None),
        agency=_load_p12(directory / DEV_AGENCY, None),
        source="development",
    )


@contextmanager
def identity_in_use(identity: SigningIdentity | None = None):
    """The configured identity (or the one given), closed afterwards when this opened it."""
    if identity is not None:
        yield identity
        return
    loaded = load_identity()
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
    """What the public verification page trusts: `SIGNING_TRUST_ROOTS` files, else the development CA."""
    paths = list(getattr(settings, "SIGNING_TRUST_ROOTS", []) or [])
    if not paths and (signing_dir() / DEV_CA).is_file():
        paths = [signing_dir() / DEV_CA]
    roots: list[asn1_x509.Certificate] = []
    for path in paths:
        try:
            roots.extend(load_certificates(path))
        except (OSError, ValueError):
            logger.warning("Could not read trust root %s", path)
    return roots


# --- the development identity ---------------------------------------------------------------------


def _name(common_name: str, organisation: str):
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
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


# --- the seal -------------------------------------------------------------------------------------


def _first_existing(candidates) -> Path:
    for path in candidates:
        if Path(path).is_file():
            return Path(path)
    raise SigningError(_("Thiếu phông chữ Noto Serif (gói fonts-noto-core) để vẽ con dấu và chữ ký."))


def seal_png(agency_name: str, *, size: int = 480) -> bytes:
    """The agency's round red seal, transparent around it: the name around the rim, a star in the middle."""
    from PIL import Image, ImageDraw, ImageFont

    scale = 2  # draw large, shrink once: smooth edges
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    red = (*SEAL_RED, 255)
    centre = big / 2
    outer = big / 2 - 4 * scale
    draw.ellipse([centre - outer, centre - outer, centre + outer, centre + outer], outline=red, width=9 * scale)
    inner = outer * 0.68
    draw.ellipse([centre - inner, centre - inner, centre + inner, centre + inner], outline=red, width=4 * scale)
    # Five-pointed star in the middle, as on a Vietnamese state seal.
    star_r, star_in = inner * 0.62, inner * 0.25
    points = []
    for index in range(10):
        radius = star_r if index % 2 == 0 else star_in
        angle = -math.pi / 2 + index * math.pi / 5
        points.append((centre + radius * math.cos(angle), centre + radius * math.sin(angle)))
    draw.polygon(points, fill=red)
    # The name around the rim, clockwise from the left, each letter turned to face outwards.
    font = ImageFont.truetype(str(_first_existing(SEAL_FONT_CANDIDATES)), int(big * 0.072))
    text = " ".join(agency_name.upper().split())
    ring = (outer + inner) / 2
    span = math.radians(300)
    start = -math.pi / 2 - span / 2
    step = span / max(len(text) - 1, 1)
    for index, char in enumerate(text):
        if char == " ":
            continue
        angle = start + index * step
        box = font.getbbox(char)
        glyph = Image.new("RGBA", (box[2] + 8 * scale, int(big * 0.16)), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((4 * scale, glyph.height * 0.62), char, font=font, fill=red, anchor="ms")
        rotated = glyph.rotate(-math.degrees(angle) - 90, resample=Image.BICUBIC, expand=True)
        x = centre + ring * math.cos(angle) - rotated.width / 2
        y = centre + ring * math.sin(angle) - rotated.height / 2
        image.alpha_composite(rotated, (int(x), int(y)))
    out = io.BytesIO()
    image.resize((size, size), Image.LANCZOS).save(out, format="PNG")
    return out.getvalue()


def agency_seal_png(agency_name: str) -> bytes:
    """The seal made with the identity, else one drawn now."""
    path = signing_dir() / DEV_SEAL
    if path.is_file():
        return path.read_bytes()
    return seal_png(agency_name)


# --- signing --------------------------------------------------------------------------------------


def stamp_box_in(page: int, space: tuple[float, float, float, float]) -> StampBox:
    """The signer's stamp centred in the blank signature space the layout left (x1, y1, x2, y2 in points)."""
    x1, y1, x2, y2 = space
    width, height = min(STAMP_WIDTH, x2 - x1), min(STAMP_HEIGHT, y2 - y1)
    left, bottom = (x1 + x2 - width) / 2, (y1 + y2 - height) / 2
    return StampBox(page, left, bottom, left + width, bottom + height)


def find_stamp_box(pdf_bytes: bytes, anchor: str = STAMP_ANCHOR) -> StampBox:
    """The stamp's place: below the anchor the layout left for it, else the lower right of the last page."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        pages = _page_refs(reader)
    except Exception as exc:  # noqa: BLE001 - anything that is not a readable PDF
        raise SigningError(_("Tệp cần ký không phải là PDF đọc được.")) from exc
    try:
        names = reader.root["/Names"]["/Dests"]["/Names"]
        for index in range(0, len(names), 2):
            if str(names[index]) == anchor:
                dest = names[index + 1]
                dest = dest["/D"] if hasattr(dest, "keys") else dest
                page_ref = dest.raw_get(0) if hasattr(dest, "raw_get") else dest[0]
                page = next(i for i, ref in enumerate(pages) if ref.idnum == page_ref.idnum)
                x, y = float(dest[2]), float(dest[3])
                return StampBox(page, x, y - STAMP_HEIGHT, x + STAMP_WIDTH, y)
    except (KeyError, IndexError, StopIteration, TypeError, AttributeError):
        logger.info("No stamp anchor %r in the PDF; using the lower right of the last page", anchor)
    width = _page_width(reader, len(pages) - 1)
    right = width - 20 * MM
    return StampBox(len(pages) - 1, right - STAMP_WIDTH, 45 * MM, right, 45 * MM + STAMP_HEIGHT)


def _page_refs(reader) -> list:
    refs: list = []

    def walk(node_ref):
        node = node_ref.get_object()
        if node.get("/Type") == "/Pages" or "/Kids" in node:
            for kid in node.raw_get("/Kids"):
                walk(kid)
        else:
            refs.append(node_ref)

    walk(reader.root.raw_get("/Pages"))
    return refs


def _page_width(reader, index: int) -> float:
    page = _page_refs(reader)[index].get_object()
    box = page.get("/MediaBox") or [0, 0, 595.28, 841.89]
    return float(box[2]) - float(box[0])


def _timestamper():
    url = getattr(settings, "SIGNING_TIMESTAMP_URL", "")
    if not url:
        return None
    from pyhanko.sign import timestamps

    return timestamps.HTTPTimeStamper(url)


def position_title(position: str) -> str:
    """ "Phó Chủ tịch" from "PHÓ CHỦ TỊCH": the stamp writes the position as a title, not in capitals."""
    text = " ".join(position.split())
    if not text.isupper():
        return text
    text = text.lower().replace("chủ tịch", "Chủ tịch")
    return text[:1].upper() + text[1:]


def iso_vietnam(moment: datetime.datetime) -> str:
    """ "2026-01-05T09:30:00+07:00": ISO 8601 in the Vietnam time zone, for machines (logs, data)."""
    return moment.astimezone(VIETNAM).isoformat(timespec="seconds")


def signing_time_text(moment: datetime.datetime) -> str:
    """ "05/01/2026 09:30:00 +07:00": the signing time as people read it (day first, local time).

    TT 01/2019/TT-BNV asks the stamp for the day, month, year, hour, minute and second with the Vietnam time
    zone as in ISO 8601, so the seconds and the offset stay; the rest reads as every Vietnamese stamp does."""
    local = moment.astimezone(VIETNAM)
    offset = local.strftime("%z")
    return f"{local:%d/%m/%Y %H:%M:%S} {offset[:3]}:{offset[3:]}"


def _sign_once(pdf_bytes: bytes, *, signer, field_name: str, box: StampBox, style, text_params, name, reason, location):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        name=name,
        reason=reason,
        location=location,
    )
    pdf_signer = signers.PdfSigner(
        meta,
        signer=signer,
        timestamper=_timestamper(),
        stamp_style=style,
        new_field_spec=fields.SigFieldSpec(sig_field_name=field_name, on_page=box.page, box=box.rect()),
    )
    out = io.BytesIO()
    pdf_signer.sign_pdf(writer, appearance_text_params=text_params, output=out)
    return out.getvalue()


def _off_event_loop(function, /, *args, **kwargs):
    """Run pyHanko's sync API, which calls asyncio.run(), even from a thread that already runs a loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


def sign_pdf(
    pdf_bytes: bytes,
    *,
    signer_name: str,
    position: str,
    agency_name: str,
    seal_png: bytes,
    box: StampBox,
    identity: SigningIdentity | None = None,
    when: datetime.datetime | None = None,
) -> bytes:
    """The paper signed twice: the signer's visible stamp in `box`, then the agency's seal over its left third.

    `identity` defaults to the configured one; `when` is the signing time the stamp shows (now).
    """
    return _off_event_loop(
        _sign_pdf,
        pdf_bytes,
        signer_name=signer_name,
        position=position,
        agency_name=agency_name,
        seal_png=seal_png,
        box=box,
        identity=identity,
        when=when,
    )


def _sign_pdf(
    pdf_bytes: bytes,
    *,
    signer_name: str,
    position: str,
    agency_name: str,
    seal_png: bytes,
    box: StampBox,
    identity: SigningIdentity | None = None,
    when: datetime.datetime | None = None,
) -> bytes:
    from pyhanko import stamp
    from pyhanko.pdf_utils import images, text
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory

    if not pdf_bytes.lstrip()[:5] == b"%PDF-":
        raise SigningError(_("Tệp cần ký không phải là PDF."))
    moment = when or datetime.datetime.now(datetime.UTC)
    font = GlyphAccumulatorFactory(str(_first_existing(STAMP_FONT_CANDIDATES)), font_size=STAMP_FONT_SIZE)
    signer_style = stamp.TextStampStyle(
        stamp_text=_("Người ký: %(signer_name)s\nChức vụ: %(position)s\nThời gian ký: %(signing_time)s"),
        text_box_style=text.TextBoxStyle(font=font, font_size=STAMP_FONT_SIZE, text_color=(0.05, 0.15, 0.6)),
        border_width=0,
        background=None,
    )
    from PIL import Image

    seal_image = Image.open(io.BytesIO(seal_png)).convert("RGBA")
    agency_style = stamp.StaticStampStyle(
        background=images.PdfImage(seal_image), background_opacity=1.0, border_width=0
    )
    location = getattr(settings, "SIGNING_LOCATION", "")
    with identity_in_use(identity) as ident:
        try:
            once = _sign_once(
                pdf_bytes,
                signer=ident.signer,
                field_name=SIGNER_FIELD,
                box=box,
                style=signer_style,
                text_params={
                    "signer_name": signer_name,
                    "position": position,
                    "agency": agency_name,
                    "signing_time": signing_time_text(moment),
                },
                name=signer_name,
                reason=_("Ký ban hành văn bản"),
                location=location,
            )
            return _sign_once(
                once,
                signer=ident.agency,
                field_name=AGENCY_FIELD,
                box=box.seal_box(),
                style=agency_style,
                text_params={},
                name=agency_name,
                reason=_("Cơ quan ban hành ký số, đóng dấu"),
                location=location,
            )
        except SigningError:
            raise
        except Exception as exc:  # noqa: BLE001 - a broken PDF or a token error: say so, never a half-signed file
            logger.exception("Signing failed")
            raise SigningError(_("Không ký được văn bản: %(error)s") % {"error": exc}) from exc


# --- verification ---------------------------------------------------------------------------------


@dataclass
class SignatureReport:
    """One signature of a PDF, as the verification page shows it."""

    field_name: str
    signer_name: str = ""
    signing_time: datetime.datetime | None = None
    intact: bool = False
    valid: bool = False
    trusted: bool = False
    covers_whole_file: bool = False
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.trusted and not self.errors

    @property
    def signing_time_text(self) -> str:
        return signing_time_text(self.signing_time) if self.signing_time else ""


@dataclass
class VerificationResult:
    """What a PDF's signatures say: `ok` only when every one is intact, valid and trusted, nothing added after."""

    is_pdf: bool = False
    broken_signature: bool = False
    signatures: list[SignatureReport] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def signed(self) -> bool:
        return bool(self.signatures)

    @property
    def ok(self) -> bool:
        return (
            self.is_pdf
            and self.signed
            and not self.errors
            and all(s.ok for s in self.signatures)
            and self.signatures[-1].covers_whole_file
        )


def _common_name(cert) -> str:
    try:
        return cert.subject.native.get("common_name", "") or cert.subject.human_friendly
    except Exception:  # noqa: BLE001
        return ""


def verify_pdf(pdf_bytes: bytes, trust_roots=None) -> VerificationResult:
    """Check every signature of a PDF against `trust_roots`; never raises, whatever the bytes."""
    return _off_event_loop(_verify_pdf, pdf_bytes, trust_roots)


def _verify_pdf(pdf_bytes: bytes, trust_roots=None) -> VerificationResult:
    result = VerificationResult()
    if not isinstance(pdf_bytes, bytes | bytearray) or b"%PDF-" not in bytes(pdf_bytes[:1024]):
        result.errors.append(_("Tệp không phải là PDF."))
        return result
    if len(pdf_bytes) > MAX_PDF_BYTES:
        result.errors.append(_("Tệp quá lớn để kiểm tra."))
        return result
    try:
        from pyhanko.pdf_utils.reader import PdfFileReader

        reader = PdfFileReader(io.BytesIO(bytes(pdf_bytes)), strict=False)
        reader.root  # noqa: B018 - reading the catalogue proves the file is a PDF at all
    except Exception:  # noqa: BLE001 - any malformed PDF
        logger.info("Unreadable PDF in verification", exc_info=True)
        result.errors.append(_("Tệp PDF bị hỏng hoặc không đọc được."))
        return result
    result.is_pdf = True
    try:
        embedded = list(reader.embedded_signatures)
    except Exception:  # noqa: BLE001 - a signature whose CMS data cannot even be parsed
        logger.info("Unparsable signature in verification", exc_info=True)
        result.broken_signature = True
        result.errors.append(_("Tệp có chữ ký số bị hỏng hoặc bị làm giả (không đọc được dữ liệu chữ ký)."))
        return result
    if not embedded:
        result.errors.append(_("Tệp không có chữ ký số."))
        return result
    for sig in embedded:
        result.signatures.append(_verify_one(sig, list(trust_roots or [])))
    return result


def _verify_one(sig, trust_roots) -> SignatureReport:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko_certvalidator import ValidationContext

    report = SignatureReport(field_name=str(getattr(sig, "field_name", "") or ""))
    try:
        report.signer_name = _common_name(sig.signer_cert)
    except Exception:  # noqa: BLE001
        pass
    try:
        context = ValidationContext(trust_roots=trust_roots, allow_fetching=False)
        status = validate_pdf_signature(sig, context)
    except SignatureValidationError:
        report.errors.append(_("Chữ ký số không hợp lệ hoặc bị làm giả."))
        return report
    except Exception:  # noqa: BLE001 - a forged CMS blob can break the parser anywhere
        logger.info("Signature could not be validated", exc_info=True)
        report.errors.append(_("Không đọc được chữ ký số (dữ liệu chữ ký bị hỏng hoặc bị làm giả)."))
        return report
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    report.intact = bool(status.intact)
    report.valid = bool(status.valid)
    report.trusted = bool(status.trusted)
    report.signer_name = _common_name(status.signing_cert) or report.signer_name
    moment = status.timestamp_validity.timestamp if status.timestamp_validity else status.signer_reported_dt
    report.signing_time = moment.astimezone(VIETNAM) if moment else None
    report.covers_whole_file = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    if not report.intact:
        report.errors.append(_("Nội dung văn bản đã bị thay đổi sau khi ký."))
    elif not report.valid:
        report.errors.append(_("Chữ ký số không hợp lệ."))
    if report.intact and report.valid and not report.trusted:
        report.errors.append(
            _("Chứng thư số của người ký không được tin cậy (không do cơ quan chứng thực được công nhận cấp).")
        )
    if getattr(status, "docmdp_ok", True) is False:
        report.errors.append(_("Văn bản bị sửa đổi không được phép sau khi ký."))
    return report
