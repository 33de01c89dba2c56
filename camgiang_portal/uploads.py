"""Preview, then confirm: an uploaded file kept privately between the two steps, named by a signed token.

An import shows what a file would change before anything is written; the confirm must apply exactly the
file that was previewed, by the person who previewed it, once. So the preview calls `upload_keep`, which
stores the file under MEDIA_ROOT/pending-uploads/ (MEDIA_ROOT is private: no URL serves it) under a random
name and returns a token signed with django.core.signing (salted per purpose, carrying the user, the
purpose's scope, the original file name and what the preview chose). The confirm form carries only that
token; the confirm calls `upload_claim`, which refuses a forged, expired, other user's or other scope's
token, moves the file aside atomically (a second click, even a concurrent one, finds nothing and is told
so), hands the content over and deletes the file whatever the apply does. Files nobody confirmed are
removed by `uploads_sweep`, run at each preview and by the daily beat job.

Several nodes share the files: on the filesystem storage MEDIA_ROOT is one network path for all of them, and
the claim stays a rename; on a remote storage (MEDIA_STORAGE=s3) the files go through the storage API and the
claim is made exclusive by a PostgreSQL advisory lock, so a preview on one node is confirmed on another.
"""

from __future__ import annotations

import os
import re
import secrets
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage, storages
from django.db import connection, transaction
from django.utils.translation import gettext as _

PENDING_DIR = "pending-uploads"
_PURPOSE = re.compile(r"^[a-z0-9-]{1,40}$")
_NAME = re.compile(r"^[0-9a-f]{32}$")


class UploadRefused(Exception):
    """The confirm cannot go on; ``message`` (Vietnamese) is shown as is, ``status_code`` is the 4xx to answer."""

    status_code = 400

    def __init__(self, message: str, *, data: dict | None = None) -> None:
        self.message = message
        self.data = data or {}
        super().__init__(message)


class UploadSpent(UploadRefused):
    """A genuine token whose file was already taken: the second click on "confirm". ``data`` is what the
    preview signed, so the caller can say what the first click did."""

    status_code = 409


@dataclass(frozen=True)
class PendingUpload:
    content: bytes
    filename: str
    data: dict = field(default_factory=dict)


def max_age() -> int:
    """Seconds a preview may wait for its confirm (UPLOAD_PENDING_SECONDS)."""
    return settings.UPLOAD_PENDING_SECONDS


def _root() -> Path:
    # Read at each call, not at import: tests and deployments point MEDIA_ROOT elsewhere.
    return Path(settings.MEDIA_ROOT) / PENDING_DIR


def _salt(purpose: str) -> str:
    return f"camgiang_portal.uploads.{purpose}"


def _path(purpose: str, name: str) -> Path:
    return _root() / purpose / name


def _is_local() -> bool:
    """The files are on a disk this process can rename in (MEDIA_ROOT, local or a shared network path)."""
    return isinstance(storages["default"], FileSystemStorage)


def _remote_name(purpose: str, name: str) -> str:
    return f"{PENDING_DIR}/{purpose}/{name}"


def upload_keep(*, purpose: str, user, content: bytes, filename: str, scope: str = "", data: dict | None = None) -> str:
    """Store a previewed file for its confirm; return the token the confirm form carries.

    Call it only once the preview accepted the file, so a refused upload leaves nothing behind. ``scope``
    binds the token to the object it was previewed for (a period), ``data`` carries what the preview chose
    (JSON values); both come back signed, so the confirm cannot be pointed elsewhere.
    """
    if not _PURPOSE.match(purpose):
        raise ValueError(f"bad upload purpose {purpose!r}")
    name = secrets.token_hex(16)
    payload = {"n": name, "u": user.pk, "s": scope, "f": filename[:255], "d": data or {}}
    if not _is_local():
        # Remote: the daily beat job sweeps (listing a bucket at every preview would cost more than it saves).
        default_storage.save(_remote_name(purpose, name), ContentFile(content))
        return signing.dumps(payload, salt=_salt(purpose), compress=True)
    uploads_sweep()
    path = _path(purpose, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Exclusive create, owner-only: a name is never reused, and other local accounts cannot read the file.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)
    return signing.dumps(payload, salt=_salt(purpose), compress=True)


