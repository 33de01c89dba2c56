"""Open data holds text as text (no live formula in the CSV); disclosure attachments download with a sane name."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse

from camgiang_portal.spreadsheet import FORMULA_TRIGGERS
from camgiang_portal.tests.hostile import FORMULA_NAME, HYPERLINK
from plans.models import Body, Item
from plans.tests.factories import small_plan
from publicity import services
from publicity.models import DisclosureAttachment, DisclosureItem
from publicity.views.opendata import DATASETS

from .conftest import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def hostile(demo, user_named):
    """The probe's disclosure title, a body and an item text written like formulas."""
    vhxh = Body.objects.get(code="phong-vhxh")
    plan = small_plan([vhxh])
    Item.objects.filter(area__plan=plan).update(text="+cmd|' /C calc'!A0")
    item = services.disclosure_save(
        by=user_named("vanhoaxahoi"),
        data={"category": 4, "title": "Quy chế dân chủ", "text": "Toàn văn", "body": vhxh, "forms": ["a"]},
    )
    item = services.disclosure_publish(item=item, by=user_named("vanhoaxahoi"))
    # Stored directly: whatever the disclosure form accepts, the export must not trust the text.
    DisclosureItem.objects.filter(pk=item.pk).update(title=HYPERLINK)
    Body.objects.filter(pk=vhxh.pk).update(name=FORMULA_NAME)
    return item


def test_every_open_data_csv_holds_text_as_text(client, hostile):
    assert set(DATASETS) == {"ke-hoach", "cong-khai", "thong-ke-phan-anh"}  # a new dataset: add it here
    seen = []
    for name in DATASETS:
        response = client.get(reverse("publicity:dataset", args=[name, "csv"]))
        assert response.status_code == 200
        assert response["Content-Disposition"] == f'attachment; filename="{name}.csv"'
        for row in csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))):
            for value in row:
                assert not value.startswith(FORMULA_TRIGGERS), (name, value)
                seen.append(value)
    assert "'" + HYPERLINK in seen and "'" + FORMULA_NAME in seen and "'+cmd|' /C calc'!A0" in seen


def test_json_keeps_the_text_as_it_is(client, hostile):
    rows = json.loads(client.get(reverse("publicity:dataset", args=["cong-khai", "json"])).content)["rows"]
    assert [r["title"] for r in rows] == [HYPERLINK]


def test_disclosure_attachment_downloads_with_a_sane_name(client, hostile, user_named):
    services.disclosure_save(item=hostile, by=user_named("vanhoaxahoi"), data={}, files=[pdf("Danh sách hộ nghèo.pdf")])
    attachment = hostile.attachments.get()
    url = reverse("publicity:disclosure_attachment", args=[hostile.pk, attachment.pk])
    assert client.get(url)["Content-Disposition"] == (
        "attachment; filename*=utf-8''Danh%20s%C3%A1ch%20h%E1%BB%99%20ngh%C3%A8o.pdf"
    )
    DisclosureAttachment.objects.filter(pk=attachment.pk).update(original_name="../../../../tmp/evil<b>x</b>.pdf")
    assert client.get(url)["Content-Disposition"] == 'attachment; filename="evilx.pdf"'
