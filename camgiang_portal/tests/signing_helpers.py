"""Helpers for signing tests: a development identity made once per test session, and a small PDF."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from weasyprint import HTML

from camgiang_portal import signing

AGENCY = "Ủy ban nhân dân xã Cẩm Giang"
SIGNER = "Vũ Mạnh Huy"

SIGNATURE_PAGE = """<html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 20mm 15mm 20mm 30mm; } body { font-family: "Liberation Serif"; font-size: 14pt; }
.sign { width: 50%; margin-left: 50%; text-align: center; font-weight: bold; }
.space { height: 28mm; } .slot { display: inline-block; width: 70mm; height: 24mm; }
</style></head><body><p>Nội dung thử nghiệm.</p>
<div class="sign"><p>KT. CHỦ TỊCH<br>PHÓ CHỦ TỊCH</p>
<div class="space"><span class="slot" id="vung-ky-so"></span></div><p>Vũ Mạnh Huy</p></div>
</body></html>"""


@cache
def sample_pdf() -> bytes:
    return HTML(string=SIGNATURE_PAGE).write_pdf()


def make_identity(directory: Path, *, agency: str = AGENCY, signer: str = SIGNER) -> Path:
    if not (directory / signing.DEV_SIGNER).is_file():
        signing.create_development_identity(directory, agency_name=agency, signer_name=signer)
    return directory


def sign_sample(pdf: bytes | None = None, **kwargs) -> bytes:
    pdf = pdf or sample_pdf()
    return signing.sign_pdf(
        pdf,
        signer_name=SIGNER,
        position="Phó Chủ tịch",
        agency_name=AGENCY,
        seal_png=signing.agency_seal_png(AGENCY),
        box=signing.find_stamp_box(pdf),
        **kwargs,
    )
