"""The portal's archive folder, written by `backup` and `commune_export` and read by `restore`.

A folder a person can read and copy: data.json (rows as natural-key JSON, which loads on PostgreSQL and SQLite
alike), media.tar.gz (the private media files under their storage names) and manifest.json (what it holds and
the SHA-256 of both files, checked before anything is replaced). The media go through the storage API when the
storage is not a disk (MEDIA_STORAGE=s3), under the same names, so an archive taken on one restores on the other.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tarfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage, storages
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

DATA_FILE = "data.json"
MEDIA_FILE = "media.tar.gz"
MANIFEST_FILE = "manifest.json"


class ArchiveError(Exception):
    """A refused archive (a folder not empty, a damaged or foreign one), with its Vietnamese reason."""


@dataclass
class ArchiveInfo:
    folder: Path
    objects: int
    media_files: int


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@contextmanager
def snapshot() -> Iterator[None]:
    """One read transaction that sees one moment, so the rows written agree with each other while the portal
    keeps running. On PostgreSQL at REPEATABLE READ: at its default, READ COMMITTED, each query would see what
    was committed since the one before. (Inside an enclosing transaction, a test's, that one's level stands.)"""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


def folder_check(out_dir: Path) -> None:
    """Refuse a folder that holds anything: an archive is never written over another one."""
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise ArchiveError(
            _("Thư mục %(folder)s không trống: hãy chọn một thư mục mới cho bản sao lưu.") % {"folder": out_dir}
        )


def archive_write(
    out_dir: Path, *, data: str, objects: int, media: Callable[[tarfile.TarFile], int], about: dict | None = None
) -> ArchiveInfo:
    """Write the three files into `out_dir` (new or empty); `media` adds the files to the tar and counts them.
    On any failure the files written so far are removed, so no half archive is left to be restored."""
    folder_check(out_dir)
    created = not out_dir.exists()
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        (out_dir / DATA_FILE).write_text(data, encoding="utf-8")
        with tarfile.open(out_dir / MEDIA_FILE, "w:gz") as tar:
            media_files = media(tar)
        manifest = {
            "created_at": timezone.now().isoformat(),
            **(about or {}),
            "objects": objects,
            "media_files": media_files,
            "sha256": {name: sha256(out_dir / name) for name in (DATA_FILE, MEDIA_FILE)},
        }
        (out_dir / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    except BaseException:
        for name in (DATA_FILE, MEDIA_FILE, MANIFEST_FILE):
            (out_dir / name).unlink(missing_ok=True)
        if created:
            out_dir.rmdir()
        raise
    return ArchiveInfo(folder=out_dir, objects=objects, media_files=media_files)


def archive_check(in_dir: Path) -> dict:
    """The manifest of a sound archive; refuses a folder that is none, or whose files do not match their sums."""
    manifest_path = in_dir / MANIFEST_FILE
    if not manifest_path.is_file():
        raise ArchiveError(
            _("Không tìm thấy %(manifest)s trong %(folder)s: đây không phải bản sao lưu của cổng.")
            % {"manifest": MANIFEST_FILE, "folder": in_dir}
        )
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for name, digest in manifest.get("sha256", {}).items():
        if sha256(in_dir / name) != digest:
            raise ArchiveError(_("Tệp %(name)s của bản sao lưu bị hỏng (mã kiểm tra không khớp).") % {"name": name})
    return manifest


# The media files.


def media_is_local() -> bool:
    return isinstance(storages["default"], FileSystemStorage)


def media_all_to(tar: tarfile.TarFile) -> int:
    """Every media file of the deployment into the tar (a whole backup)."""
    if not media_is_local():
        return media_named_to(tar, sorted(_remote_names()))[0]
    media_root = Path(settings.MEDIA_ROOT)
    count = 0
    if media_root.is_dir():
        for path in sorted(media_root.rglob("*")):
            if path.is_file():
                tar.add(path, arcname=str(path.relative_to(media_root)))
                count += 1
    return count


def media_named_to(tar: tarfile.TarFile, names: Iterable[str]) -> tuple[int, list[str]]:
    """The named media files into the tar, read through the storage; returns how many, and the names missing."""
    count, missing = 0, []
    for name in names:
        if not default_storage.exists(name):
            missing.append(name)
            continue
        with default_storage.open(name, "rb") as handle:
            content = handle.read()
        info = tarfile.TarInfo(name)
        info.size = len(content)
        tar.addfile(info, io.BytesIO(content))
        count += 1
    return count, missing


def _safe_members(tar: tarfile.TarFile):
    for member in tar.getmembers():
        name = Path(member.name)
        if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
            raise ArchiveError(_("Tệp media không an toàn trong bản sao lưu: %(name)s") % {"name": member.name})
        yield member


def media_restore(archive: Path) -> None:
    """Make the media files exactly the archive's: the folder swapped for the unpacked one, or the bucket's files
    written back under their names and the others removed."""
    if not media_is_local():
        _remote_media_from(archive)
        return
    media_root = Path(settings.MEDIA_ROOT)
    staging = media_root.with_name(media_root.name + ".restoring")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    with tarfile.open(archive, "r:gz") as tar:
        tar.extractall(staging, members=_safe_members(tar))  # noqa: S202 - members are checked above
    if media_root.exists():
        shutil.rmtree(media_root)
    staging.rename(media_root)


def _remote_names(folder: str = "") -> list[str]:
    folders, files = default_storage.listdir(folder)
    names = [f"{folder}/{name}" if folder else name for name in files]
    for sub in folders:
        names += _remote_names(f"{folder}/{sub}" if folder else sub)
    return names


def _remote_media_from(archive: Path) -> None:
    with tarfile.open(archive, "r:gz") as tar:
        members = [m for m in _safe_members(tar) if m.isfile()]
        for name in set(_remote_names()) - {m.name for m in members}:
            default_storage.delete(name)
        for member in members:
            handle = tar.extractfile(member)
            if default_storage.exists(member.name):
                default_storage.delete(member.name)
            # The storage must keep the name: records point at it (file_overwrite is off, so clear it first).
            saved = default_storage.save(member.name, ContentFile(handle.read() if handle else b""))
            if saved != member.name:
                raise ArchiveError(_("Không ghi lại được tệp media %(name)s đúng tên cũ.") % {"name": member.name})
