"""The signed plan as a viewer shows it: the last page, rendered by poppler, has the red seal in the signature block."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from PIL import Image
from pyhanko.pdf_utils.reader import PdfFileReader

from camgiang_portal import signing
from issuance import services

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (Debian package poppler-utils) is not installed"),
]

DPI = 50


def page_png(pdf: bytes, page: int, tmp_path) -> Image.Image:
    source = tmp_path / "signed.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-f", str(page), "-l", str(page), "-png", str(source), str(tmp_path / "page")],
        check=True,
        capture_output=True,
    )
    (png,) = sorted(tmp_path.glob("page*.png"))
    return Image.open(png).convert("RGB")


def is_seal_red(pixel) -> bool:
    r, g, b = pixel
    return r > 170 and g < 110 and b < 110


def red_pixels(image: Image.Image, box: tuple[int, int, int, int]) -> int:
    return sum(1 for pixel in image.crop(box).get_flattened_data() if is_seal_red(pixel))


def test_signed_plan_shows_the_seal_in_the_signature_block(plan, signing_identity, tmp_path):
    document = services.plan_issue(plan=plan, by=None)
    signed = document.file.read()
    stamp = signing.find_stamp_box(signed)
    pages = signing._page_refs(PdfFileReader(io.BytesIO(signed)))
    assert stamp.page == len(pages) - 1, "the stamp belongs on the last page"
    image = page_png(signed, stamp.page + 1, tmp_path)
    scale = DPI / 72
    height_pt = image.height / scale
    seal = stamp.seal_box()
    seal_px = (
        int(seal.x1 * scale), int((height_pt - seal.y2) * scale), int(seal.x2 * scale) + 1, int((height_pt - seal.y1) * scale) + 1,
    )
    area = (seal_px[2] - seal_px[0]) * (seal_px[3] - seal_px[1])
    assert red_pixels(image, seal_px) > area * 0.04
    # The seal is in the signature block (right half, lower part of the page), nowhere else.
    assert seal_px[0] > image.width * 0.4
    outside = red_pixels(image, (0, 0, image.width, image.height)) - red_pixels(image, seal_px)
    assert outside < area * 0.02
    # The signer's stamp text (blue) sits to the right of the seal, in the stamp box.
    stamp_px = (int(seal.x2 * scale), int((height_pt - stamp.y2) * scale), int(stamp.x2 * scale), int((height_pt - stamp.y1) * scale))
    blue = sum(1 for r, g, b in image.crop(stamp_px).get_flattened_data() if b > 120 and r < 110)
    assert blue > 20
    image.save(tmp_path / "last-page.png")
