"""Officials' disclosure pages: the list with each item's checks, editing, publishing, ending, loudspeaker days."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import permissions, rules, services
from ..forms import ArchiveForm, DisclosureEditForm, LoudspeakerForm
from ..models import DisclosureItem


@login_required
def disclosure_manage_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can_manage_disclosures(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    items = permissions.disclosures_for_manager(request.user).select_related("body").order_by("-created_at")
    page = Paginator(items, 30).get_page(request.GET.get("page"))
    rows = [(item, rules.checks(item, today)) for item in page]
    return render(request, "publicity/officials/disclosure_list.html", {"page": page, "rows": rows})


@login_required
def disclosure_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = request.user
    item = permissions.get_disclosure_for_manager(user, pk) if pk else None
    if item is None and not permissions.can_add_disclosure(user):
        raise PermissionDenied
    form = DisclosureEditForm(
        request.POST or None, request.FILES or None, instance=item, bodies=permissions.disclosure_bodies_for_user(user)
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "attachments"}
        try:
            saved = services.disclosure_save(item=item, by=user, data=data, files=form.cleaned_data["attachments"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã lưu nội dung công khai."))
            return redirect("publicity:officials_disclosure", pk=saved.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "publicity/officials/disclosure_edit.html", {"form": form, "item": item}, status=status)


def _disclosure_context(request, item: DisclosureItem, **forms) -> dict:
    today = timezone.localdate()
    context = {
        "item": item,
        "checks": rules.checks(item, today),
        "attachments": item.attachments.all(),
        "history": item.history.select_related("history_user").order_by("-history_date")[:20],
        "archive_form": ArchiveForm(),
        "loudspeaker_form": LoudspeakerForm(initial={"days": item.loudspeaker_days}),
        "disclose_by": rules.disclose_by(item.decision_date) if item.decision_date else None,
    }
    context.update(forms)
    return context


@login_required
def disclosure_manage_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = permissions.get_disclosure_for_manager(request.user, pk)
    return render(request, "publicity/officials/disclosure_detail.html", _disclosure_context(request, item))


@login_required
@require_POST
def disclosure_publish(request: HttpRequest, pk: int) -> HttpResponse:
    item = permissions.get_disclosure_for_manager(request.user, pk)
    try:
        services.disclosure_publish(item=item, by=request.user)
    except ValidationError as exc:
        return render(
            request,
            "publicity/officials/disclosure_detail.html",
            {**_disclosure_context(request, item), "error": " ".join(exc.messages)},
            status=400,
        )
    messages.success(request, _("Đã đăng công khai."))
    return redirect("publicity:officials_disclosure", pk=item.pk)


@login_required
@require_POST
def disclosure_archive(request: HttpRequest, pk: int) -> HttpResponse:
    item = permissions.get_disclosure_for_manager(request.user, pk)
    form = ArchiveForm(request.POST)
    if form.is_valid():
        try:
            services.disclosure_archive(item=item, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã kết thúc công khai."))
            return redirect("publicity:officials_disclosure", pk=item.pk)
    return render(
        request,
        "publicity/officials/disclosure_detail.html",
        _disclosure_context(request, item, archive_form=form),
        status=400,
    )


@login_required
@require_POST
def disclosure_loudspeaker(request: HttpRequest, pk: int) -> HttpResponse:
    item = permissions.get_disclosure_for_manager(request.user, pk)
    form = LoudspeakerForm(request.POST)
    if form.is_valid():
        services.disclosure_loudspeaker_record(item=item, by=request.user, days=form.cleaned_data["days"])
        messages.success(request, _("Đã cập nhật số ngày phát trên loa."))
        return redirect("publicity:officials_disclosure", pk=item.pk)
    return render(
        request,
        "publicity/officials/disclosure_detail.html",
        _disclosure_context(request, item, loudspeaker_form=form),
        status=400,
    )
