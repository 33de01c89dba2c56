"""Reads the outline a superior sent (đề cương báo cáo, a .md/.txt or .docx of headings) into headings.

Headings are markdown "#"/"##" lines, lines numbered "I.", "II." (parts) or "1.", "2." (sub-sections), and in
Word the Heading styles (plans.parsing turns them into "#" lines, with Word's automatic numbers written out).
A .docx is a zip: it passes camgiang_portal.safe_files.archive_check before python-docx opens it. Pure reading,
nothing written; a file that cannot be used raises OutlineFileError with a Vietnamese message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from camgiang_portal.safe_files import ArchiveRefused, archive_check
from camgiang_portal.validators import no_html
from plans.parsing.model import PlanParseError
from plans.parsing.source import read_plan_source

from .models import TITLE_MAX
from .outline import MAX_SECTIONS
from .outline_defaults import COMPUTED, WRITTEN, WRITTEN_KEYS
from .outline_mapping import heading_key, normalise

MAX_BYTES = 2 * 1024 * 1024
_MARKDOWN = re.compile(r"^(#{1,6})\s+(.*)$")
_ROMAN = re.compile(r"^([IVX]{1,5})\s*[.)]\s+(.+)$")
_ARABIC = re.compile(r"^(\d{1,2})\s*[.)]\s+(.+)$")
_VALID_ROMAN = re.compile(r"^(X{0,3})(IX|IV|V?I{0,3})$")


class OutlineFileError(ValueError):
    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class Heading:
    level: int
    title: str
    key: str  # the default section it is ("" when none)
    kind: str
    line: int


def outline_file_read(data: bytes, filename: str = "") -> list[Heading]:
    """The file's headings with their default keys, or OutlineFileError."""
    if len(data) > MAX_BYTES:
        raise OutlineFileError(_("Tệp quá lớn: tối đa %(max)s MB.") % {"max": MAX_BYTES // (1024 * 1024)})
    if data.startswith(b"PK\x03\x04"):
        try:
            archive_check(data, required="word/document.xml")
        except ArchiveRefused as exc:
            raise OutlineFileError(exc.message) from exc
    try:
        text = read_plan_source(data, filename)
    except PlanParseError as exc:
        raise OutlineFileError(exc.message) from exc
    headings = headings_from_text(text)
    if not headings:
        raise OutlineFileError(
            _(
                "Không tìm thấy đề mục nào trong tệp. Đề cương cần có các đề mục dạng “# …”, “## …”, đánh số "
                "“I.”, “II.”, “1.”, “2.” hoặc kiểu Heading trong Word."
            )
        )
    if len(headings) > MAX_SECTIONS:
        raise OutlineFileError(
            _("Tệp có %(count)s đề mục, nhiều hơn mức tối đa %(max)s.") % {"count": len(headings), "max": MAX_SECTIONS}
        )
    return headings


def _candidate(raw: str) -> tuple[int | None, str, int | None] | None:
    """(markdown depth or None, title, level from numbering or None) of a line that may be a heading."""
    line = raw.strip().replace("**", "").strip()
    depth = None
    if match := _MARKDOWN.match(line):
        depth, line = len(match.group(1)), match.group(2).replace("**", "").strip()
    if (match := _ROMAN.match(line)) and _VALID_ROMAN.match(match.group(1)):
        return depth, match.group(2), 1
    if match := _ARABIC.match(line):
        return depth, match.group(2), 2
    if depth is None:
        return None  # an unnumbered plain line is text, not a heading
    return depth, line, None


def _tidy(title: str) -> str:
    title = " ".join(title.split()).rstrip(" :.;")
    if title.isupper():  # "KẾT QUẢ THỰC HIỆN" → "Kết quả thực hiện"
        title = title[:1] + title[1:].lower()
    return title


def headings_from_text(text: str) -> list[Heading]:
    found: list[tuple[int, int | None, str, int | None]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        candidate = _candidate(raw)
        if candidate is None:
            continue
        depth, title, level = candidate
        title = _tidy(title)
        plain = normalise(title)
        if not title or (level is None and (plain.startswith("báo cáo") or "đề cương" in plain)):
            continue  # the document's own title, not a section
        if len(title) > TITLE_MAX:
            if depth is None:
                continue  # a long numbered paragraph is content
            raise OutlineFileError(
                _("Dòng %(line)s: đề mục dài quá %(max)s ký tự.") % {"line": number, "max": TITLE_MAX}
            )
        try:
            no_html(title)
        except ValidationError as exc:
            raise OutlineFileError(
                _("Dòng %(line)s: %(message)s") % {"line": number, "message": " ".join(exc.messages)}
            ) from exc
        found.append((number, depth, title, level))
    # Unnumbered markdown headings: the shallowest depth used is a part, any deeper one a sub-section.
    depths = sorted({depth for _n, depth, _t, level in found if level is None})
    return _with_keys([(n, level or (1 if depth == depths[0] else 2), title) for n, depth, title, level in found])


def _with_keys(rows: list[tuple[int, int, str]]) -> list[Heading]:
    headings, used, part_written = [], set(), False
    for line, level, title in rows:
        key = heading_key(title) or ""
        written = key in WRITTEN_KEYS or (level == 2 and part_written)
        if level == 1:
            part_written = written
        if key in used:
            key = ""
        used.add(key)
        headings.append(Heading(level, title, key, WRITTEN if written else COMPUTED, line))
    return headings
