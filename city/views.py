"""The city level's pages, at the platform's root (/thanh-pho/…): for the Sở Nội vụ and the city's leaders.

Every view goes through city.permissions (404 outside a many-commune platform's root, 403 for anybody but a
city official); the reads are city.selectors', the writes city.reminders' and the period form's.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from communes.models import Commune

from . import exports, fragments, permissions, reminders, selectors
from . import periods as city_periods
from .forms import CityPeriodForm, CityPlanForm
from .models import CityPeriod

KINDS = dict(Commune.Kind.choices)


def _kind(request: HttpRequest) -> str:
    kind = request.GET.get("loai", "")
    return kind if kind in KINDS else ""


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The city's dashboard: one period's completeness and timeliness, then each commune's report."""
    member = permissions.require_city_member(request.user)
    periods = list(CityPeriod.objects.all())
    chosen = request.GET.get("ky")
    city_period = permissions.city_period_or_404(chosen) if chosen else selectors.current_city_period()
    context = {"member": member, "periods": periods, "city_period": city_period, "kinds": KINDS}
    if city_period is not None:
        kind = _kind(request)
        pieces = fragments.home_pieces(city_period, kind)
        context.update(
            kind=kind,
            body_html=pieces["body_html"],
            unsent=int(pieces["unsent"]),
            can_act=permissions.can_act(member),
        )
    return render(request, "city/home.html", context)


@login_required
def figures(request: HttpRequest, pk: int) -> HttpResponse:
    """The standard figures summed over the communes that sent their report; each links to its communes."""
    member = permissions.require_city_member(request.user)
    city_period = permissions.city_period_or_404(pk)
    kind = _kind(request)
    pieces = fragments.figures_pieces(city_period, kind, request.GET.get("chi-tieu", ""), KINDS.get(kind, ""))
    if pieces is None:
        raise Http404(_("Không có chỉ tiêu này trong kỳ báo cáo."))
    context = {"member": member, "city_period": city_period, "kind": kind, "body_html": pieces["body_html"]}
    return render(request, "city/figures.html", context)


@login_required
def commune(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """One commune's report to the city: its state, every issued version, its figures."""
    member = permissions.require_city_member(request.user)
    city_period = permissions.city_period_or_404(pk)
    target = get_object_or_404(Commune, code=code, on_platform=True)
    [receipt] = selectors.receipts(city_period, [target])
    lines = selectors.figures([receipt])
    context = {
        "member": member,
        "city_period": city_period,
        "receipt": receipt,
        "commune": target,
        "lines": lines,
        "documents": selectors.commune_documents(receipt),
    }
    return render(request, "city/commune.html", context)


@login_required
def xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    permissions.require_city_member(request.user)
    city_period = permissions.city_period_or_404(pk)
    response = HttpResponse(
        exports.city_xlsx(city_period, _kind(request)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = content_disposition_header(True, exports.filename(city_period))
    return response


@login_required
@require_POST
def remind(request: HttpRequest, pk: int) -> HttpResponse:
    """The Sở Nội vụ's reminder to every commune that has not sent the period's report: once a day per commune,
    however many times it is clicked."""
    permissions.require_officer(request.user)
    city_period = permissions.city_period_or_404(pk)
    result = reminders.remind_unsent(city_period, notice=f"N{timezone.localdate():%y%m%d}")
    if result.claimed:
        messages.success(request, _("Đã gửi nhắc tới %(n)s xã, phường chưa gửi báo cáo.") % {"n": len(result.claimed)})
    if result.skipped:
        messages.info(request, _("%(n)s xã, phường đã được nhắc hôm nay.") % {"n": len(result.skipped)})
    if result.no_recipients:
        messages.warning(
            request,
            _("Không có địa chỉ thư của lãnh đạo, cán bộ đầu mối: %(names)s.")
            % {"names": ", ".join(result.no_recipients)},
        )
    if not (result.claimed or result.skipped or result.no_recipients):
        messages.info(request, _("Mọi xã, phường đã gửi báo cáo kỳ này."))
    return redirect(f"{reverse('city:home')}?ky={city_period.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def periods(request: HttpRequest) -> HttpResponse:
    """The city's reporting periods: listed for every city official; added by the Sở Nội vụ one by one, or all
    at once from the city's own plan."""
    member = permissions.require_city_member(request.user)
    if request.method == "POST":
        permissions.require_officer(request.user)
    is_import = request.method == "POST" and "plan_file" in request.FILES
    form = CityPeriodForm(request.POST if request.method == "POST" and not is_import else None)
    plan_form = CityPlanForm(request.POST, request.FILES) if is_import else CityPlanForm()
    if is_import and plan_form.is_valid():
        upload = plan_form.cleaned_data["plan_file"]
        try:
            created, updated = city_periods.periods_from_plan(source=upload.read(), filename=upload.name)
        except city_periods.PeriodsRefused as exc:
            plan_form.add_error("plan_file", exc.message)
        else:
            messages.success(
                request,
                _("Từ kế hoạch của thành phố: thêm %(created)s kỳ, cập nhật hạn %(updated)s kỳ.")
                % {"created": len(created), "updated": len(updated)},
            )
            return redirect("city:periods")
    elif request.method == "POST" and not is_import and form.is_valid():
        with transaction.atomic():
            city_period = form.save()
        messages.success(request, _("Đã thêm %(period)s.") % {"period": city_period})
        return redirect("city:periods")
    context = {
        "member": member,
        "form": form if permissions.can_act(member) else None,
        "plan_form": plan_form if permissions.can_act(member) else None,
        "periods": CityPeriod.objects.all(),
    }
    invalid = request.method == "POST"  # a valid POST has redirected above
    return render(request, "city/periods.html", context, status=400 if invalid else 200)
