"""Media on a remote storage (MEDIA_STORAGE=s3): preview-then-confirm and backup/restore go through the storage
API, so a preview on one node is confirmed on another (exactly once), and the bucket's files are backed up.

Django's in-memory storage stands in for the bucket: what matters is that it is not a FileSystemStorage, so
nothing may rename or open a path on it.
"""

from __future__ import annotations

import io
import threading
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connections

from camgiang_portal import uploads
from conftest import requires_services

IN_MEMORY = {"BACKEND": "django.core.files.storage.InMemoryStorage"}


@pytest.fixture
def bucket(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # nothing may land here: the storage is not the disk
    settings.STORAGES = {**settings.STORAGES, "default": IN_MEMORY}
    yield tmp_path
    assert not any(tmp_path.iterdir()), "a remote storage's pending file was written to the local disk"


def _pending() -> list[str]:
    try:
        purposes, _ = default_storage.listdir(uploads.PENDING_DIR)
    except FileNotFoundError:
        return []
    return [name for purpose in purposes for name in default_storage.listdir(f"{uploads.PENDING_DIR}/{purpose}")[1]]


@pytest.mark.django_db
def test_keep_and_claim_go_through_the_storage_once(bucket, user_named):
    user = user_named("vanhoaxahoi")
    token = uploads.upload_keep(purpose="test", user=user, content=b"noi dung", filename="tep.md", data={"y": 1})
    assert len(_pending()) == 1
    with uploads.upload_claim(purpose="test", user=user, token=token) as pending:
        assert (pending.content, pending.filename, pending.data) == (b"noi dung", "tep.md", {"y": 1})
    assert _pending() == []
    with pytest.raises(uploads.UploadSpent) as spent, uploads.upload_claim(purpose="test", user=user, token=token):
        pytest.fail("a second claim must not get the file")
    assert spent.value.data == {"y": 1}


@pytest.mark.django_db
def test_another_users_token_leaves_the_file_and_the_sweep_removes_it_later(bucket, user_named):
    token = uploads.upload_keep(purpose="test", user=user_named("vanhoaxahoi"), content=b"x", filename="a.md")
    with (
        pytest.raises(uploads.UploadRefused),
        uploads.upload_claim(purpose="test", user=user_named("mttq"), token=token),
    ):
        pytest.fail("another user's token must be refused")
    assert len(_pending()) == 1
    assert uploads.uploads_sweep() == 0  # still within its token's life
    assert uploads.uploads_sweep(now=time.time() + uploads.max_age() + 120) == 1
    assert _pending() == []


@requires_services
@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_claims_on_postgresql_apply_once(bucket, user_named):
    """Two clicks at once, as two nodes would answer them: the advisory lock lets exactly one have the file."""
    user = user_named("vanhoaxahoi")
    token = uploads.upload_keep(purpose="test", user=user, content=b"once", filename="a.md")
    barrier = threading.Barrier(2)
    got, spent = [], []

    def claim():
        try:
            barrier.wait(timeout=10)
            with uploads.upload_claim(purpose="test", user=user, token=token) as pending:
                got.append(pending.content)
        except uploads.UploadSpent:
            spent.append(True)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=claim) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert (got, spent) == ([b"once"], [True])


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_carry_the_buckets_files(bucket, tmp_path_factory, demo):
    default_storage.save("reports/2026/bien-ban.pdf", ContentFile(b"%PDF-1.4 test"))
    default_storage.save("issued/2026/kh.pdf", ContentFile(b"%PDF-1.4 signed"))
    out = tmp_path_factory.mktemp("backup") / "b"
    call_command("backup", str(out), stdout=io.StringIO())
    default_storage.delete("reports/2026/bien-ban.pdf")
    default_storage.save("stray.txt", ContentFile(b"not in the backup"))
    call_command("restore", str(out), "--no-input", stdout=io.StringIO())
    assert default_storage.open("reports/2026/bien-ban.pdf").read() == b"%PDF-1.4 test"
    assert default_storage.open("issued/2026/kh.pdf").read() == b"%PDF-1.4 signed"
    assert not default_storage.exists("stray.txt")
