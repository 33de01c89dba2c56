"""Admin: issued papers are read-only (a signed file is never rewritten; a new version supersedes it)."""

from django.contrib import admin

from camgiang_portal.admin_base import ReadOnlyAdmin

from .models import DocumentCounter, IssuedDocument


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(ReadOnlyAdmin):
    list_display = ["symbol", "commune", "year", "title", "issued_at", "signer_name", "sha256"]
    list_filter = ["commune", "doc_type", "year"]
    search_fields = ["symbol", "title", "sha256"]
    deletable = False


@admin.register(DocumentCounter)
class DocumentCounterAdmin(ReadOnlyAdmin):
    list_display = ["commune", "year", "doc_type", "last_number"]
    list_filter = ["commune"]
    deletable = False
