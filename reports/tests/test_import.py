"""Bulk update of figures from the export's own XLSX: preview, confirm, all or nothing."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from reports import exports
from reports.models import FigureValue

pytestmark = pytest.mark.django_db


def edited(period, changes: dict[tuple[str, str, str], object]) -> bytes:
    """The exported workbook with some cells changed: {(body code, item code, indicator code): value}."""
    book = load_workbook(io.BytesIO(exports.consolidated_xlsx(period)))
    sheet = book["Số liệu"]
    header = [c.value for c in sheet[1]]
    for (body, item, code), value in changes.items():
        column = next(i for i, title in enumerate(header) if title and title.endswith(f"[{code}]"))
        for row in sheet.iter_rows(min_row=2):
            if row[0].value == body and row[2].value == item:
                row[column].value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, period, content, name="so-lieu.xlsx"):
    return client.post(reverse("reports:import", args=[period.pk]), {"file": SimpleUploadedFile(name, content)})


def test_preview_then_confirm(client_for, own_report, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    period = own_report.period
    content = edited(period, {("thon-001", "2.c", "don-tiep-nhan"): 7, ("thon-001", "2.c", "don-giai-quyet"): 4})
    client = client_for("vanhoaxahoi")
    preview = upload(client, period, content)
    assert preview.status_code == 200 and "import-preview" in preview.content.decode()
    assert not FigureValue.objects.exists()  # a preview writes nothing
    token = preview.context["token"]
    confirmed = client.post(reverse("reports:import", args=[period.pk]), {"confirm": "1", "token": token})
    assert confirmed.status_code == 302
    assert sorted(FigureValue.objects.values_list("indicator__code", "value")) == [("don-giai-quyet", 4), ("don-tiep-nhan", 7)]
    own_report.refresh_from_db()
    assert own_report.version == 2  # an open copy of the form now gets the conflict message


@pytest.mark.parametrize(
    "changes",
    [
        {("thon-001", "2.c", "don-tiep-nhan"): 2, ("thon-001", "2.c", "don-giai-quyet"): 5},  # resolved > received
        {("thon-001", "2.c", "don-tiep-nhan"): "nhiều"},
        {("thon-001", "2.c", "don-tiep-nhan"): -4},
        {("thon-001", "2.c", "don-tiep-nhan"): 3, ("thon-002", "2.c", "don-tiep-nhan"): 10**9},
    ],
)
def test_row_errors_apply_nothing(client_for, own_report, changes):
    response = upload(client_for("vanhoaxahoi"), own_report.period, edited(own_report.period, changes))
    assert response.status_code == 400 and "import-errors" in response.content.decode()
    assert not FigureValue.objects.exists()


def test_apply_is_all_or_nothing(own_report, user_named):
    content = edited(own_report.period, {("thon-001", "2.c", "don-tiep-nhan"): 3, ("thon-002", "2.c", "don-tiep-nhan"): "x"})
    result = exports.figures_import_apply(period=own_report.period, content=content, by=user_named("vanhoaxahoi"))
    assert not result.ok and len(result.errors) == 1 and len(result.changes) == 1
    assert not FigureValue.objects.exists()


def test_malformed_and_foreign_files(client_for, plan, own_report):
    client = client_for("vanhoaxahoi")
    assert upload(client, own_report.period, b"PK\x03\x04 not really a workbook").status_code == 400
    other_period = plan.periods.get(code="9thang")
    assert upload(client, own_report.period, exports.consolidated_xlsx(other_period)).status_code == 400


def test_forged_confirm_token(client_for, own_report):
    response = client_for("vanhoaxahoi").post(reverse("reports:import", args=[own_report.period_id]), {"confirm": "1", "token": "forged"})
    assert response.status_code == 302 and not FigureValue.objects.exists()


@pytest.mark.parametrize("username", ["lanhdao", "mttq", "truongthon1"])
def test_only_the_coordinator_imports(client_for, own_report, username):
    assert client_for(username).get(reverse("reports:import", args=[own_report.period_id])).status_code == 403
