"""The plan import's confirm through camgiang_portal.uploads: the token, one import, nothing left behind."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from camgiang_portal import uploads
from camgiang_portal.tests.pending_uploads import pending_files
from plans.demo import SEED_PLAN
from plans.forms import MAX_PLAN_BYTES
from plans.models import Plan

pytestmark = pytest.mark.django_db


def preview(client) -> str:
    with SEED_PLAN.open("rb") as fh:
        response = client.post(reverse("plans:import"), {"file": fh})
    assert response.status_code == 200
    return response.context["confirm"].initial["token"]


def confirm(client, token: str, **kwargs):
    return client.post(reverse("plans:import_confirm"), {"token": token}, **kwargs)


def test_the_preview_keeps_the_file_and_the_confirm_removes_it(client_for, media):
    client = client_for("vanhoaxahoi")
    token = preview(client)
    assert len(pending_files(media)) == 1 and "base64" not in token
    assert confirm(client, token).status_code == 302
    assert Plan.objects.count() == 1 and pending_files(media) == []
    again = confirm(client, token, follow=True)
    assert "Đã có kế hoạch năm 2026" in again.content.decode() and Plan.objects.count() == 1


def test_a_forged_token_is_a_400_in_vietnamese(client_for, media):
    response = confirm(client_for("vanhoaxahoi"), "forged")
    assert response.status_code == 400 and "xin tải tệp lên lại" in response.content.decode()
    assert not Plan.objects.exists()


def test_another_users_token_is_refused_and_leaves_the_preview_to_its_owner(client_for, media, client):
    token = preview(client_for("admin"))  # the administrator may import plans too
    response = confirm(client_for("vanhoaxahoi"), token)
    assert response.status_code == 400 and "phiên khác" in response.content.decode()
    assert not Plan.objects.exists() and len(pending_files(media)) == 1
    assert confirm(client_for("admin"), token).status_code == 302 and Plan.objects.count() == 1


def test_an_expired_token_is_refused(client_for, media, settings):
    client = client_for("vanhoaxahoi")
    token = preview(client)
    later = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(seconds=settings.UPLOAD_PENDING_SECONDS + 5)
    with time_machine.travel(later):
        response = confirm(client, token)
    assert response.status_code == 400 and "hết hạn" in response.content.decode()
    assert not Plan.objects.exists()


def test_a_token_of_the_figures_import_does_not_import_a_plan(client_for, user_named, media):
    token = uploads.upload_keep(
        purpose="reports-figures", user=user_named("vanhoaxahoi"), content=SEED_PLAN.read_bytes(), filename="x.md"
    )
    assert confirm(client_for("vanhoaxahoi"), token).status_code == 400
    assert not Plan.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("ke-hoach.md", b"x" * (MAX_PLAN_BYTES + 1)),  # oversized
        ("anh.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256))),  # not a plan
        ("ke-hoach.docx", b"PK\x03\x04 not really a document"),  # malformed archive
    ],
)
def test_a_refused_upload_leaves_nothing_stored(client_for, media, name, content):
    response = client_for("vanhoaxahoi").post(reverse("plans:import"), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert pending_files(media) == [] and not Plan.objects.exists()


def test_only_a_manager_reaches_the_confirm(client_for, media):
    token = preview(client_for("vanhoaxahoi"))
    assert confirm(client_for("truongthon1"), token).status_code == 403
    assert not Plan.objects.exists() and len(pending_files(media)) == 1
