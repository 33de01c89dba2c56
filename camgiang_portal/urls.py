"""Root URLconf: the composition root, the one place that knows every app."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views
from .auth_forms import PortalAuthenticationForm

admin.site.site_header = _("Cổng thực hiện dân chủ ở cơ sở – xã Cẩm Giang")
admin.site.site_title = _("Quản trị cổng dân chủ Cẩm Giang")
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
