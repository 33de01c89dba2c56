"""Views of the composition root: each official's start page, the health check and the error pages."""

from __future__ import annotations

import logging
import sys

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from communes import sites
from communes.current import current_commune, many_communes
from consolidation import fragments as consolidation_fragments
from consolidation import selectors as consolidation_selectors
from plans import middleware as plans_middleware
from plans import permissions as plans_permissions
from plans import selectors as plans_selectors
from publicity import selectors as publicity_selectors
from reports import permissions as reports_permissions
from reports import selectors as reports_selectors

logger = logging.getLogger(__name__)


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """Each official's landing page, one panel per app: the coordinator lands on the dashboard, leadership on it
    read-only, a reporting body on its forms, everyone else on the plan and their body's work; publicity's
    waiting cases and disclosures on top. Composed here, the one place that knows every app: no app's view
    calls another's."""
    user = request.user
    context = {
        "membership": plans_permissions.membership_of(user),
        "publicity": publicity_selectors.start_counts(user),
    }
    plan_id = consolidation_selectors.current_plan_id() if reports_permissions.can_view_dashboard(user) else None
    if plan_id is not None:
        can_review = reports_permissions.can_review(user)
        context["dashboard"] = {
            "can_review": can_review,
            **consolidation_fragments.dashboard_pieces(plan_id, can_review=can_review),
        }
        return render(request, "start.html", context)
    body = plans_permissions.body_of(user)
    plan = plans_selectors.plan_current()
    reports = list(reports_selectors.body_reports(body, plan)) if body else []
    if reports:
        context["reports"] = _reports_panel(user, body, plan, reports)
    else:
        # Roles with no reporting work: the plan in force and their body's assignments.
        context["plans"] = _plans_panel(user, body, plan)
    return render(request, "start.html", context)


def _reports_panel(user, body, plan, reports) -> dict:
    for report in reports:
        report.open_for_body = reports_permissions.is_open_for(report)
    return {
        "body": body,
        "can_open_body": plans_permissions.can_open_body(user, body),
        "plan": plan,
        "reports": reports,
        "can_view_consolidated": reports_permissions.can_view_consolidated(user),
        "duties": plans_selectors.body_duties(body, plan),
    }


def _plans_panel(user, body, plan) -> dict:
    return {
        "body": body,
        "can_open_body": plans_permissions.can_open_body(user, body),
        "plan": plan,
        "assignments": plans_selectors.body_assignments(body, plan) if body else [],
        "duties": plans_selectors.body_duties(body, plan) if body else [],
        "periods": plans_selectors.plan_periods(plan) if plan else [],
        "can_manage_plans": plans_permissions.can_manage_plans(user),
    }


def _broker_ok() -> bool:
    if not settings.REDIS_URL:
        return True
    import redis

    try:
        return bool(redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1).ping())
    except redis.RedisError:
        return False


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """200 "ok" after a real database round trip (and a broker ping when Redis is configured), else 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means unhealthy, whatever the driver raises
        logger.exception("healthz: database unavailable")
        return HttpResponse("database unavailable", status=503, content_type="text/plain; charset=utf-8")
    if not _broker_ok():
        return HttpResponse("broker unavailable", status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


def error_400(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "400.html", status=400)


def error_403(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_404(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    # A database outage met in a middleware (sessions, auth) never reaches DatabaseUnavailableMiddleware:
    # Django turns it into this handler's call, still inside its except block, so it is told apart here.
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        return database_unavailable()
    # No request context: its processors (the signed-in user, notifications) may be what failed.
    return HttpResponse(render_to_string("500.html"), status=500)


def database_unavailable() -> HttpResponse:
    """The Vietnamese 503 page, rendered without the request: nothing on it may touch the database."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = "30"
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)


class PortalPasswordResetForm(PasswordResetForm):
    """Each user's reset mail is their commune's: its name, its sender and the link at its own address (a
    many-commune deployment's user of no commune gets the platform's); never the request's Host header."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        commune = plans_middleware.user_commune(context["user"]) if many_communes() else current_commune()
        link = reverse("password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]})
        if commune is not None:
            words = {"kind": commune.kind_word, "name": commune.place_name}
            portal, short = (
                _("Cổng thực hiện dân chủ ở cơ sở %(kind)s %(name)s") % words,
                _("Cổng dân chủ %(kind)s %(name)s") % words,
            )
        else:
            portal = short = sites.platform_name()
        context = {
            **context,
            "reset_url": sites.commune_site_url(commune, link),
            "portal": portal,
            "portal_short": short,
        }
        sender = sites.commune_from_email(commune)
        super().send_mail(subject_template_name, email_template_name, context, sender, to_email, **kwargs)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset view, with each user's mail built by PortalPasswordResetForm."""

    form_class = PortalPasswordResetForm
