"""Where the signer's stamp and the agency's seal go on the page: in the blank signature space the paper's
layout left, else under the paper's stamp anchor, else the lower right of the last page."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .errors import SigningError

logger = logging.getLogger(__name__)

MM = 72 / 25.4
# Where the paper's layout leaves room for the signer's stamp: an element with this id (WeasyPrint
# writes every id as a named destination at its top-left corner).
STAMP_ANCHOR = "vung-ky-so"
STAMP_WIDTH = 70 * MM
STAMP_HEIGHT = 24 * MM
SEAL_DIAMETER = 34 * MM


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
        pages = page_refs(reader)
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


def page_refs(reader) -> list:
    """The indirect references of every page, in order (a page tree may nest)."""
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
    page = page_refs(reader)[index].get_object()
    box = page.get("/MediaBox") or [0, 0, 595.28, 841.89]
    return float(box[2]) - float(box[0])
