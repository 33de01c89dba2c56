"""The signed plan as a viewer shows it: the last page, rendered by poppler, has the red seal in the signature block."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from PIL import Image
from pyhanko.pdf_utils.reader import PdfFileReader

from camgiang_portal import signing
from camgiang_portal.actors import SYSTEM
from camgiang_portal.signing.stamp_box import page_refs
from issuance import services
from plans.documents import plan_pdf

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        shutil.which("pdftoppm") is None, reason="pdftoppm (Debian package poppler-utils) is not installed"
    ),
]

DPI = 50


def page_png(pdf: bytes, page: int, tmp_path) -> Image.Image:
    """Page `page` (from 1) as poppler draws it: `pdftoppm -r 50 -f N -l N`."""
    source = tmp_path / "signed.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-f", str(page), "-l", str(page), "-png", str(source), str(tmp_path / "page")],
        check=True,
        capture_output=True,
    )
    (png,) = sorted(tmp_path.glob("page*.png"))
    return Image.open(png).convert("RGB")


def widgets(pdf: bytes) -> tuple[int, dict[str, tuple[int, tuple[float, ...]]]]:
    """The page count and each signature field's page (from 0) and rectangle, read back from the signed file."""
    reader = PdfFileReader(io.BytesIO(pdf))
    pages = page_refs(reader)
    found = {}
    for sig in reader.embedded_signatures:
        field = sig.sig_field
        page_ref = field.raw_get("/P")
        page = next(i for i, ref in enumerate(pages) if ref.idnum == page_ref.idnum)
        found[sig.field_name] = (page, tuple(float(v) for v in field["/Rect"]))
    return len(pages), found


def to_pixels(rect, page_height_px: int) -> tuple[int, int, int, int]:
    scale = DPI / 72
    x1, y1, x2, y2 = rect
    return int(x1 * scale), int(page_height_px - y2 * scale), int(x2 * scale) + 1, int(page_height_px - y1 * scale) + 1


def count(image: Image.Image, box, test) -> int:
    return sum(1 for pixel in image.crop(box).get_flattened_data() if test(pixel))


def is_seal_red(pixel) -> bool:
    r, g, b = pixel
    return r > 170 and g < 110 and b < 110


def is_stamp_blue(pixel) -> bool:
    r, g, b = pixel
    return b > 120 and r < 110


@pytest.fixture(params=["small", "demo"])
def any_plan(request, demo):
    if request.param == "demo":
        return demo.demo_plan()
    return request.getfixturevalue("plan")


def test_signed_plan_shows_the_seal_in_the_signature_block(any_plan, signing_identity, tmp_path):
    plan = any_plan
    document = services.plan_issue(plan=plan, by=SYSTEM)
    signed = document.file.read()
    page_count, fields = widgets(signed)
    stamp_page, stamp_rect = fields[signing.SIGNER_FIELD]
    seal_page, seal_rect = fields[signing.AGENCY_FIELD]
    assert stamp_page == seal_page == page_count - 1, "both signatures belong on the last page"

    # The signature block of the same layout: the blank under "PHÓ CHỦ TỊCH", above the signer's name.
    space = plan_pdf(plan).signature_box
    assert space.page == stamp_page
    sx1, sy1, sx2, sy2 = space.box
    assert sx1 <= stamp_rect[0] and stamp_rect[2] <= sx2 and sy1 <= stamp_rect[1] and stamp_rect[3] <= sy2
    # The seal covers the left third of the signer's stamp.
    assert seal_rect[0] < stamp_rect[0] < seal_rect[2] <= stamp_rect[0] + (stamp_rect[2] - stamp_rect[0]) / 3 + 1

    image = page_png(signed, stamp_page + 1, tmp_path)
    image.save(tmp_path / "last-page.png")
    seal_px = to_pixels(seal_rect, image.height)
    area = (seal_px[2] - seal_px[0]) * (seal_px[3] - seal_px[1])
    assert count(image, seal_px, is_seal_red) > area * 0.04
    # Red appears nowhere else on the page: the seal is in the signature block, not somewhere stray.
    elsewhere = count(image, (0, 0, image.width, image.height), is_seal_red) - count(image, seal_px, is_seal_red)
    assert elsewhere < area * 0.02
    assert seal_px[0] > image.width * 0.4, "right half of the page, where Decree 30 puts the signature"
    # The signer's stamp text (blue) shows to the right of the seal.
    stamp_px = to_pixels((seal_rect[2], stamp_rect[1], stamp_rect[2], stamp_rect[3]), image.height)
    assert count(image, stamp_px, is_stamp_blue) > 20


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_issued_plan_pdf_carries_its_number_and_date(plan, signing_identity, tmp_path):
    document = services.plan_issue(plan=plan, by=SYSTEM)
    source = tmp_path / "signed.pdf"
    source.write_bytes(document.file.read())
    first_page = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(source), "-"], check=True, capture_output=True, text=True
    ).stdout
    plan.refresh_from_db()
    assert f"Số: {document.symbol}" in " ".join(first_page.split())
    assert plan.date_line.replace("\u00a0", " ") in " ".join(first_page.split())
