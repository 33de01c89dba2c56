"""Admin for every plans model."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from camgiang_portal.admin_base import SafeImportExportAdmin
from communes.services import home_commune

from .models import (
    Assignment,
    Body,
    ContentArea,
    Duty,
    Item,
    LegalBasis,
    Membership,
    Plan,
    Recipient,
    ReportingPeriod,
    Task,
)
from .resources import AssignmentResource, BodyResource, OfficialResource


@admin.register(Body)
class BodyAdmin(SafeImportExportAdmin):
    resource_classes = [BodyResource]
    list_display = ["name", "code", "kind", "commune", "email", "needs_confirmation"]
    list_filter = ["kind", "needs_confirmation", "commune"]
    search_fields = ["name", "code", "email"]
    list_select_related = ["commune"]

    def get_changeform_initial_data(self, request):
        return {"commune": home_commune().pk, **super().get_changeform_initial_data(request)}


@admin.register(Membership)
class MembershipAdmin(SafeImportExportAdmin):
    resource_classes = [OfficialResource]
    list_display = ["user", "role", "body"]
    list_filter = ["role", "body__kind"]
    search_fields = ["user__username", "body__name"]
    list_select_related = ["user", "body"]


class AreaInline(admin.TabularInline):
    model = ContentArea
    extra = 0


class PeriodInline(admin.TabularInline):
    model = ReportingPeriod
    extra = 0


class RecipientInline(admin.TabularInline):
    model = Recipient
    extra = 0


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "year", "number", "symbol", "status"]
    list_filter = ["status", "year"]
    inlines = [AreaInline, PeriodInline, RecipientInline]


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ["__str__", "area"]
    list_filter = ["area__plan"]
    list_select_related = ["area"]


@admin.register(Assignment)
class AssignmentAdmin(SafeImportExportAdmin, SimpleHistoryAdmin):
    resource_classes = [AssignmentResource]
    list_display = ["item", "body", "role"]
    list_filter = ["role", "body__kind"]
    list_select_related = ["item", "item__area", "body"]


admin.site.register(ContentArea)
admin.site.register(LegalBasis)
admin.site.register(Duty)
admin.site.register(ReportingPeriod)
admin.site.register(Recipient)


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["assignment", "period", "due_date"]
    list_select_related = ["assignment__item__area", "assignment__body", "period__plan"]
