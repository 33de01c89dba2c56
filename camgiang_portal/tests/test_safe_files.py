"""Uploaded archives bounded before parsing, spreadsheets holding text as text, sane download names (issue 13)."""

from __future__ import annotations

import ast
import csv
import io
import time
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.utils.http import content_disposition_header
from openpyxl import Workbook, load_workbook

from camgiang_portal import spreadsheet
from camgiang_portal.admin_base import SafeImportExportAdmin
from camgiang_portal.safe_files import ArchiveLimits, ArchiveRefused, archive_check, safe_filename
from camgiang_portal.tests.hostile import BILLION_LAUGHS, FORMULA_NAME, HYPERLINK, MIB, docx_bomb, with_member

BASE_DIR = Path(settings.BASE_DIR)


def small_docx() -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph("Kế hoạch thực hiện dân chủ ở cơ sở")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def refused(data, **kwargs) -> str:
    started = time.monotonic()
    with pytest.raises(ArchiveRefused) as error:
        archive_check(data, **kwargs)
    assert time.monotonic() - started < 5
    return error.value.message


# --- the archive check -------------------------------------------------------------------------------


def test_a_real_docx_passes():
    archive_check(small_docx(), required="word/document.xml")


def test_the_probes_bomb_is_refused_at_once_by_its_inflated_size():
    data = docx_bomb(80)
    assert len(data) < 1 * MIB  # what the 5 MB upload limit let through
    assert "sau khi giải nén quá lớn" in refused(data)


def test_a_bomb_under_the_total_is_refused_by_its_ratio():
    data = docx_bomb(20)
    limits = ArchiveLimits(max_bytes=100 * MIB, max_members=1000, max_ratio=100)
    assert "nén bất thường" in refused(data, limits=limits)


def test_too_many_members():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for n in range(1001):
            archive.writestr(f"x/{n}.txt", b"")
    assert "quá nhiều thành phần" in refused(out.getvalue())


def test_entity_declarations_are_refused_before_any_parser_sees_them():
    data = with_member(small_docx(), "word/document.xml", BILLION_LAUGHS)
    assert "DTD" in refused(data)
    utf16 = with_member(small_docx(), "word/styles.xml", BILLION_LAUGHS.decode().encode("utf-16"))
    assert "DTD" in refused(utf16)


def test_encrypted_and_invalid_zips():
    data = bytearray(with_member(small_docx(), "word/document.xml", b"<w:document/>"))
    # Set the "encrypted" flag of every entry (local headers and the central directory).
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            data[start + offset] |= 0x1
            start += 4
    assert "mật khẩu" in refused(bytes(data))
    assert "không đọc được" in refused(b"PK\x03\x04 not a zip").lower()
    assert "không đọc được" in refused(small_docx(), required="xl/workbook.xml").lower()


# --- spreadsheet cells -------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx", HYPERLINK])
def test_formula_like_text_is_neutralised_and_restored(text):
    assert spreadsheet.safe_cell(text) == "'" + text
    assert spreadsheet.unsafe_cell(spreadsheet.safe_cell(text)) == text


@pytest.mark.parametrize("value", ["Thôn Đông Giao", "", "'quoted", 5, -5, 1.5, None])
def test_other_values_are_unchanged(value):
    assert spreadsheet.safe_cell(value) == value
    assert spreadsheet.unsafe_cell(value) == value


def test_xlsx_append_keeps_the_text_exactly_but_never_as_a_formula():
    book = Workbook()
    spreadsheet.xlsx_append(book.active, [FORMULA_NAME, "Thôn 1", 3])
    out = io.BytesIO()
    book.save(out)
    cells = next(load_workbook(io.BytesIO(out.getvalue())).active.iter_rows())
    assert [c.value for c in cells] == [FORMULA_NAME, "Thôn 1", 3]
    assert [c.data_type for c in cells] == ["s", "s", "n"]
    assert cells[0].quotePrefix


def xlsx_cells(content: bytes):
    book = load_workbook(io.BytesIO(content), data_only=False)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            yield from row


def assert_no_formula_xlsx(content: bytes) -> None:
    cells = list(xlsx_cells(content))
    assert cells
    assert not [c.coordinate for c in cells if c.data_type == "f"]


def assert_no_formula_csv(text: str) -> None:
    for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))):
        for value in row:
            assert not value.startswith(spreadsheet.FORMULA_TRIGGERS), value


# --- every export ------------------------------------------------------------------------------------

# Where the portal writes spreadsheets: a module that does must use camgiang_portal.spreadsheet. A new
# export written without it fails here.
WRITERS = ("csv.writer(", "csv.DictWriter(", "Workbook(", "tablib.Dataset(", ".export_set(")
APPS = ("camgiang_portal", "plans", "reports", "consolidation", "issuance", "reminders", "publicity")


def _project_sources():
    for app in APPS:
        for path in (BASE_DIR / app).rglob("*.py"):
            if "tests" in path.parts or "migrations" in path.parts:
                continue
            yield path


def test_every_module_writing_a_spreadsheet_uses_the_helper():
    writers = {}
    for path in _project_sources():
        source = path.read_text(encoding="utf-8")
        if any(marker in source for marker in WRITERS):
            writers[path.relative_to(BASE_DIR).as_posix()] = source
    # The known exports (so this test cannot pass by finding nothing).
    assert {"publicity/views/opendata.py", "consolidation/exports.py", "camgiang_portal/spreadsheet.py"} <= set(writers)
    for name, source in writers.items():
        if name == "camgiang_portal/spreadsheet.py":
            continue
        imported = {
            alias.name
            for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.ImportFrom) and node.module == "camgiang_portal.spreadsheet"
            for alias in node.names
        }
        assert imported & {"safe_cell", "safe_row", "safe_dict", "xlsx_append", "xlsx_text"}, name