def _payload(purpose: str, user, token: str, scope: str) -> dict:
    try:
        payload = signing.loads(token, salt=_salt(purpose), max_age=max_age())
    except signing.SignatureExpired as exc:
        raise UploadRefused(_("Phiên tải lên đã hết hạn; xin tải tệp lên lại.")) from exc
    except signing.BadSignature as exc:
        raise UploadRefused(_("Dữ liệu xác nhận không hợp lệ; xin tải tệp lên lại.")) from exc
    if not isinstance(payload, dict) or not _NAME.match(str(payload.get("n", ""))):
        raise UploadRefused(_("Dữ liệu xác nhận không hợp lệ; xin tải tệp lên lại."))
    if payload.get("u") != user.pk or payload.get("s") != scope:
        raise UploadRefused(_("Tệp này được tải lên trong một phiên khác; xin tải tệp lên lại."))
    return payload


@contextmanager
def upload_claim(*, purpose: str, user, token: str, scope: str = "") -> Iterator[PendingUpload]:
    """The previewed file, once: ``with upload_claim(...) as pending: apply(pending.content)``.

    Raises UploadRefused (forged, expired, another user's or scope's token) or UploadSpent (already
    confirmed) before anything is applied. The file is gone when the block ends, applied or not: a failed
    apply is uploaded again, never retried from a file the user can no longer see.
    """
    payload = _payload(purpose, user, token, scope)
    if not _is_local():
        content = _remote_claim(purpose, payload)
        yield PendingUpload(content=content, filename=payload["f"], data=payload.get("d") or {})
        return
    path = _path(purpose, payload["n"])
    claimed = path.with_name(f"{path.name}.claimed-{secrets.token_hex(4)}")
    try:
        # The claim is a rename: atomic, so of two clicks exactly one gets the file.
        os.rename(path, claimed)
    except FileNotFoundError as exc:
        raise UploadSpent(
            _("Tệp này đã được xác nhận; không áp dụng lần thứ hai."), data=payload.get("d") or {}
        ) from exc
    try:
        yield PendingUpload(content=claimed.read_bytes(), filename=payload["f"], data=payload.get("d") or {})
    finally:
        claimed.unlink(missing_ok=True)


def _remote_claim(purpose: str, payload: dict) -> bytes:
    """Read and delete the file under a lock of its own: of two claims (on any nodes), exactly one gets it."""
    name = _remote_name(purpose, payload["n"])
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Held until this transaction ends; a second click waits here, then finds the file gone. (A remote
            # storage serves several machines, which share PostgreSQL; SQLite is one machine's embedded default.)
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [0x75706C64, zlib.crc32(name.encode()) - 2**31])
        if not default_storage.exists(name):
            raise UploadSpent(_("Tệp này đã được xác nhận; không áp dụng lần thứ hai."), data=payload.get("d") or {})
        with default_storage.open(name, "rb") as handle:
            content = handle.read()
        default_storage.delete(name)
    return content


def _remote_sweep(limit: float) -> int:
    removed = 0
    try:
        purposes, _files = default_storage.listdir(PENDING_DIR)
    except FileNotFoundError:
        return 0
    for purpose in purposes:
        for name in default_storage.listdir(f"{PENDING_DIR}/{purpose}")[1]:
            path = f"{PENDING_DIR}/{purpose}/{name}"
            try:
                if default_storage.get_modified_time(path).timestamp() < limit:
                    default_storage.delete(path)
                    removed += 1
            except FileNotFoundError:  # claimed meanwhile
                continue
    return removed


def uploads_sweep(*, now: float | None = None) -> int:
    """Delete pending files older than their tokens can live (previews nobody confirmed); return how many.

    A minute's margin past the expiry, so a file is never swept while a token naming it is still good.
    """
    if not _is_local():
        return _remote_sweep((now if now is not None else time.time()) - max_age() - 60)
    root = _root()
    if not root.is_dir():
        return 0
    limit = (now if now is not None else time.time()) - max_age() - 60
    removed = 0
    for path in root.glob("*/*"):
        try:
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # claimed or swept meanwhile
            continue
    return removed
