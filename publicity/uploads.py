"""Attachment checks: the type read from the file's content (never its name or the browser's claim) and the size."""

from __future__ import annotations

import secrets
from collections.abc import Iterable

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from camgiang_portal.safe_files import safe_filename

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


def attach_files(*, owner_field: str, owner, model, files: Iterable[UploadedFile]) -> None:
    """Store the files; if one is refused, the ones already written are deleted and the error re-raised."""
    written = []
    try:
        for upload in files:
            mime, ext = check_upload(upload)
            attachment = model(
                **{owner_field: owner},
                original_name=safe_filename(upload.name),
                content_type=mime,
                extension=ext,
                size=upload.size,
                token=secrets.token_hex(16),
            )
            attachment.file.save(f"{attachment.token}.{ext}", upload, save=False)
            written.append(attachment.file)
            attachment.save()
    except Exception:
        for stored in written:
            stored.storage.delete(stored.name)
        raise
