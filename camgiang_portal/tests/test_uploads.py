"""Preview, then confirm (camgiang_portal.uploads): the kept file, its signed token, one claim, the sweep."""

from __future__ import annotations

import datetime
import os
import time
from pathlib import Path

import pytest
import time_machine

from camgiang_portal import uploads
from camgiang_portal.tests.pending_uploads import pending_files

pytestmark = pytest.mark.django_db


def keep(user, content=b"data", **kwargs) -> str:
    return uploads.upload_keep(purpose="test", user=user, content=content, filename="tep.md", **kwargs)


def test_keep_then_claim_hands_back_the_file_once_and_removes_it(media, user_named):
    user = user_named("vanhoaxahoi")
    token = keep(user, b"noi dung", data={"year": 2026})
    [stored] = pending_files(media)
    assert stored.read_bytes() == b"noi dung" and stored.stat().st_mode & 0o077 == 0  # only the portal reads it
    with uploads.upload_claim(purpose="test", user=user, token=token) as pending:
        assert (pending.content, pending.filename, pending.data) == (b"noi dung", "tep.md", {"year": 2026})
    assert pending_files(media) == []
    with pytest.raises(uploads.UploadSpent) as spent, uploads.upload_claim(purpose="test", user=user, token=token):
        pytest.fail("a second claim must not get the file")
    assert spent.value.data == {"year": 2026} and "không áp dụng lần thứ hai" in spent.value.message


def test_the_file_goes_even_when_the_apply_fails(media, user_named):
    user = user_named("vanhoaxahoi")
    token = keep(user)
    with pytest.raises(RuntimeError), uploads.upload_claim(purpose="test", user=user, token=token):
        raise RuntimeError("apply failed")
    assert pending_files(media) == []


@pytest.mark.parametrize("token", ["", "forged", "eyJuIjoiMCJ9:1tQ:abc"])
def test_a_forged_token_is_refused(media, user_named, token):
    with pytest.raises(uploads.UploadRefused) as refused:
        with uploads.upload_claim(purpose="test", user=user_named("vanhoaxahoi"), token=token):
            pytest.fail("a forged token must not open anything")
    assert refused.value.status_code == 400 and "xin tải tệp lên lại" in refused.value.message


def test_a_token_of_another_purpose_user_or_scope_is_refused_and_the_file_stays(media, user_named):
    owner, other = user_named("vanhoaxahoi"), user_named("admin")
    token = keep(owner, scope="period:1")
    for purpose, user, scope in [
        ("other", owner, "period:1"),
        ("test", other, "period:1"),
        ("test", owner, "period:2"),
    ]:
        with pytest.raises(uploads.UploadRefused) as refused:
            with uploads.upload_claim(purpose=purpose, user=user, token=token, scope=scope):
                pytest.fail("a token is good for its own purpose, user and scope only")
        assert not isinstance(refused.value, uploads.UploadSpent)
    assert len(pending_files(media)) == 1  # the owner can still confirm
    with uploads.upload_claim(purpose="test", user=owner, token=token, scope="period:1") as pending:
        assert pending.content == b"data"


def test_an_expired_token_is_refused(media, user_named, settings):
    user = user_named("vanhoaxahoi")
    token = keep(user)
    later = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(seconds=settings.UPLOAD_PENDING_SECONDS + 5)
    with time_machine.travel(later), pytest.raises(uploads.UploadRefused) as refused:
        with uploads.upload_claim(purpose="test", user=user, token=token):
            pytest.fail("an expired token must not open anything")
    assert "hết hạn" in refused.value.message


def test_the_sweep_removes_abandoned_files_only(media, user_named, settings):
    user = user_named("vanhoaxahoi")
    keep(user, b"old")
    [old] = pending_files(media)
    past = time.time() - settings.UPLOAD_PENDING_SECONDS - 120
    os.utime(old, (past, past))
    keep(user, b"new")  # each preview sweeps on its way
    assert [p.read_bytes() for p in pending_files(media)] == [b"new"]
    assert uploads.uploads_sweep() == 0
    assert uploads.uploads_sweep(now=time.time() + settings.UPLOAD_PENDING_SECONDS + 120) == 1
    assert pending_files(media) == []


def test_the_sweep_is_a_daily_beat_job(settings):
    from camgiang_portal import tasks

    entry = settings.CELERY_BEAT_SCHEDULE["uploads-sweep"]
    assert entry["task"] == "camgiang_portal.tasks.uploads_sweep" == tasks.uploads_sweep.name


def test_no_view_can_act_as_the_system_actor():
    """The system actor of commands is reachable only by importing it; no view module does."""
    root = Path(__file__).resolve().parents[2]
    views = [p for p in root.glob("*/views*.py")] + [p for p in root.glob("*/views/*.py")]
    assert views
    assert not [p for p in views if "actors" in p.read_text() or "SYSTEM" in p.read_text()]
