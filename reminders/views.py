"""Pages of the reminders app: a user's notifications; the coordinator's settings and e-mail words."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import forms, permissions, selectors, services
from .defaults import DEFAULTS
from .messages import legend, preview, templates_by_kind
from .models import NoticeKind, ReminderLog


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    """The user's notices, newest first; the ones shown are marked read (their unread state is shown once)."""
    page = Paginator(selectors.notifications_for(request.user), 30).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    services.notifications_mark_read(user=request.user, ids=[n.pk for n in rows if n.read_at is None])
    context = {"page": page, "rows": rows, "can_manage": permissions.can_manage(request.user)}
    return render(request, "reminders/notifications.html", context)


@login_required
def settings_edit(request: HttpRequest) -> HttpResponse:
    """The coordinator's page: offsets, which summaries go out, the words of each notice, what was sent."""
    permissions.require_manage(request.user)
    conf = selectors.reminder_settings()
    schedule = conf.schedule_words  # as saved: validating the form writes the typed values onto conf
    form = forms.SettingsForm(request.POST or None, instance=conf)
    if request.method == "POST" and form.is_valid():
        try:
            services.settings_update(
                **{name: form.cleaned_data[name] for name in forms.SettingsForm.Meta.fields}, by=request.user
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Đã lưu cài đặt nhắc hạn."))
            return redirect("reminders:settings")
    words = templates_by_kind()
    kinds = [
        {
            "kind": kind,
            "label": label,
            "subject": preview(kind, words[kind][0]) or words[kind][0],
            "edited": words[kind] != DEFAULTS[kind],
        }
        for kind, label in NoticeKind.choices
    ]
    logs = ReminderLog.objects.select_related("body", "period", "period__plan")[:50]
    context = {"form": form, "conf": conf, "schedule": schedule, "kinds": kinds, "logs": logs}
    return render(request, "reminders/settings.html", context, status=400 if request.method == "POST" else 200)


@login_required
def template_edit(request: HttpRequest, kind: str) -> HttpResponse:
    permissions.require_manage(request.user)
    if kind not in NoticeKind.values:
        raise Http404
    subject, body = templates_by_kind()[kind]
    form = forms.TemplateForm(request.POST or None, initial={"subject": subject, "body": body})
    if request.method == "POST" and form.is_valid():
        try:
            services.template_update(kind=kind, **form.cleaned_data, by=request.user)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Đã lưu mẫu thư."))
            return redirect("reminders:settings")
    status = 400 if request.method == "POST" else 200
    shown_subject, shown_body = (
        (form.data.get("subject", ""), form.data.get("body", "")) if form.is_bound else (subject, body)
    )
    context = {
        "form": form,
        "kind": kind,
        "label": NoticeKind(kind).label,
        "legend": legend(kind),
        "preview_subject": preview(kind, shown_subject),
        "preview_body": preview(kind, shown_body),
    }
    return render(request, "reminders/template_edit.html", context, status=status)


@login_required
@require_POST
def template_reset(request: HttpRequest, kind: str) -> HttpResponse:
    permissions.require_manage(request.user)
    if kind not in NoticeKind.values:
        raise Http404
    services.template_reset(kind=kind, by=request.user)
    messages.success(request, _("Đã khôi phục mẫu thư mặc định."))
    return redirect("reminders:settings")
