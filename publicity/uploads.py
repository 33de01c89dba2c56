"""Attachment checks: the type read from the file's content (never its name or the browser's claim) and the size."""

from __future__ import annotations

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ALLOWED = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "application/pdf": "pdf",
}
MAX_FILES = 5


def max_bytes() -> int:
    return int(getattr(settings, "UPLOAD_MAX_BYTES", 10 * 1024 * 1024))


def check_upload(upload) -> tuple[str, str]:
    """(mime type, extension) of an acceptable upload, else a ValidationError in Vietnamese."""
    limit = max_bytes()
    if upload.size > limit:
        raise ValidationError(
            _("Tệp %(name)s quá lớn: tối đa %(mb)s MB.") % {"name": upload.name, "mb": limit // (1024 * 1024) or 1},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED:
        raise ValidationError(
            _("Tệp %(name)s không được chấp nhận: chỉ nhận ảnh JPG, PNG, WEBP hoặc tệp PDF.") % {"name": upload.name},
            code="bad_type",
        )
    return kind.mime, ALLOWED[kind.mime]
