"""Admin for communes: the official list is read-only here; the platform's own fields (host) are edited."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Commune


@admin.register(Commune)
class CommuneAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "kind", "slug", "host", "on_platform", "in_official_list"]
    list_filter = ["kind", "on_platform", "in_official_list", "province_name"]
    search_fields = ["name", "code", "slug", "host"]
    # The official list owns these (communes_sync); putting a commune on the platform creates its accounts,
    # so it is `manage.py commune_add`, never a checkbox.
    readonly_fields = [
        "code",
        "name",
        "kind",
        "slug",
        "province_code",
        "province_name",
        "on_platform",
        "in_official_list",
        "created_at",
        "updated_at",
    ]
    fields = [
        "code",
        "name",
        "kind",
        "slug",
        "province_code",
        "province_name",
        "host",
        "on_platform",
        "in_official_list",
        "created_at",
        "updated_at",
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
