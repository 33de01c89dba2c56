"""Who may act in a commune, in a many-commune deployment: its own officials only.

`communes.middleware` decides which commune a request is for; this decides who the
request's user is there. Roles are platform-wide groups (a coordinator's model permissions are the same in
every commune), so without this Cẩm Giang's coordinator could open /xa/an-hai/… and act on An
Hải's pages with Cẩm Giang's role. Here:

- under a commune, a user who is not one of its officials (a member of one of its bodies) is nobody there: the
  public site as any citizen sees it, the login page for anything else. An official who just logged in on the
  wrong commune's page is sent on to their own start page instead of the login page again;
- at the platform's root, which holds no commune's pages, an official of a commune is sent to the same address
  under their commune's prefix, and anybody else gets the 404 (only the list of communes, the login and the
  platform's admin live there);
- a superuser (the platform's operator) acts everywhere.

In a one-commune deployment it does nothing. It runs after the current-commune middleware and the
authentication middleware, and costs one query per request of a signed-in user (their body's commune).
"""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponseRedirect
from django.urls import get_script_prefix
from django.utils.translation import gettext as _

from communes.current import many_communes

from .models import Membership

# What the platform's root serves besides the list of communes (`camgiang_portal.platform_urls`).
PLATFORM_PATHS = ("/accounts/", "/admin/", "/healthz", "/static/", "/xac-thuc/", "/i18n/")
# Where a login lands (settings.LOGIN_REDIRECT_URL): an official of another commune is sent on from here.
START_PATH = "/start/"


def user_commune(user):
    """The commune whose official `user` is (the commune of their body), or None; one query."""
    if not user.is_authenticated:
        return None
    # The base manager: whose official somebody is does not depend on the commune being served.
    membership = Membership._base_manager.select_related("body__commune").filter(user=user).first()
    return membership.body.commune if membership is not None and membership.body is not None else None


def _commune_address(request, commune, path: str, query: str = "") -> str:
    root = getattr(request, "platform_prefix", None) or get_script_prefix()
    address = f"{root.rstrip('/')}/xa/{commune.slug}{quote(path)}"
    return f"{address}?{query}" if query else address


class CommuneMemberMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not many_communes() or not hasattr(request, "commune"):
            return self.get_response(request)
        if request.commune is None:
            return self._at_platform_root(request) or self.get_response(request)
        user = request.user
        if user.is_authenticated and not user.is_superuser:
            own = user_commune(user)
            if own is None or own.pk != request.commune.pk:
                if own is not None and own.on_platform and request.path_info == START_PATH:
                    return HttpResponseRedirect(_commune_address(request, own, START_PATH))
                request.user = AnonymousUser()
        return self.get_response(request)

    @staticmethod
    def _at_platform_root(request):
        path = request.path_info
        if path == "/" or path.startswith(PLATFORM_PATHS):
            if path.startswith("/admin/") and request.user.is_authenticated and not request.user.is_superuser:
                own = user_commune(request.user)
                if own is not None:
                    return HttpResponseRedirect(
                        _commune_address(request, own, path, request.META.get("QUERY_STRING", ""))
                    )
            return None
        own = user_commune(request.user)
        if own is not None and own.on_platform:
            return HttpResponseRedirect(_commune_address(request, own, path, request.META.get("QUERY_STRING", "")))
        raise Http404(_("Trang này thuộc một xã, phường: xin chọn xã, phường ở trang chủ của cổng."))
