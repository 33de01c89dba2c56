"""The figures XLSX: bounded import (bomb, rows, errors shown, formulas) and an export holding text as text."""

from __future__ import annotations

import io
import time

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from camgiang_portal.tests.hostile import BILLION_LAUGHS, FORMULA_NAME, HYPERLINK, bomb, with_member
from consolidation import exports as consolidation_exports
from consolidation import imports, layout
from plans.models import Body, Item
from reports.models import Attachment, FigureValue, Indicator
from reports.tests.conftest import WRITING_TIME
from reports.tests.test_import import edited, upload

pytestmark = pytest.mark.django_db


def test_xlsx_bomb_is_a_fast_vietnamese_400(client_for, own_report, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    content = bomb(
        consolidation_exports.consolidated_xlsx(own_report.period), "xl/worksheets/sheet1.xml", inflated_mib=80
    )
    assert len(content) < 1024 * 1024
    started = time.monotonic()
    response = upload(client_for("vanhoaxahoi"), own_report.period, content)
    assert time.monotonic() - started < 5
    assert response.status_code == 400 and "sau khi giải nén quá lớn" in response.content.decode()
    assert not FigureValue.objects.exists() and not list(tmp_path.rglob("*.xlsx"))  # nothing kept


def test_xlsx_with_entity_declarations_is_refused(client_for, own_report):
    content = with_member(
        consolidation_exports.consolidated_xlsx(own_report.period), "xl/sharedStrings.xml", BILLION_LAUGHS
    )
    response = upload(client_for("vanhoaxahoi"), own_report.period, content)
    assert response.status_code == 400 and "DTD" in response.content.decode()


def test_formula_cell_is_a_row_error_not_a_blank(client_for, own_report):
    content = edited(own_report.period, {("thon-001", "2.c", "don-tiep-nhan"): "=2+3"})
    assert "=2+3" in [c.value for row in load_workbook(io.BytesIO(content))["Số liệu"].iter_rows() for c in row]
    result = imports.figures_import_read(period=own_report.period, content=content)
    assert not result.ok and len(result.errors) == 1
    row, message = result.errors[0]
    assert row > 1 and message.startswith("Ô chứa công thức, hãy dán giá trị")
    response = upload(client_for("vanhoaxahoi"), own_report.period, content)
    assert response.status_code == 400 and "Ô chứa công thức, hãy dán giá trị" in response.content.decode()
    assert not FigureValue.objects.exists()


def test_files_over_the_row_limit_are_refused(own_report, settings):
    content = consolidation_exports.consolidated_xlsx(own_report.period)
    rows = load_workbook(io.BytesIO(content))["Số liệu"].max_row - (layout.FIRST_DATA_ROW - 1)  # data rows
    settings.IMPORT_MAX_ROWS = rows
    assert imports.figures_import_read(period=own_report.period, content=content).ok
    settings.IMPORT_MAX_ROWS = rows - 1
    result = imports.figures_import_read(period=own_report.period, content=content)
    assert [m for _row, m in result.errors] == [
        f"Tệp có hơn {rows - 1} dòng dữ liệu: hãy chia nhỏ tệp hoặc chỉ giữ các dòng cần cập nhật."
    ]


def test_only_the_first_errors_are_listed_with_the_total(client_for, own_report, settings):
    settings.IMPORT_ERRORS_SHOWN = 3
    book = load_workbook(io.BytesIO(consolidation_exports.consolidated_xlsx(own_report.period)))
    sheet = book["Số liệu"]
    for row in sheet.iter_rows(min_row=layout.FIRST_DATA_ROW):
        row[0].value = "khong-co"  # every row: an unknown body
    total = sheet.max_row - (layout.FIRST_DATA_ROW - 1)
    out = io.BytesIO()
    book.save(out)
    result = imports.figures_import_read(period=own_report.period, content=out.getvalue())
    assert len(result.errors) == 3 and result.error_count == total and result.errors_hidden == total - 3
    first = layout.FIRST_DATA_ROW
    assert [row for row, _m in result.errors] == [first, first + 1, first + 2]
    page = upload(client_for("vanhoaxahoi"), own_report.period, out.getvalue()).content.decode()
    assert page.count("không có trong kỳ báo cáo") == 3
    assert f"Tổng cộng {total} lỗi" in page and f"còn {total - 3} lỗi nữa" in page


def test_consolidated_xlsx_holds_text_as_text_and_reads_back(own_report):
    """A body renamed like a formula, an item text and an indicator name likewise: no formula cell anywhere,
    the text exactly as typed, and the coordinator's round trip still reads it."""
    period = own_report.period
    Body.objects.filter(code="thon-001").update(name=FORMULA_NAME)
    Item.objects.filter(area__plan=period.plan).update(text=HYPERLINK)
    Indicator.objects.filter(code="don-tiep-nhan").update(name="@SUM(A1:A9)")
    content = consolidation_exports.consolidated_xlsx(period)
    book = load_workbook(io.BytesIO(content), data_only=False)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    values = [c.value for c in cells]
    assert FORMULA_NAME in values and HYPERLINK in values
    result = imports.figures_import_read(period=period, content=content)
    assert result.ok, result.errors
    changed = edited(period, {("thon-001", "2.c", "don-tiep-nhan"): 4})
    result = imports.figures_import_read(period=period, content=changed)
    assert result.ok and [(c.body, c.new) for c in result.changes] == [(FORMULA_NAME, 4)]


@time_machine.travel(WRITING_TIME, tick=False)
def test_attachment_named_like_a_path_with_markup_downloads_with_a_sane_name(
    client_for, own_report, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client = client_for("truongthon1")
    url = reverse("reports:attachment_add", args=[own_report.pk])
    pdf = b"%PDF-1.4\n%%EOF\n"
    assert client.post(url, {"file": SimpleUploadedFile("../../../../tmp/evil<b>x</b>.pdf", pdf)}).status_code == 302
    attachment = own_report.attachments.get()
    # Django's multipart parser keeps only what follows the last "/" ("b>.pdf"); the markup goes here.
    assert attachment.original_name == "b.pdf"
    response = client.get(attachment.get_absolute_url())
    assert response["Content-Disposition"] == 'attachment; filename="b.pdf"'
    # A name stored before names were cleaned is cleaned on the way out.
    Attachment.objects.filter(pk=attachment.pk).update(original_name="../../../../tmp/evil<b>x</b>.pdf")
    assert client.get(attachment.get_absolute_url())["Content-Disposition"] == 'attachment; filename="evilx.pdf"'
    Attachment.objects.filter(pk=attachment.pk).update(original_name="Biên bản họp.pdf")
    assert (
        client.get(attachment.get_absolute_url())["Content-Disposition"]
        == "attachment; filename*=utf-8''Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp.pdf"
    )


@time_machine.travel(WRITING_TIME, tick=False)
def test_docx_attachment_bomb_is_refused(client_for, own_report, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from camgiang_portal.tests.hostile import docx_bomb

    response = client_for("truongthon1").post(
        reverse("reports:attachment_add", args=[own_report.pk]),
        {"file": SimpleUploadedFile("bien-ban.docx", docx_bomb(80))},
    )
    assert response.status_code == 400 and "sau khi giải nén quá lớn" in response.content.decode()
    assert not own_report.attachments.exists()
