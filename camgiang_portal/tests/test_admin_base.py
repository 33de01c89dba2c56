"""Records code writes once are read in the admin, never added, edited or (where they are papers) deleted."""

import pytest
from django.contrib import admin
from django.urls import reverse

from camgiang_portal.admin_base import ReadOnlyAdmin

pytestmark = pytest.mark.django_db


def test_read_only_records_open_but_cannot_be_added_edited_or_deleted(client_for, rf, user_named):
    client = client_for("admin")
    request = rf.get("/")
    request.user = user_named("admin")
    read_only = {
        model: model_admin
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, ReadOnlyAdmin)
    }
    labels = {model._meta.label for model in read_only}
    assert {
        "issuance.IssuedDocument",
        "issuance.DocumentCounter",
        "reports.ConsolidatedIssue",
        "reminders.ReminderLog",
    } <= labels
    for model, model_admin in read_only.items():
        opts = model._meta
        assert client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")).status_code == 200
        assert client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).status_code == 403
        assert not model_admin.has_change_permission(request)
    assert not read_only[
        next(m for m in read_only if m._meta.label == "issuance.IssuedDocument")
    ].has_delete_permission(request)
    assert read_only[next(m for m in read_only if m._meta.label == "reminders.ReminderLog")].has_delete_permission(
        request
    )
