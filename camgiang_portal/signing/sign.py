"""Signing a paper twice, as Decree 30 describes a digitally signed document: the signer's visible stamp in the
signature block, then the agency's seal over its left third; both `/ETSI.CAdES.detached` (PAdES)."""

from __future__ import annotations

import datetime
import io
import logging

from django.conf import settings
from django.utils.translation import gettext as _

from .errors import SigningError
from .fonts import STAMP_FONT_CANDIDATES, first_existing
from .identity import SigningIdentity, identity_in_use
from .loop import off_event_loop
from .seal import agency_seal_png
from .stamp_box import StampBox, find_stamp_box, stamp_box_in
from .texts import signing_time_text

logger = logging.getLogger(__name__)

STAMP_FONT_SIZE = 10
SIGNER_FIELD = "ChuKyNguoiKy"
AGENCY_FIELD = "ChuKyCoQuan"


def timestamper():
    """The time-stamping authority of SIGNING_TIMESTAMP_URL, else none (the signer's clock is the time)."""
    url = getattr(settings, "SIGNING_TIMESTAMP_URL", "")
    if not url:
        return None
    from pyhanko.sign import timestamps

    return timestamps.HTTPTimeStamper(url)


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
        timestamper=timestamper(),
        stamp_style=style,
        new_field_spec=fields.SigFieldSpec(sig_field_name=field_name, on_page=box.page, box=box.rect()),
    )
    out = io.BytesIO()
    pdf_signer.sign_pdf(writer, appearance_text_params=text_params, output=out)
    return out.getvalue()


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
    location: str | None = None,
    issuer: str = "",
) -> bytes:
    """The paper signed twice: the signer's visible stamp in `box`, then the agency's seal over its left third.

    `identity` defaults to `issuer`'s own (a commune's code or "city", see identity.py) or the configured one;
    `when` is the signing time the stamp shows (now); `location` the
    place the signatures record (SIGNING_LOCATION).
    """
    return off_event_loop(
        _sign_pdf,
        pdf_bytes,
        signer_name=signer_name,
        position=position,
        agency_name=agency_name,
        seal_png=seal_png,
        box=box,
        identity=identity,
        when=when,
        location=location,
        issuer=issuer,
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
    location: str | None = None,
    issuer: str = "",
) -> bytes:
    from pyhanko import stamp
    from pyhanko.pdf_utils import images, text
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory

    if not pdf_bytes.lstrip()[:5] == b"%PDF-":
        raise SigningError(_("Tệp cần ký không phải là PDF."))
    moment = when or datetime.datetime.now(datetime.UTC)
    font = GlyphAccumulatorFactory(str(first_existing(STAMP_FONT_CANDIDATES)), font_size=STAMP_FONT_SIZE)
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
    if location is None:
        location = getattr(settings, "SIGNING_LOCATION", "")
    with identity_in_use(identity, issuer) as ident:
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


def sign_paper(
    pdf_bytes: bytes,
    *,
    signature_space=None,
    signer_name: str,
    position: str,
    identity: SigningIdentity | None = None,
    when: datetime.datetime | None = None,
    agency_name: str | None = None,
    location: str | None = None,
    issuer: str = "",
) -> bytes:
    """An official paper signed for an agency: `agency_name` (a commune's People's Committee, which its seal
    carries; default SIGNING_AGENCY_NAME) at `location` (default SIGNING_LOCATION), with `issuer`'s own identity
    when it has one (its certificates name the same agency). The step issuing and the command line share.

    `signature_space` is the blank the layout left under the signer's position (a
    `camgiang_portal.documents.SignatureBox`: `page` and `box`); the stamp is centred in it. Without one, the
    stamp goes where `find_stamp_box` finds room.
    """
    if signature_space is not None:
        box = stamp_box_in(signature_space.page, signature_space.box)
    else:
        box = find_stamp_box(pdf_bytes)
    agency = agency_name or settings.SIGNING_AGENCY_NAME
    return sign_pdf(
        pdf_bytes,
        signer_name=signer_name,
        position=position,
        agency_name=agency,
        seal_png=agency_seal_png(agency),
        box=box,
        identity=identity,
        when=when,
        location=location,
        issuer=issuer,
    )