def test_every_import_export_admin_uses_the_safe_formats():
    from import_export.mixins import BaseImportExportMixin

    admins = [a for a in admin.site._registry.values() if isinstance(a, BaseImportExportMixin)]
    assert len(admins) >= 3  # bodies, officials, assignments
    for model_admin in admins:
        assert isinstance(model_admin, SafeImportExportAdmin), type(model_admin)
        formats = model_admin.get_export_formats() + model_admin.get_import_formats()
        assert formats and all(f in spreadsheet.FORMATS for f in formats), type(model_admin)


def _texts(row) -> list[str]:
    return ["" if v is None else str(v) for v in row]


@pytest.mark.django_db
def test_every_admin_export_writes_text_as_text(demo):
    """Each registered resource, in each export format, with a body and an official named like formulas."""
    from django.contrib.auth import get_user_model
    from import_export.mixins import BaseImportExportMixin

    from plans.models import Body
    from plans.tests.factories import small_plan

    Body.objects.filter(code="thon-001").update(name=FORMULA_NAME, email="")
    small_plan(list(Body.objects.filter(code="thon-001")))  # assignments to export
    user = get_user_model().objects.get(username="truongthon1")
    user.first_name, user.last_name = "+cmd", HYPERLINK
    user.save()
    seen = 0
    for model_admin in admin.site._registry.values():
        if not isinstance(model_admin, BaseImportExportMixin):
            continue
        for resource_class in model_admin.get_export_resource_classes(None):
            dataset = resource_class().export()
            assert len(dataset)
            for fmt in model_admin.get_export_formats():
                content = fmt().export_data(dataset)
                if fmt is spreadsheet.SafeXLSX:
                    assert_no_formula_xlsx(content)
                    again = fmt().create_dataset(content)
                else:
                    assert_no_formula_csv(content)
                    again = fmt(encoding="utf-8").create_dataset(content)
                # …and reads back as the text itself (the apostrophe of the CSV taken off again).
                assert [_texts(r) for r in again] == [_texts(r) for r in dataset]
                seen += 1
    assert seen >= 6
    body_export = spreadsheet.SafeCSV().export_data(
        admin.site._registry[Body].get_export_resource_classes(None)[0]().export()
    )
    assert "'" + FORMULA_NAME.replace('"', '""') in body_export


@pytest.mark.django_db
def test_admin_import_refuses_a_bomb_formulas_and_too_many_rows(demo, client_for, settings):
    from django.urls import reverse

    client = client_for("admin")
    url = reverse("admin:plans_body_import")
    xlsx_index = str(spreadsheet.FORMATS.index(spreadsheet.SafeXLSX))

    def post(content: bytes):
        from django.core.files.uploadedfile import SimpleUploadedFile

        return client.post(
            url, {"format": xlsx_index, "resource": "0", "import_file": SimpleUploadedFile("co-quan.xlsx", content)}
        )

    book = Workbook()
    sheet = book.active
    sheet.append(["code", "name", "kind", "email", "order"])
    sheet.append(["thon-moi", "=1+2", "village", "", 1])  # openpyxl writes this as a formula
    out = io.BytesIO()
    book.save(out)
    formula = post(out.getvalue())
    assert "Ô chứa công thức, hãy dán giá trị" in formula.content.decode()
    started = time.monotonic()
    bomb = post(with_member(out.getvalue(), "xl/worksheets/sheet1.xml", b" " * (30 * MIB)))
    assert time.monotonic() - started < 5
    assert "sau khi giải nén quá lớn" in bomb.content.decode()
    settings.IMPORT_MAX_ROWS = 1
    sheet.cell(row=2, column=2).value = "Thôn mới"
    sheet.append(["thon-moi-2", "Thôn mới 2", "village", "", 2])
    out = io.BytesIO()
    book.save(out)
    assert "hơn 1 dòng dữ liệu" in post(out.getvalue()).content.decode()
    from plans.models import Body

    assert not Body.objects.filter(code__startswith="thon-moi").exists()


# --- download names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../../../tmp/evil<b>x</b>.pdf", "evilx.pdf"),
        ("b>.pdf", "b.pdf"),  # what Django's multipart parser leaves of the probe's name
        ("..\\..\\Windows\\bien-ban.docx", "bien-ban.docx"),
        ("Biên bản họp thôn.pdf", "Biên bản họp thôn.pdf"),
        ("bao\r\ncao\x00.pdf", "baocao.pdf"),
        ("\u202efdp.exe", "fdp.exe"),
        ("..", "tep"),
        ("", "tep"),
        (".pdf", "tep.pdf"),
    ],
)
def test_safe_filename(name, expected):
    assert safe_filename(name) == expected


def test_long_names_keep_their_extension():
    name = safe_filename("a" * 400 + ".xlsx")
    assert name.endswith(".xlsx") and len(name) <= 150


def test_header_of_a_vietnamese_name_is_rfc_6266():
    header = content_disposition_header(True, safe_filename("../Biên bản <i>họp</i>.pdf"))
    assert header == "attachment; filename*=utf-8''Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp.pdf"


def test_openpyxl_parses_through_defusedxml():
    """requirements.txt pins defusedxml; openpyxl then refuses DTDs itself (behind archive_check's own scan)."""
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML, "defusedxml missing: run pip install -r requirements.txt"
