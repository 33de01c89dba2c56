"""Admin: issued papers are read-only (a signed file is never rewritten; a new version supersedes it)."""

from django.contrib import admin

from .models import DocumentCounter, IssuedDocument


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(admin.ModelAdmin):
    list_display = ["symbol", "year", "title", "issued_at", "signer_name", "sha256"]
    list_filter = ["doc_type", "year"]
    search_fields = ["symbol", "title", "sha256"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DocumentCounter)
class DocumentCounterAdmin(admin.ModelAdmin):
    list_display = ["year", "doc_type", "last_number"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
