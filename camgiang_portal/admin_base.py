"""Admin pieces every app uses: records that code writes once and people only read."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Listed and opened, never added or edited here; `deletable = False` keeps rows too (issued papers, numbers)."""

    deletable = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return self.deletable and super().has_delete_permission(request, obj)
