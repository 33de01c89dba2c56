"""Officials' page of the citizen-reception schedule: sessions of the year, and one to add or edit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions, selectors, services
from ..forms import ReceptionSessionForm
from ..models import ReceptionSession


@login_required
def reception_manage(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    session = permissions.get_reception_session_for_user(request.user, pk) if pk else None  # the door's 404/403
    if not permissions.can_manage_reception(request.user):
        raise PermissionDenied
    form = ReceptionSessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        try:
            services.reception_session_save(session=session, data=form.cleaned_data, by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã lưu lịch tiếp công dân."))
            return redirect("publicity:officials_reception")
    today = timezone.localdate()
    context = {
        "form": form,
        "session": session,
        "sessions": ReceptionSession.objects.filter(date__year=today.year).order_by("-date", "-start_time")[:60],
        "stats": selectors.reception_stats(today.year),
    }
    return render(
        request, "publicity/officials/reception.html", context, status=400 if request.method == "POST" else 200
    )
