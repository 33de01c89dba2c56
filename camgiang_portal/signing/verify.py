"""Verifying a PDF's signatures for the public page: intact, valid, trusted, nothing added after the last."""

from __future__ import annotations

import datetime
import io
import logging
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .loop import off_event_loop
from .texts import VIETNAM, signing_time_text

logger = logging.getLogger(__name__)

MAX_PDF_BYTES = 20 * 1024 * 1024


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
    return off_event_loop(_verify_pdf, pdf_bytes, trust_roots)


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
