"""Backup and restore of the whole portal: every table as natural-key JSON, and the private media files.

JSON through Django's serialisers works the same on PostgreSQL and SQLite, so a backup taken on one
restores on the other; the archive is a folder a person can read and copy (its format: `archive`).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from django.conf import settings
from django.core import management
from django.db import transaction
from django.utils.translation import gettext as _

from .archive import (
    DATA_FILE,
    MEDIA_FILE,
    ArchiveError,
    ArchiveInfo,
    archive_check,
    archive_write,
    folder_check,
    media_all_to,
    media_restore,
    snapshot,
)

# Rebuilt by migrate on the target; dumping them would clash with the target's own rows. The admin's change
# log (admin.logentry) is kept: it is the record of who changed what through /admin/, and its content types
# and users travel by natural key.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes"]

# The names the commands and older callers know.
BackupError = ArchiveError
BackupInfo = ArchiveInfo


def backup_create(*, out_dir: Path) -> BackupInfo:
    folder_check(out_dir)
    # One read transaction: the dump is a consistent snapshot even while the portal keeps running.
    with snapshot():
        buffer = io.StringIO()
        management.call_command(
            "dumpdata",
            natural_foreign=True,
            natural_primary=True,
            exclude=EXCLUDED,
            indent=None,
            stdout=buffer,
        )
    data = buffer.getvalue()
    return archive_write(out_dir, data=data, objects=len(json.loads(data)), media=media_all_to)


def backup_restore(*, in_dir: Path) -> BackupInfo:
    """Replace the database's contents and the media folder with the archive's, all or nothing for the data.

    The archive may be a whole backup or one commune's export (`commune_export`): either is every row the
    deployment is to hold."""
    manifest = archive_check(in_dir)
    _check_target(manifest)
    management.call_command("migrate", verbosity=0, interactive=False)
    with transaction.atomic():
        # post_migrate runs after the flush: content types, permissions and role groups come back first.
        management.call_command("flush", verbosity=0, interactive=False)
        management.call_command("loaddata", str(in_dir / DATA_FILE), verbosity=0)
    media_restore(in_dir / MEDIA_FILE)
    return BackupInfo(folder=in_dir, objects=manifest.get("objects", 0), media_files=manifest.get("media_files", 0))


def _check_target(manifest: dict) -> None:
    """A commune's export replaces everything with that one commune's rows: only a deployment of that commune
    alone may load it (on the platform it would wipe every other commune; elsewhere the rows would belong to a
    commune the deployment does not serve)."""
    export = manifest.get("commune_export")
    if export is None:
        return
    if settings.PLATFORM_COMMUNES != "one" or settings.PLATFORM_HOME_COMMUNE != export["code"]:
        raise ArchiveError(
            _(
                "Đây là bản xuất dữ liệu riêng của %(name)s (mã %(code)s): chỉ khôi phục vào cổng của riêng xã đó, "
                "với PLATFORM_COMMUNES=one và PLATFORM_HOME_COMMUNE=%(code)s; không có dữ liệu nào bị thay đổi."
            )
            % export
        )
