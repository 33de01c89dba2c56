from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CityIssue, CityMember, CityPeriod


@admin.register(CityMember)
class CityMemberAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "position"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]


@admin.register(CityPeriod)
class CityPeriodAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "year", "code", "due_date"]
    list_filter = ["year", "code"]


@admin.register(CityIssue)
class CityIssueAdmin(admin.ModelAdmin):
    """What the city issued: read here, written only by city.issuing (with its signed paper)."""

    list_display = ["__str__", "draft_version", "created_at"]
    readonly_fields = ["city_period", "document", "draft_version", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
