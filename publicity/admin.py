"""Admin for the publicity models (personal data read-only; workflow changes go through the officials' pages)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import DisclosureAttachment, DisclosureItem, Feedback, FeedbackStep, PersonalDataAccess, ReceptionSession


class StepInline(admin.TabularInline):
    model = FeedbackStep
    extra = 0
    can_delete = False
    readonly_fields = ["action", "by", "at", "body", "due_date", "note"]


@admin.register(Feedback)
class FeedbackAdmin(SimpleHistoryAdmin):
    list_display = ["code", "kind", "channel", "status", "village", "handling_body", "received_on"]
    list_filter = ["status", "kind", "channel"]
    search_fields = ["code"]
    inlines = [StepInline]
    # Personal data stays out of the admin: only the MTTQ's and the handling body's pages show it, logged.
    exclude = ["name", "phone", "email", "access_key"]
    readonly_fields = [f.name for f in Feedback._meta.fields if f.name not in ("name", "phone", "email", "access_key")]

    def has_add_permission(self, request):
        return False

    def revert_disabled(self, request, obj=None):
        # Reverting writes an old state past the workflow's steps, which publicity.state_guard refuses.
        return True


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(admin.ModelAdmin):
    list_display = ["feedback", "user", "at", "purpose"]
    readonly_fields = ["feedback", "user", "at", "purpose"]

    def has_add_permission(self, request):
        return False


class DisclosureAttachmentInline(admin.TabularInline):
    model = DisclosureAttachment
    extra = 0
    fields = ["original_name", "content_type", "size"]
    readonly_fields = fields


@admin.register(DisclosureItem)
class DisclosureItemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "category", "body", "status", "start_date"]
    list_filter = ["status", "category"]
    search_fields = ["title"]
    inlines = [DisclosureAttachmentInline]
    # The workflow (draft → published → archived, early end only with a reason) belongs to the officials'
    # pages and publicity.services; the admin corrects wording, never moves an item along it.
    readonly_fields = ["status", "published_at", "start_date", "archived_on", "withdrawal_reason", "created_by"]

    def has_add_permission(self, request):
        return False


@admin.register(ReceptionSession)
class ReceptionSessionAdmin(admin.ModelAdmin):
    list_display = ["date", "receiver", "place", "held", "citizens_received"]
    list_filter = ["held"]
