"""Uploaded archives (.docx, .xlsx: both are zip files of XML) checked before anything parses them.

A few hundred kilobytes of zip can inflate to gigabytes ("zip bomb"), and an XML member can declare
entities that expand exponentially ("billion laughs"). The parsers (python-docx, openpyxl) would happily
spend a worker's minute and half a gigabyte on either, so every upload that is a zip goes through
``archive_check`` first: it reads only the zip's directory and then streams the members through a
bounded scan, so a hostile file is refused in milliseconds, before the real parser sees it.

Why the declared sizes can be trusted: Python's zipfile never yields more than a member's declared
``file_size`` (it truncates, then fails the CRC), and both parsers read members through zipfile.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

MIB = 1024 * 1024
# A member smaller than this cannot hurt whatever its ratio (the total is bounded anyway); small XML parts
# full of repeated markup legitimately compress 100-fold or more.
RATIO_FLOOR_BYTES = MIB
_CHUNK = 64 * 1024
_XML_SUFFIXES = (".xml", ".rels", ".vml")
# OOXML never carries a DTD; a DOCTYPE is where entity declarations (and their expansion) would live.
# Looked for in UTF-8 and in both UTF-16 byte orders.
_DOCTYPE_MARKS = (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))
_MARK_OVERLAP = max(len(m) for m in _DOCTYPE_MARKS)


class ArchiveRefused(ValueError):
    """An uploaded archive refused before parsing; ``message`` is Vietnamese and shown to the user as is."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class ArchiveLimits:
    max_bytes: int  # total uncompressed size of all members
    max_members: int
    max_ratio: int  # uncompressed / compressed size of one member (members over RATIO_FLOOR_BYTES)

    @classmethod
    def from_settings(cls) -> ArchiveLimits:
        return cls(
            max_bytes=settings.UPLOAD_ZIP_MAX_BYTES,
            max_members=settings.UPLOAD_ZIP_MAX_MEMBERS,
            max_ratio=settings.UPLOAD_ZIP_MAX_RATIO,
        )


def invalid_message() -> str:
    return _("Tệp không đọc được: tệp hỏng hoặc không đúng định dạng Office (.docx, .xlsx).")


def _open(data: bytes | io.IOBase) -> zipfile.ZipFile:
    stream = io.BytesIO(data) if isinstance(data, (bytes, bytearray, memoryview)) else data
    try:
        return zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise ArchiveRefused(invalid_message()) from exc


def _check_directory(archive: zipfile.ZipFile, limits: ArchiveLimits) -> list[zipfile.ZipInfo]:
    members = archive.infolist()
    if len(members) > limits.max_members:
        raise ArchiveRefused(
            _("Tệp chứa quá nhiều thành phần (%(count)s, tối đa %(max)s): không được xử lý.")
            % {"count": len(members), "max": limits.max_members}
        )
    total = 0
    for info in members:
        if info.flag_bits & 0x1:
            raise ArchiveRefused(
                _("Tệp đã được đặt mật khẩu (mã hóa): hãy lưu lại tệp không đặt mật khẩu rồi tải lên.")
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            # Office writes deflate only; bzip2/lzma members would only be slower to inflate.
            raise ArchiveRefused(invalid_message())
        total += info.file_size
        if total > limits.max_bytes:
            raise ArchiveRefused(
                _("Nội dung tệp sau khi giải nén quá lớn (tối đa %(max)s MB): không được xử lý.")
                % {"max": limits.max_bytes // MIB}
            )
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise ArchiveRefused(
                _(
                    "Tệp có thành phần nén bất thường (nén hơn %(max)s lần, dấu hiệu của tệp độc hại “bom nén”): "
                    "không được xử lý."
                )
                % {"max": limits.max_ratio}
            )
    return members


def _scan_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    tail = b""
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            window = tail + chunk
            if any(mark in window for mark in _DOCTYPE_MARKS):
                raise ArchiveRefused(
                    _("Tệp chứa khai báo DTD/thực thể XML (không có trong tệp Office thông thường): không được xử lý.")
                )
            tail = window[-_MARK_OVERLAP:]


def archive_check(data: bytes | io.IOBase, *, required: str | None = None, limits: ArchiveLimits | None = None) -> None:
    """Refuse (ArchiveRefused) a zip that is invalid, encrypted, too big inflated, too many members, too
    compressed, or whose XML declares a DTD. ``required``: a member the format must have (e.g. word/document.xml).

    Cost: the zip directory, then one streaming pass over at most ``max_bytes`` of inflated XML.
    """
    limits = limits or ArchiveLimits.from_settings()
    with _open(data) as archive:
        members = _check_directory(archive, limits)
        names = {info.filename for info in members}
        if required and required not in names:
            raise ArchiveRefused(invalid_message())
        try:
            for info in members:
                if info.filename.lower().endswith(_XML_SUFFIXES):
                    _scan_xml(archive, info)
        except ArchiveRefused:
            raise
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, RuntimeError) as exc:
            # A damaged member (bad CRC, truncated deflate stream): the parser would fail on it too.
            raise ArchiveRefused(invalid_message()) from exc


# --- names of uploaded files, as stored and as offered for download ----------------------------------------

_TAG = re.compile(r"<[^<>]*>")
_UNSAFE_NAME_CHARS = re.compile(r'[<>:"|?*\\/\x00-\x1f\x7f]')
MAX_NAME_LENGTH = 150


def safe_filename(name: str | None, *, default: str = "tep") -> str:
    """A file name fit to store and to offer in Content-Disposition: markup removed before anything else (so
    "evil<b>x</b>.pdf" keeps "evilx.pdf", not what follows the "/" of "</b>"), then only the last path part,
    without control or reserved characters, no leading dots, at most MAX_NAME_LENGTH characters with the
    extension kept. Vietnamese letters stay: the header carries them in RFC 6266 ``filename*``.

    (Django's multipart parser already keeps only what follows the last "/" of an uploaded name, so a
    browser upload of "../x<b>y</b>.pdf" reaches the portal as "b>.pdf" and is stored as "b.pdf".)
    """
    text = unicodedata.normalize("NFC", str(name or ""))
    text = "".join(c for c in text if unicodedata.category(c)[0] != "C")  # controls, format chars, bidi overrides
    text = _TAG.sub("", text)
    text = re.split(r"[/\\]", text)[-1]
    text = _UNSAFE_NAME_CHARS.sub("", text)
    text = " ".join(text.split())
    stem, dot, ext = text.rpartition(".")
    if not dot or not ext.strip():
        stem, ext = text, ""
    stem, ext = stem.strip(". "), ext.strip()[:16]
    stem = stem[: MAX_NAME_LENGTH - len(ext) - 1] if ext else stem[:MAX_NAME_LENGTH]
    stem = stem.rstrip(". ") or default
    return f"{stem}.{ext}" if ext else stem
