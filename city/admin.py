from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CityMember, CityPeriod


@admin.register(CityMember)
class CityMemberAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]


@admin.register(CityPeriod)
class CityPeriodAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "year", "code", "due_date"]
    list_filter = ["year", "code"]
