"""Admin of the reminders app: settings and words editable; logs and notifications read-only."""

from django.contrib import admin
from django.core.exceptions import ValidationError

from camgiang_portal.admin_base import ReadOnlyAdmin
from communes.models import Commune

from . import messages
from .models import (
    NoticeTemplate,
    Notification,
    ReminderLog,
    ReminderSettings,
    SummaryLog,
)


class OfItsCommune:
    """A row stays its commune's: the commune is chosen when the row is added, never changed."""

    def get_readonly_fields(self, request, obj=None):
        return ["commune"] if obj is not None else []


@admin.register(ReminderSettings)
class ReminderSettingsAdmin(OfItsCommune, admin.ModelAdmin):
    list_display = ["commune", "days_before", "days_after", "enabled", "digest_enabled", "leadership_enabled"]

    def has_add_permission(self, request):
        # One row per commune: another only while a commune on the platform has none.
        return Commune.objects.filter(on_platform=True, reminder_settings__isnull=True).exists()


@admin.register(NoticeTemplate)
class NoticeTemplateAdmin(OfItsCommune, admin.ModelAdmin):
    list_display = ["kind", "commune", "subject", "updated_at"]
    list_filter = ["commune", "kind"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        def clean(self):
            data = super(form, self).clean()
            if data.get("kind") and data.get("subject") and data.get("body"):
                try:
                    messages.check_words(data["kind"], data["subject"], data["body"])
                except ValidationError as exc:
                    raise ValidationError(list(exc.message_dict.values())[0]) from exc
            return data

        form.clean = clean
        return form


@admin.register(ReminderLog)
class ReminderLogAdmin(ReadOnlyAdmin):
    list_display = ["body", "period", "notice", "status", "claimed_at", "sent_at", "attempts"]
    list_filter = ["status", "notice", "period"]
    search_fields = ["body__name"]


@admin.register(SummaryLog)
class SummaryLogAdmin(ReadOnlyAdmin):
    list_display = ["kind", "commune", "key", "status", "claimed_at", "sent_at", "attempts"]
    list_filter = ["commune", "kind", "status"]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["user", "period", "notice", "title", "created_at", "read_at"]
    list_filter = ["notice", "period"]
    search_fields = ["user__username", "title"]
