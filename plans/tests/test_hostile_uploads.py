"""A zip-bomb .docx at the plan import (browser and command): refused at once, in Vietnamese, nothing written."""

from __future__ import annotations

import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from camgiang_portal import uploads
from camgiang_portal.actors import SYSTEM
from camgiang_portal.tests.hostile import BILLION_LAUGHS, docx_bomb, with_member
from plans.models import Body, Plan
from plans.tests.test_parsing_docx import seed_docx
from plans.views import IMPORT_UPLOAD

pytestmark = pytest.mark.django_db


def test_bomb_upload_is_a_fast_vietnamese_400(client_for, demo):
    bodies = Body.objects.count()
    data = docx_bomb(80)  # ~280 KB, inflating to 80 MB: what pinned a worker for 60 s
    client = client_for("vanhoaxahoi")
    started = time.monotonic()
    response = client.post(reverse("plans:import"), {"file": SimpleUploadedFile("ke-hoach.docx", data)})
    assert time.monotonic() - started < 5
    assert response.status_code == 400
    assert "sau khi giải nén quá lớn" in response.content.decode()
    assert not Plan.objects.exists() and Body.objects.count() == bodies


def test_bomb_through_a_forged_confirmation_is_refused_too(client_for, user_named, settings, tmp_path):
    # A confirm can no longer carry a file; the nearest forgery is a bomb kept as if its preview had passed.
    settings.MEDIA_ROOT = tmp_path
    token = uploads.upload_keep(
        purpose=IMPORT_UPLOAD, user=user_named("vanhoaxahoi"), content=docx_bomb(80), filename="ke-hoach.docx"
    )
    data = {"token": token}
    started = time.monotonic()
    response = client_for("vanhoaxahoi").post(reverse("plans:import_confirm"), data, follow=True)
    assert time.monotonic() - started < 5
    assert "sau khi giải nén quá lớn" in response.content.decode()
    assert not Plan.objects.exists()


def test_entity_expansion_is_refused(client_for, demo):
    data = with_member(seed_docx(), "word/document.xml", BILLION_LAUGHS)
    response = client_for("vanhoaxahoi").post(
        reverse("plans:import"), {"file": SimpleUploadedFile("ke-hoach.docx", data)}
    )
    assert response.status_code == 400 and "DTD" in response.content.decode()
    assert not Plan.objects.exists()


def test_import_plan_command_refuses_a_bomb(demo, tmp_path):
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(docx_bomb(80))
    started = time.monotonic()
    with pytest.raises(CommandError, match="sau khi giải nén quá lớn"):
        call_command("import_plan", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert time.monotonic() - started < 5
    assert not Plan.objects.exists()


def test_a_real_docx_still_imports(demo):
    from plans.services import plan_import

    result = plan_import(source=seed_docx(), filename="ke-hoach.docx", dry_run=True, by=SYSTEM)
    assert result.parsed.items
