"""Backup and restore of the whole portal: every table as natural-key JSON, and the private media files.

JSON through Django's serialisers works the same on PostgreSQL and SQLite, so a backup taken on one
restores on the other; the archive is a folder a person can read and copy.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tarfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core import management
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage, storages
from django.db import transaction
from django.utils import timezone

DATA_FILE = "data.json"
MEDIA_FILE = "media.tar.gz"
MANIFEST_FILE = "manifest.json"
# Rebuilt by migrate on the target; dumping them would clash with the target's own rows. The admin's change
# log (admin.logentry) is kept: it is the record of who changed what through /admin/, and its content types
# and users travel by natural key.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes"]


class BackupError(Exception):
    pass


@dataclass
class BackupInfo:
    folder: Path
    objects: int
    media_files: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def backup_create(*, out_dir: Path) -> BackupInfo:
    out_dir.mkdir(parents=True, exist_ok=True)
    if any(out_dir.iterdir()):
        raise BackupError(f"Thư mục {out_dir} không trống: hãy chọn một thư mục mới cho bản sao lưu.")
    data_path = out_dir / DATA_FILE
    # One read transaction: the dump is a consistent snapshot even while the portal keeps running.
    with transaction.atomic():
        buffer = io.StringIO()
        management.call_command(
            "dumpdata",
            natural_foreign=True,
            natural_primary=True,
            exclude=EXCLUDED,
            indent=None,
            stdout=buffer,
        )
    data_path.write_text(buffer.getvalue(), encoding="utf-8")
    objects = len(json.loads(buffer.getvalue()))
    media_root = Path(settings.MEDIA_ROOT)
    media_files = 0
    with tarfile.open(out_dir / MEDIA_FILE, "w:gz") as tar:
        if not _media_is_local():
            media_files = _remote_media_to(tar)
        elif media_root.is_dir():
            for path in sorted(media_root.rglob("*")):
                if path.is_file():
                    tar.add(path, arcname=str(path.relative_to(media_root)))
                    media_files += 1
    manifest = {
        "created_at": timezone.now().isoformat(),
        "objects": objects,
        "media_files": media_files,
        "sha256": {name: _sha256(out_dir / name) for name in (DATA_FILE, MEDIA_FILE)},
    }
    (out_dir / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return BackupInfo(folder=out_dir, objects=objects, media_files=media_files)


def _safe_members(tar: tarfile.TarFile):
    for member in tar.getmembers():
        name = Path(member.name)
        if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"Tệp media không an toàn trong bản sao lưu: {member.name}")
        yield member


def backup_restore(*, in_dir: Path) -> BackupInfo:
    """Replace the database's contents and the media folder with the backup's, all or nothing for the data."""
    manifest_path = in_dir / MANIFEST_FILE
    if not manifest_path.is_file():
        raise BackupError(f"Không tìm thấy {MANIFEST_FILE} trong {in_dir}: đây không phải bản sao lưu của cổng.")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for name, digest in manifest.get("sha256", {}).items():
        if _sha256(in_dir / name) != digest:
            raise BackupError(f"Tệp {name} của bản sao lưu bị hỏng (mã kiểm tra không khớp).")
    management.call_command("migrate", verbosity=0, interactive=False)
    with transaction.atomic():
        # post_migrate runs after the flush: content types, permissions and role groups come back first.
        management.call_command("flush", verbosity=0, interactive=False)
        management.call_command("loaddata", str(in_dir / DATA_FILE), verbosity=0)
    if not _media_is_local():
        _remote_media_from(in_dir / MEDIA_FILE)
        return BackupInfo(folder=in_dir, objects=manifest.get("objects", 0), media_files=manifest.get("media_files", 0))
    media_root = Path(settings.MEDIA_ROOT)
    staging = media_root.with_name(media_root.name + ".restoring")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    with tarfile.open(in_dir / MEDIA_FILE, "r:gz") as tar:
        tar.extractall(staging, members=_safe_members(tar))  # noqa: S202 - members are checked above
    if media_root.exists():
        shutil.rmtree(media_root)
    staging.rename(media_root)
    return BackupInfo(folder=in_dir, objects=manifest.get("objects", 0), media_files=manifest.get("media_files", 0))


# MEDIA_STORAGE=s3: the media files are the bucket's, read and written through the storage API, under the same
# names as on a disk, so a backup taken on one storage restores on the other.


def _media_is_local() -> bool:
    return isinstance(storages["default"], FileSystemStorage)


def _remote_names(folder: str = "") -> list[str]:
    folders, files = default_storage.listdir(folder)
    names = [f"{folder}/{name}" if folder else name for name in files]
    for sub in folders:
        names += _remote_names(f"{folder}/{sub}" if folder else sub)
    return names


def _remote_media_to(tar: tarfile.TarFile) -> int:
    names = sorted(_remote_names())
    for name in names:
        with default_storage.open(name, "rb") as handle:
            content = handle.read()
        info = tarfile.TarInfo(name)
        info.size = len(content)
        tar.addfile(info, io.BytesIO(content))
    return len(names)


def _remote_media_from(archive: Path) -> None:
    """Every file of the backup written back under its own name; files the backup does not hold are removed."""
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
                raise BackupError(f"Không ghi lại được tệp media {member.name} đúng tên cũ.")
