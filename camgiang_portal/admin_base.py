"""Admin pieces every app uses: records that code writes once and people only read; safe spreadsheet import/export."""

from django.contrib import admin
from django.utils.translation import gettext as _
from import_export.admin import ImportExportModelAdmin

from . import spreadsheet


class ReadOnlyAdmin(admin.ModelAdmin):
    """Listed and opened, never added or edited here; `deletable = False` keeps rows too (issued papers, numbers)."""

    deletable = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return self.deletable and super().has_delete_permission(request, obj)


class SafeImportExportAdmin(ImportExportModelAdmin):
    """The admin's CSV/XLSX import and export through camgiang_portal.spreadsheet's formats: text written as
    text (no formula cells), uploads bounded (archive checked, rows capped, formulas refused), and a refused
    file's Vietnamese reason shown as is."""

    formats = spreadsheet.FORMATS

    def get_import_formats(self):
        return [f for f in spreadsheet.FORMATS if f().can_import()]

    def get_export_formats(self):
        return [f for f in spreadsheet.FORMATS if f().can_export()]

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, spreadsheet.SpreadsheetRefused):
            form.add_error("import_file", e.message)
        else:
            form.add_error("import_file", _("Không đọc được tệp: hãy kiểm tra định dạng (CSV hoặc XLSX) của tệp."))
