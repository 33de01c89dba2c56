"""Turns uploaded bytes (.docx, or text in UTF-8 / UTF-16 with a BOM) into plan text."""

from __future__ import annotations

import io
import unicodedata
import zipfile

from .model import ParsedPlan, PlanParseError
from .parser import parse_plan

EMPTY = "Tệp trống."
NOT_TEXT = "Tệp không phải văn bản UTF-8 hoặc .docx."
_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]
_ALLOWED_CONTROLS = set("\t\n\r\f\v")


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, ValueError):
        return False


def _mostly_binary(text: str) -> bool:
    """Control or unassigned characters are rare in a typed plan; in binary junk they abound."""
    odd = sum(
        1
        for c in text
        if (unicodedata.category(c) in ("Cc", "Cn", "Co", "Cs") and c not in _ALLOWED_CONTROLS) or c == "\ufffd"
    )
    return odd > max(2, len(text) // 100)


def _decode(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise PlanParseError(NOT_TEXT) from exc
    # NUL bytes mean binary data or UTF-16 without a BOM; neither can be read reliably.
    if b"\x00" in data:
        raise PlanParseError(NOT_TEXT)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PlanParseError(NOT_TEXT) from exc


def read_plan_source(data: bytes, filename: str = "") -> str:
    """The plan's text from an uploaded file, judged by content rather than by the file name."""
    if not data or not data.strip():
        raise PlanParseError(EMPTY)
    if data.startswith(b"PK\x03\x04"):
        if _is_docx(data):
            from .docx import docx_to_text  # python-docx is only needed for Word files

            text = docx_to_text(data)
            if not text.strip():
                raise PlanParseError(EMPTY)
            return text
        raise PlanParseError(NOT_TEXT)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise PlanParseError(f"{NOT_TEXT} Tệp Word cũ (.doc) cần được lưu lại dưới dạng .docx.")
    if data.startswith(b"%PDF"):
        raise PlanParseError(f"{NOT_TEXT} Tệp PDF cần được chuyển sang .docx hoặc văn bản.")
    text = _decode(data)
    if _mostly_binary(text):
        raise PlanParseError(NOT_TEXT)
    if not text.strip():
        raise PlanParseError(EMPTY)
    return text


def parse_plan_file(data: bytes, filename: str = "", *, year: int | None = None) -> ParsedPlan:
    return parse_plan(read_plan_source(data, filename), year=year)
