"""MEDIA_STORAGE=s3 against moto's in-process S3 (no network): an attachment is written to the private bucket,
downloads only through the permission-checked view, and a preview's file is confirmed from the bucket."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import boto3
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from camgiang_portal import uploads

moto = pytest.importorskip("moto")
pytestmark = pytest.mark.django_db
BUCKET = "camgiang-media-test"
# The options camgiang_portal.settings gives MEDIA_STORAGE=s3 (camgiang_portal/tests/test_two_nodes.py checks them).
S3_STORAGE = {
    "BACKEND": "storages.backends.s3.S3Storage",
    "OPTIONS": {
        "bucket_name": BUCKET,
        "endpoint_url": None,
        "access_key": "testing",
        "secret_key": "testing",
        "region_name": "us-east-1",
        "location": "",
        "addressing_style": None,
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": 300,
        "file_overwrite": False,
    },
}


@pytest.fixture
def bucket(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # nothing may land on the local disk
    with moto.mock_aws():
        client = boto3.client("s3", region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="t")
        client.create_bucket(Bucket=BUCKET)
        settings.STORAGES = {**settings.STORAGES, "default": S3_STORAGE}
        yield client
    assert not any(tmp_path.iterdir())


@pytest.fixture(autouse=True)
def _before_due_date():
    with time_machine.travel(datetime.datetime(2026, 5, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=True):
        yield


def test_an_attachment_lives_in_the_private_bucket_and_downloads_through_the_view(bucket, client_for, own_report):
    client = client_for("truongthon1")
    url = reverse("reports:attachment_add", args=[own_report.pk])
    content = b"%PDF-1.4\n% bien ban hop thon\n%%EOF\n"
    assert client.post(url, {"file": SimpleUploadedFile("bien-ban.pdf", content)}).status_code == 302
    attachment = own_report.attachments.get()
    [key] = [o["Key"] for o in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert key == attachment.file.name
    grants = bucket.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
    assert [g["Permission"] for g in grants] == ["FULL_CONTROL"]  # the owner only: nobody reads it by URL
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert client_for("truongthon2").get(attachment.get_absolute_url()).status_code == 404


def test_a_missing_object_is_a_404_not_a_500(bucket, client_for, own_report):
    client = client_for("truongthon1")
    url = reverse("reports:attachment_add", args=[own_report.pk])
    client.post(url, {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n")})
    attachment = own_report.attachments.get()
    bucket.delete_object(Bucket=BUCKET, Key=attachment.file.name)
    assert client.get(attachment.get_absolute_url()).status_code == 404


def test_a_preview_kept_in_the_bucket_is_claimed_once(bucket, user_named):
    user = user_named("vanhoaxahoi")
    token = uploads.upload_keep(purpose="test", user=user, content=b"noi dung", filename="tep.md")
    keys = [o["Key"] for o in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert len(keys) == 1 and keys[0].startswith("pending-uploads/test/")
    with uploads.upload_claim(purpose="test", user=user, token=token) as pending:
        assert pending.content == b"noi dung"
    assert bucket.list_objects_v2(Bucket=BUCKET)["KeyCount"] == 0
    with pytest.raises(uploads.UploadSpent), uploads.upload_claim(purpose="test", user=user, token=token):
        pytest.fail("a second claim must not get the file")
