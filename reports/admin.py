"""Admin of the reports app: indicators are configured here; reports are read here, changed only through the site."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from camgiang_portal.admin_base import ReadOnlyAdmin

from .models import ConsolidatedIssue, Indicator, ProgressReport, ReviewEvent


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "unit", "area", "item", "max_value", "not_above", "order"]
    list_filter = ["area__plan"]
    search_fields = ["name", "code"]
    raw_id_fields = ["area", "item", "not_above"]


class ReviewEventInline(admin.TabularInline):
    model = ReviewEvent
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "comment", "by", "at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ProgressReport)
class ProgressReportAdmin(SimpleHistoryAdmin):
    # State changes go through reports.workflow (events, permissions, lateness); the admin only reads.
    list_display = ["body", "period", "state", "first_submitted_at", "is_late", "reopened"]
    list_filter = ["period__plan", "period__code", "state", "is_late", "body__kind"]
    search_fields = ["body__name", "body__code"]
    readonly_fields = [f.name for f in ProgressReport._meta.fields]
    inlines = [ReviewEventInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ConsolidatedIssue)
class ConsolidatedIssueAdmin(ReadOnlyAdmin):
    # What an issued, signed paper holds: written once by consolidation.issuing.consolidated_issue, never edited.
    list_display = ["document", "period", "reports_count"]
    list_filter = ["period__plan"]
    deletable = False
