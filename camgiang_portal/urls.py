"""Root URLconf: the composition root, the one place that knows every app."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from communes import sites
from communes.current import many_communes

from . import views
from .auth_forms import PortalAuthenticationForm


def _admin_header() -> str:
    # The admin of a many-commune deployment is the platform's, not one commune's.
    if many_communes():
        return sites.platform_name()
    return str(_("Cổng thực hiện dân chủ ở cơ sở – xã Cẩm Giang"))


def _admin_title() -> str:
    if many_communes():
        return _("Quản trị cổng dân chủ %(province)s") % {"province": sites.province_words()}
    return str(_("Quản trị cổng dân chủ Cẩm Giang"))


# Lazy, so each page reads the deployment's mode when it renders (as the admin's templates print them).
admin.site.site_header = lazy(_admin_header, str)()
admin.site.site_title = lazy(_admin_title, str)()
admin.site.index_title = _("Quản trị")

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=PortalAuthenticationForm, redirect_authenticated_user=True),
        name="login",
    ),
    # The reset link is built from SITE_URL, never from the Host header a request happens to carry.
    path(
        "accounts/password_reset/",
        views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    # Each official's start page, composed here from every app's panel.
    path("start/", views.start, name="start"),
    path("plans/", include("plans.urls")),
    path("reports/", include("reports.urls")),
    path("reports/", include("consolidation.urls")),
    path("reminders/", include("reminders.urls")),
    path("admin/", admin.site.urls),
    # The public verification page /xac-thuc/ and issuing (/plans/<id>/ban-hanh/).
    path("", include("issuance.urls")),
    path("", include("publicity.urls")),
]

handler400 = "camgiang_portal.views.error_400"
handler403 = "camgiang_portal.views.error_403"
handler404 = "camgiang_portal.views.error_404"
handler500 = "camgiang_portal.views.error_500"
